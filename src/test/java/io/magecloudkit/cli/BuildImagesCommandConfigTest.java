package io.magecloudkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.magecloudkit.config.ConfigException;
import io.magecloudkit.image.BuildRequest;
import io.magecloudkit.image.MagentoFixture;
import io.magecloudkit.image.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** How build-images turns flags and the --env environment of magecloudkit.yml into a request. */
class BuildImagesCommandConfigTest {
    @TempDir
    Path dir;

    private static final String CONFIG = """
            project: acme-shop
            region: eu-west-1
            images:
              base:
                php-fpm: registry.example.com/base/php-fpm:8.2
              exclude: [deploy/keys]
            environments:
              staging:
                vpcCidr: 10.20.0.0/16
                images:
                  registry:
                    type: oci
                    url: 127.0.0.1:5000/acme
              production:
                vpcCidr: 10.30.0.0/16
                apps:
                  magento:
                    containers:
                      blackfire: {enabled: true}
                images:
                  exclude: ["**/*.p12"]
                  registry:
                    type: tar
                    path: out/images
            """;

    private BuildRequest request(String... args) throws Exception {
        Path config = dir.resolve("magecloudkit.yml");
        Files.writeString(config, CONFIG);
        BuildImagesCommand cmd = new BuildImagesCommand();
        cmd.layoutSource = MagentoFixture.testLayout();
        cmd.environment = Map.of();
        List<String> all = new ArrayList<>(List.of("--config", config.toString(), "--tag", "0123456789abcdef",
                "--source", dir.toString(), "--cache-dir", dir.resolve("cache").toString()));
        all.addAll(List.of(args));
        new CommandLine(cmd).parseArgs(all.toArray(String[]::new));
        return cmd.request();
    }

    @Test
    void env_registryAndBaseImages_comeFromTheConfiguration() throws Exception {
        BuildRequest r = request("--env", "staging", "--base-image", "nginx=127.0.0.1:5000/base/nginx:1");
        assertEquals(new Target.Registry("127.0.0.1:5000", "acme", Target.RegistryType.OCI), r.target());
        assertEquals("registry.example.com/base/php-fpm:8.2", r.baseImages().get("php-fpm"));
        assertEquals("127.0.0.1:5000/base/nginx:1", r.baseImages().get("nginx"));
        assertEquals("eu-west-1", r.aws().region());
    }

    @Test
    void env_buildsTheImagesItsAppsUse_blackfireOnlyWhereEnabled() throws Exception {
        assertEquals(List.of("nginx", "php-fpm"), request("--env", "staging").images());
        assertEquals(List.of("blackfire", "nginx", "php-fpm"), request("--env", "production").images());
        assertEquals(List.of("nginx"), request("--env", "production", "--image", "nginx").images());
        assertEquals(List.of(), request().images(), "without --env: every image of the layout");
    }

    @Test
    void flags_winOverTheConfiguration() throws Exception {
        BuildRequest r = request("--env", "staging", "--registry", "127.0.0.1:6000/other",
                "--base-image", "php-fpm=127.0.0.1:6000/base/php:2");
        assertEquals(new Target.Registry("127.0.0.1:6000", "other", Target.RegistryType.OCI), r.target());
        assertEquals("127.0.0.1:6000/base/php:2", r.baseImages().get("php-fpm"));
    }

    @Test
    void tarEnvironment_usesItsPath_unlessOutputIsGiven() throws Exception {
        assertEquals(new Target.TarDirectory(Path.of("out/images").toAbsolutePath().normalize()),
                request("--env", "production").target());
        Path out = dir.resolve("elsewhere");
        assertEquals(new Target.TarDirectory(out), request("--env", "production", "--output", out.toString()).target());
    }

    @Test
    void withoutEnv_theDefaultIsTheOfflineTar() throws Exception {
        BuildRequest r = request();
        assertEquals(new Target.TarDirectory(Path.of("target/images").toAbsolutePath().normalize()), r.target());
        assertEquals(Map.of(), r.baseImages());
    }

    @Test
    void unknownEnv_isAConfigurationError() {
        ConfigException e = assertThrows(ConfigException.class, () -> request("--env", "stagign"));
        assertEquals(true, e.getMessage().contains("did you mean 'staging'"), e.getMessage());
    }

    @Test
    void imagesExclude_ofTheProject_andOfTheEnvironment_reachTheRequest() throws Exception {
        assertEquals(List.of("deploy/keys"), request().exclude());
        assertEquals(List.of("deploy/keys"), request("--env", "staging").exclude());
        assertEquals(List.of("deploy/keys", "**/*.p12"), request("--env", "production").exclude());
    }
}
