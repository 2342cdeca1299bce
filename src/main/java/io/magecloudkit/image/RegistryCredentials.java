package io.magecloudkit.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magecloudkit.MckException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials for plain OCI registries: {@code MCK_REGISTRY_USERNAME} / {@code MCK_REGISTRY_PASSWORD}
 * first, else the {@code auths} of the Docker config file. Credential helpers are not run.
 */
public final class RegistryCredentials {
    public static final String USERNAME_ENV = "MCK_REGISTRY_USERNAME";
    public static final String PASSWORD_ENV = "MCK_REGISTRY_PASSWORD";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryCredentials() {
    }

    /** The Docker config file: $DOCKER_CONFIG/config.json, else ~/.docker/config.json. */
    public static Path dockerConfigFile(Map<String, String> env) {
        String dir = env.get("DOCKER_CONFIG");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir, "config.json");
        }
        return Path.of(System.getProperty("user.home"), ".docker", "config.json");
    }

    /** The login for {@code registryHost} from the environment, then the Docker config; empty = anonymous. */
    public static Optional<RegistryLogin> find(String registryHost, Map<String, String> env, Path dockerConfig) {
        String user = env.get(USERNAME_ENV);
        String password = env.get(PASSWORD_ENV);
        if (user != null && !user.isBlank()) {
            if (password == null) {
                throw new MckException(MckException.Kind.USAGE, USERNAME_ENV + " is set but " + PASSWORD_ENV + " is not");
            }
            return Optional.of(new RegistryLogin(user, password, USERNAME_ENV));
        }
        if (dockerConfig != null && Files.isRegularFile(dockerConfig)) {
            try {
                return fromDockerConfig(Files.readString(dockerConfig), registryHost, dockerConfig.toString());
            } catch (IOException e) {
                throw new MckException(MckException.Kind.USAGE, "cannot read Docker config " + dockerConfig + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * Finds {@code auths.<host>.auth} (base64 "user:password"), matching the host with or without
     * a scheme and path ("https://host/v1/" is how docker login writes Docker Hub).
     */
    static Optional<RegistryLogin> fromDockerConfig(String json, String registryHost, String where) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            // The parser's message may quote the file's content, which holds secrets.
            throw new MckException(MckException.Kind.USAGE, "Docker config " + where + " is not valid JSON");
        }
        JsonNode auths = root == null ? null : root.get("auths");
        if (auths == null || !auths.isObject()) {
            return Optional.empty();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!hostOf(e.getKey()).equalsIgnoreCase(hostOf(registryHost))) {
                continue;
            }
            JsonNode auth = e.getValue().get("auth");
            if (auth != null && auth.isTextual() && !auth.asText().isEmpty()) {
                String decoded;
                try {
                    decoded = new String(Base64.getDecoder().decode(auth.asText().trim()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException ex) {
                    throw new MckException(MckException.Kind.USAGE, "Docker config " + where + ": auths." + e.getKey() + ".auth is not base64");
                }
                int colon = decoded.indexOf(':');
                if (colon <= 0) {
                    throw new MckException(MckException.Kind.USAGE, "Docker config " + where + ": auths." + e.getKey() + ".auth is not user:password");
                }
                return Optional.of(new RegistryLogin(decoded.substring(0, colon), decoded.substring(colon + 1), where));
            }
            JsonNode user = e.getValue().get("username");
            JsonNode password = e.getValue().get("password");
            if (user != null && password != null) {
                return Optional.of(new RegistryLogin(user.asText(), password.asText(), where));
            }
        }
        return Optional.empty();
    }

    static String hostOf(String key) {
        String s = key.replaceFirst("^[a-zA-Z]+://", "");
        int slash = s.indexOf('/');
        s = slash < 0 ? s : s.substring(0, slash);
        // Docker Hub is written three ways.
        if (s.equals("index.docker.io") || s.equals("registry-1.docker.io")) {
            return "docker.io";
        }
        return s;
    }
}
