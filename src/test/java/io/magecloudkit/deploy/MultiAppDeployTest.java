package io.magecloudkit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.sandbox.faults.FaultConfig;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Three apps on two clusters in one deploy, in parallel; one fails and is rolled back alone. */
class MultiAppDeployTest {
    static final String APPS = "apps:\n"
            + "  magento:\n    desiredCount: 2\n    deployment:\n      healthCheckGracePeriodSeconds: 0\n      release: false\n"
            + "  admin:\n    desiredCount: 2\n    deployment:\n      healthCheckGracePeriodSeconds: 0\n      release: false\n"
            + "  blog:\n    kind: wordpress\n    desiredCount: 2\n    healthCheckPath: /\n"
            + "    deployment:\n      healthCheckGracePeriodSeconds: 0\n";
    static final String CLUSTERS = "    clusters:\n      app:\n        apps: [magento, blog]\n"
            + "      admin:\n        apps: [admin]\n";

    @Test
    void threeApps_oneFailing() throws Exception {
        try (DeployScenario s = new DeployScenario(DeployScenario.yaml(APPS, CLUSTERS))) {
            s.service("magento", "app", "nginx", 8080);
            s.service("blog", "app", "nginx", 8080);
            s.service("admin", "admin", "nginx", 8080);
            DeployResult first = s.deployer().deploy(s.request(DeployScenario.build('a')), s.sink());
            assertTrue(first.succeeded(), String.join("\n", s.log));
            // Only the admin's tasks of the new build crash: the image is shared with the other apps, the family is not.
            s.faults(new FaultConfig.TaskFaultRule("registry.example/shop/php-fpm@" + DeployScenario.digest('b'),
                    "shop-staging-admin", true, 5, false, null));
            DeployResult second = s.deployer().deploy(s.request(DeployScenario.build('b')), s.sink());
            assertFalse(second.succeeded());
            Map<String, DeployResult.AppResult> byApp = second.apps().stream()
                    .collect(Collectors.toMap(DeployResult.AppResult::app, a -> a));
            assertEquals("passed", byApp.get("magento").verdict());
            assertEquals("passed", byApp.get("blog").verdict());
            DeployResult.AppResult admin = byApp.get("admin");
            assertEquals("failed", admin.verdict());
            assertTrue(admin.reason().contains("exited with code 5"), admin.reason());
            assertEquals("passed", admin.rollback().verdict(), admin.rollback().reason() + "\n" + String.join("\n", s.log.stream().filter(l -> l.contains("[admin]")).toList()));
            assertEquals(first.apps().stream().filter(a -> a.app().equals("admin")).findFirst().orElseThrow().taskDefinition(),
                    s.service("admin", "admin").taskDefinition());
            assertTrue(s.log.stream().anyMatch(l -> l.contains("[admin] failed:")), "each line names its app");
            assertTrue(s.service("blog", "app").taskDefinition().endsWith("shop-staging-blog:3"));
        }
    }
}
