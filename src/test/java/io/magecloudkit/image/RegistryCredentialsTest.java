package io.magecloudkit.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.MckException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryCredentialsTest {
    @TempDir
    Path dir;

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void dockerConfig_auth_isDecoded_forTheMatchingHostOnly() {
        String json = "{\"auths\": {\"registry.example.com:5000\": {\"auth\": \"" + b64("jenkins:pa:ss") + "\"},"
                + " \"https://index.docker.io/v1/\": {\"auth\": \"" + b64("hub:hubpw") + "\"}}}";
        RegistryLogin l = RegistryCredentials.fromDockerConfig(json, "registry.example.com:5000", "cfg").orElseThrow();
        assertEquals("jenkins", l.username());
        assertEquals("pa:ss", l.password());
        assertEquals("hub", RegistryCredentials.fromDockerConfig(json, "registry-1.docker.io", "cfg").orElseThrow().username());
        assertTrue(RegistryCredentials.fromDockerConfig(json, "other.example.com", "cfg").isEmpty());
        assertTrue(RegistryCredentials.fromDockerConfig("{\"credsStore\": \"desktop\"}", "x", "cfg").isEmpty());
    }

    @Test
    void dockerConfig_errorsNeverQuoteTheFile() {
        MckException e = assertThrows(MckException.class,
                () -> RegistryCredentials.fromDockerConfig("{\"auths\": {\"h\": {\"auth\": \"c2VjcmV0\"}", "h", "cfg"));
        assertFalse(e.getMessage().contains("c2VjcmV0"), e.getMessage());
        MckException notPair = assertThrows(MckException.class,
                () -> RegistryCredentials.fromDockerConfig("{\"auths\": {\"h\": {\"auth\": \"" + b64("nocolon") + "\"}}}", "h", "cfg"));
        assertFalse(notPair.getMessage().contains("nocolon"));
    }

    @Test
    void environment_comesFirst_thenTheDockerConfigFile() throws Exception {
        Path cfg = dir.resolve("config.json");
        Files.writeString(cfg, "{\"auths\": {\"r:1\": {\"auth\": \"" + b64("filed:pw") + "\"}}}");
        assertEquals("envuser", RegistryCredentials.find("r:1",
                Map.of(RegistryCredentials.USERNAME_ENV, "envuser", RegistryCredentials.PASSWORD_ENV, "x"), cfg).orElseThrow().username());
        assertEquals("filed", RegistryCredentials.find("r:1", Map.of(), cfg).orElseThrow().username());
        assertTrue(RegistryCredentials.find("r:1", Map.of(), dir.resolve("missing.json")).isEmpty());
        assertEquals(dir.resolve("config.json"), RegistryCredentials.dockerConfigFile(Map.of("DOCKER_CONFIG", dir.toString())));
        assertThrows(MckException.class, () -> RegistryCredentials.find("r:1", Map.of(RegistryCredentials.USERNAME_ENV, "u"), cfg));
    }

    @Test
    void sanitize_removesPasswordsAndTheirBasicEncoding() {
        RegistryLogin l = new RegistryLogin("AWS", "tok3n-Value", "test");
        String basic = b64("AWS:tok3n-Value");
        String out = Secrets.sanitize("failed with tok3n-Value; header Authorization: Basic " + basic + " and " + basic
                + "; Authorization: Bearer abc.def", List.of(l));
        assertFalse(out.contains("tok3n-Value"), out);
        assertFalse(out.contains(basic), out);
        assertFalse(out.contains("abc.def"), out);
        assertTrue(out.startsWith("failed with ****;"), out);
        assertFalse(l.toString().contains("tok3n-Value"));
    }
}
