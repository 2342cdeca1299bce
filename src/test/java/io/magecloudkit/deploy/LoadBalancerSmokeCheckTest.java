package io.magecloudkit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.sandbox.faults.AnswerRule;
import io.magecloudkit.sandbox.faults.FaultConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The smoke check through the sandbox load balancer's HTTP path, as a user's `--smoke-url` would reach
 * it: the answer comes from a task whose target is healthy, with what that task's image is made to say.
 */
class LoadBalancerSmokeCheckTest {

    static DeployResult.AppResult deploy(DeployScenario s, char build, URI smokeUrl) {
        return s.deployer().deploy(s.request(List.of(), DeployScenario.build(build),
                new DeployRequest.GateOptions(smokeUrl, false, false, null), () -> false), s.sink()).apps().get(0);
    }

    @Test
    void passesThroughTheLoadBalancer_andABuildAnswering500IsRolledBack() throws Exception {
        try (DeployScenario s = new DeployScenario(DeployScenario.yaml(DeployScenario.ONE_APP, ""))) {
            s.service("magento", "app", "nginx", 8080);
            URI url = s.loadBalancer("shop-alb", "magento");
            DeployResult.AppResult good = deploy(s, 'a', url);
            assertEquals("passed", good.verdict(), String.join("\n", s.log));
            assertEquals(url.toString(), good.smokeCheck());
            // The sandbox's default answer names the task definition that served: the new one.
            String revision = HealthGate.revision(good.taskDefinition());
            assertTrue(s.log.stream().anyMatch(l -> l.contains("smoke check: 200") && l.contains("(3/3)")), String.join("\n", s.log));
            HttpResponse<String> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(served.body().contains("of " + revision + " answered /health_check.php"), served.body());

            s.log.clear();
            s.f.sandbox().faults(new FaultConfig(null, List.of(), List.of(), List.of(), List.of(), List.of(new AnswerRule(
                    "registry.example/shop/php-fpm@" + DeployScenario.digest('b'), null, "/health_check.php", 500,
                    "Database connection error"))));
            DeployResult.AppResult bad = deploy(s, 'b', url);
            assertEquals("failed", bad.verdict(), String.join("\n", s.log));
            assertTrue(bad.reason().startsWith("smoke check failed 5 times in a row: 500"), bad.reason());
            assertTrue(bad.evidence().stream().anyMatch(e -> e.startsWith("smoke check: 500")), bad.evidence().toString());
            // The rollback passes the same gate: the old build answers 200 through the same load balancer.
            assertEquals("passed", bad.rollback().verdict(), bad.rollback().reason());
            assertTrue(bad.rollback().reason().contains("smoke check passed 3 times"), bad.rollback().reason());
            assertEquals(good.taskDefinition(), s.service("magento", "app").taskDefinition());
            assertEquals(revision, HealthGate.revision(bad.rollback().taskDefinition()));
        }
    }
}
