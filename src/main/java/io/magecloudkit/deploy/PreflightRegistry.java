package io.magecloudkit.deploy;

import io.magecloudkit.MckException;
import io.magecloudkit.deploy.PreflightCheck.ImageSeen;
import io.magecloudkit.deploy.PreflightCheck.ImageState;
import io.magecloudkit.image.RegistryAccessException;
import io.magecloudkit.image.RegistryCredentials;
import io.magecloudkit.image.RegistryLogin;
import io.magecloudkit.image.RegistryManifests;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The preflight's look at an image outside ECR: its manifest by digest through the registry's HTTP
 * API. Asked only of registries the pipeline already speaks to, so no credentials go anywhere new
 * and no unknown host is contacted: the environment's {@code images.registry} (type oci), with the
 * login build-images uses ({@code MCK_REGISTRY_USERNAME} / {@code MCK_REGISTRY_PASSWORD}, else the
 * Docker config), and any registry the Docker config has a login for. Other registries are noted as
 * not checked. A registry that cannot be reached or refuses the login is an access problem.
 */
final class PreflightRegistry {
    private final String configuredHost;
    private final Map<String, String> environment;
    private final Path dockerConfig;

    /**
     * @param configuredHost the host[:port] of the environment's OCI registry; null when it has none
     * @param environment    the process environment: the registry login variables and DOCKER_CONFIG
     */
    PreflightRegistry(String configuredHost, Map<String, String> environment) {
        this.configuredHost = configuredHost;
        this.environment = Map.copyOf(environment);
        this.dockerConfig = RegistryCredentials.dockerConfigFile(environment);
    }

    /** The host[:port] part of an {@code images.registry.url} ({@code host[:port][/prefix]}); null for none. */
    static String hostOf(String registryUrl) {
        if (registryUrl == null || registryUrl.isBlank()) {
            return null;
        }
        String s = registryUrl.replaceFirst("^[a-zA-Z]+://", "");
        int slash = s.indexOf('/');
        return slash < 0 ? s : s.substring(0, slash);
    }

    ImageSeen look(String reference) {
        Optional<RegistryManifests.Reference> parsed = RegistryManifests.parse(reference);
        if (parsed.isEmpty()) {
            return new ImageSeen(ImageState.UNCHECKED, "not a valid image reference");
        }
        RegistryManifests.Reference image = parsed.get();
        if (image.digest() == null) {
            return new ImageSeen(ImageState.UNCHECKED, "not pinned by digest");
        }
        boolean configured = image.registry().equalsIgnoreCase(configuredHost);
        // The login variables are the configured registry's; the Docker config names its hosts itself.
        Optional<RegistryLogin> login = RegistryCredentials.find(image.registry(), configured ? environment : Map.of(), dockerConfig);
        if (!configured && login.isEmpty()) {
            return new ImageSeen(ImageState.UNCHECKED, "registry " + image.registry()
                    + " is not this environment's images.registry and has no login in the Docker config");
        }
        try {
            return RegistryManifests.exists(image, login.orElse(null))
                    ? new ImageSeen(ImageState.FOUND, null)
                    : new ImageSeen(ImageState.MISSING, null);
        } catch (RegistryAccessException e) {
            return new ImageSeen(ImageState.INACCESSIBLE, e.getMessage());
        } catch (MckException e) {
            if (e.kind() != MckException.Kind.OPERATION_FAILED) {
                throw e;
            }
            return new ImageSeen(ImageState.INACCESSIBLE, e.getMessage());
        }
    }
}
