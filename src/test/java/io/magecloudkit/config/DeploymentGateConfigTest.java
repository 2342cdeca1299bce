package io.magecloudkit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The deploy gate's keys under apps.<app>.deployment: defaults, overrides, limits. */
class DeploymentGateConfigTest {
    static final String BASE = "project: shop\nregion: eu-west-1\nenvironments:\n  staging:\n    vpcCidr: 10.0.0.0/16\n";

    @Test
    void defaults() {
        DeploymentConfig d = ConfigLoader.parse(BASE, "m.yml").app("magento").deployment();
        assertEquals(10, d.revisionsToKeep());
        assertEquals(900, d.gateTimeoutSeconds());
        assertEquals(2, d.stoppedTaskThreshold());
        assertNull(d.smokeCheckUrl());
        assertEquals(200, d.smokeCheckStatus());
        assertNull(d.smokeCheckBody());
        assertEquals(3, d.smokeCheckPasses());
    }

    @Test
    void setAtProjectLevel_andOverriddenPerEnvironment() {
        String yaml = "project: shop\nregion: eu-west-1\napps:\n  magento:\n    deployment:\n      revisionsToKeep: 3\n"
                + "      smokeCheckUrl: https://shop.example/health_check.php\n      smokeCheckBody: OK\n"
                + "environments:\n  staging:\n    vpcCidr: 10.0.0.0/16\n    apps:\n      magento:\n        deployment:\n"
                + "          gateTimeoutSeconds: 300\n          smokeCheckPasses: 1\n";
        MckConfig c = ConfigLoader.parse(yaml, "m.yml");
        DeploymentConfig d = c.environment("staging").apps().get("magento").deployment();
        assertEquals(3, d.revisionsToKeep());
        assertEquals(300, d.gateTimeoutSeconds());
        assertEquals(1, d.smokeCheckPasses());
        assertEquals("https://shop.example/health_check.php", d.smokeCheckUrl());
        assertEquals("OK", d.smokeCheckBody());
        assertEquals(900, c.app("magento").deployment().gateTimeoutSeconds());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "revisionsToKeep: 0          | apps.magento.deployment.revisionsToKeep",
        "gateTimeoutSeconds: 10      | apps.magento.deployment.gateTimeoutSeconds",
        "stoppedTaskThreshold: 0     | apps.magento.deployment.stoppedTaskThreshold",
        "smokeCheckUrl: ftp://x      | apps.magento.deployment.smokeCheckUrl",
        "smokeCheckStatus: 42        | apps.magento.deployment.smokeCheckStatus",
        "smokeCheckPasses: 50        | apps.magento.deployment.smokeCheckPasses",
        "smokeCheckPases: 2          | apps.magento.deployment.smokeCheckPases"})
    void refused(String line, String path) {
        String yaml = "project: shop\nregion: eu-west-1\napps:\n  magento:\n    deployment:\n      " + line + "\n"
                + "environments:\n  staging:\n    vpcCidr: 10.0.0.0/16\n";
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "m.yml"));
        assertTrue(e.getMessage().contains("m.yml:6:") && e.getMessage().contains(path), e.getMessage());
    }
}
