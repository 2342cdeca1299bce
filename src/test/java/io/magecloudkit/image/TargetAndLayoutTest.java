package io.magecloudkit.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.MckException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetAndLayoutTest {
    @Test
    void registry_parse_hostPortAndPrefix() {
        Target.Registry r = Target.Registry.parse("127.0.0.1:5000/shop/prod/", Target.RegistryType.OCI);
        assertEquals("127.0.0.1:5000", r.host());
        assertEquals("shop/prod", r.prefix());
        assertEquals("shop/prod/nginx", r.repository("nginx"));
        assertTrue(r.isLoopback());
        Target.Registry ecr = Target.Registry.parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com", Target.RegistryType.ECR);
        assertEquals("php-fpm", ecr.repository("php-fpm"));
        assertFalse(ecr.isLoopback());
        assertTrue(Target.isLoopback("localhost:5000"));
        assertFalse(Target.isLoopback("10.0.0.1:5000"));
        assertFalse(Target.isLoopback("loopback.example.com"), "names are never resolved to decide on plain HTTP");
        for (String bad : List.of("", "host:port", "host/Upper", "host//x")) {
            assertEquals(MckException.Kind.USAGE,
                    assertThrows(MckException.class, () -> Target.Registry.parse(bad, Target.RegistryType.OCI)).kind(), bad);
        }
    }

    @Test
    void layout_testFile_loads() {
        ImageLayout layout = MagentoFixture.testLayout().layout();
        assertEquals("/var/www/magento", layout.appRoot());
        assertEquals(List.of("blackfire", "nginx", "php-fpm"), List.copyOf(layout.images().keySet()));
        assertTrue(layout.images().get("php-fpm").takesWholeTree());
        assertEquals(List.of("pub"), layout.images().get("nginx").app());
        assertEquals("production", layout.images().get("php-fpm").environment().get("MAGE_MODE"));
    }

    static MckException parseError(String yaml) {
        return assertThrows(MckException.class, () -> ImageLayoutLoader.parse(
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "images.yml"));
    }

    @Test
    void layout_errorsNameTheImageAndField() {
        assertTrue(parseError("appRoot: /app\nimages:\n  nginx:\n    base: x\n    colour: red\n").getMessage()
                .contains("unknown field 'colour'"));
        String msg = parseError("appRoot: app\nimages:\n  nginx:\n    files:\n      - {from: /etc/x, to: rel, mode: '999'}\n"
                + "    app: [pub/static]\n    ports: [70000]\n").getMessage();
        for (String part : List.of("appRoot must be an absolute path", "images.nginx.base is missing",
                "images.nginx.files[0].from", "images.nginx.files[0].to", "images.nginx.files[0].mode",
                "images.nginx.app entries", "images.nginx.ports: 70000")) {
            assertTrue(msg.contains(part), part + " in " + msg);
        }
        assertEquals(MckException.Kind.USAGE, parseError("[not a map").kind());
    }

    @Test
    void directoryLayout_refusesMissingConfigFiles() {
        LayoutSource source = MagentoFixture.testLayout();
        assertTrue(source.file("nginx/nginx.conf").toString().endsWith("nginx/nginx.conf"));
        assertThrows(MckException.class, () -> source.file("nginx/missing.conf"));
        Path p = source.file("php/entrypoint.sh");
        assertTrue(p.isAbsolute());
    }
}
