package io.magecloudkit.image;

import io.magecloudkit.MckException;
import java.nio.file.Path;

/**
 * Where a build goes, from the command line and the configuration: --registry / --registry-type
 * win; with neither, the environment's {@code images.registry}; with nothing, OCI tar files in
 * --output. For ECR, "ecr" or "ecr/PREFIX" stands for the account's registry (its host comes from
 * the token). Pure: no I/O.
 */
final class TargetChoice {
    private TargetChoice() {
    }

    /**
     * @param registry     --registry, or null
     * @param registryType --registry-type (oci, ecr, tar), or null
     * @param output       --output (or its default), absolute
     * @param outputGiven  whether --output was on the command line
     */
    record Options(String registry, String registryType, Path output, boolean outputGiven) {
    }

    /** {@code images.registry} of the environment: type ecr / oci / tar, url, path (may be null). */
    record Configured(String type, String url, String path) {
    }

    /**
     * @param configured the environment's registry, or null without --env
     * @throws MckException USAGE for a combination that names no target
     */
    static Target choose(Options o, Configured configured) {
        if (o.registry() == null && o.registryType() == null && configured != null) {
            return fromConfig(configured, o);
        }
        String type = o.registryType() != null ? o.registryType() : o.registry() == null ? "tar" : "oci";
        switch (type) {
            case "tar" -> {
                if (o.registry() != null) {
                    throw new MckException(MckException.Kind.USAGE, "--registry-type tar takes no --registry (use --output DIR)");
                }
                return new Target.TarDirectory(o.output().toAbsolutePath().normalize());
            }
            case "ecr" -> {
                return ecr(o.registry());
            }
            case "oci" -> {
                if (o.registry() == null) {
                    throw new MckException(MckException.Kind.USAGE, "--registry-type oci needs --registry HOST[:PORT][/PREFIX]");
                }
                return Target.Registry.parse(o.registry(), Target.RegistryType.OCI);
            }
            default -> throw new MckException(MckException.Kind.USAGE, "unknown registry type '" + type + "' (oci, ecr or tar)");
        }
    }

    private static Target fromConfig(Configured c, Options o) {
        return switch (c.type()) {
            case "ecr" -> ecr(c.url());
            case "oci" -> Target.Registry.parse(c.url(), Target.RegistryType.OCI);
            default -> new Target.TarDirectory((o.outputGiven() || c.path() == null ? o.output() : Path.of(c.path()))
                    .toAbsolutePath().normalize());
        };
    }

    /** An ECR target: null or "ecr" = the account's registry, "ecr/PREFIX" = its repositories under PREFIX. */
    static Target.Registry ecr(String registry) {
        if (registry == null || registry.equals("ecr")) {
            return new Target.Registry("", "", Target.RegistryType.ECR);
        }
        if (registry.startsWith("ecr/")) {
            return new Target.Registry("", Target.Registry.parse(registry, Target.RegistryType.ECR).prefix(), Target.RegistryType.ECR);
        }
        return Target.Registry.parse(registry, Target.RegistryType.ECR);
    }
}
