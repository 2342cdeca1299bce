package io.magecloudkit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.EventSink;
import io.magecloudkit.MckException;
import io.magecloudkit.aws.SsmLease;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A deploy killed after registering the task definition or after updating the service, then run
 * again: the rerun waits out the dead run's lease (it is never held forever), reuses the identical
 * revision and converges on one healthy deployment without a second rollout of the same build.
 * (Killed during the gate: {@link DeployerSafetyTest}.)
 */
class KillAndRerunTest {
    private static final String LEASE = "/magecloudkit/shop/staging/magento/deploy-lease";

    /** Thrown by the sink at the kill point: the run stops there as a killed process would. */
    static final class Killed extends RuntimeException {
        Killed(String at) {
            super("killed at: " + at);
        }
    }

    /** A sink that kills the run when it logs a line starting with {@code killAt}. */
    static EventSink killingAt(DeployScenario s, String killAt) {
        return (level, message) -> {
            s.log.add(level + " " + message);
            if (message.startsWith(killAt)) {
                throw new Killed(message);
            }
        };
    }

    /**
     * Runs a deploy of {@code build} until {@code killAt}; returns the line it was killed at. A SIGKILL gives
     * the run no chance to give its lease back: the lease it held is put back, unrenewed, as the dead run left it.
     */
    static String killedDeploy(DeployScenario s, char build, String killAt) {
        Killed killed = assertThrows(Killed.class, () -> s.deployer().deploy(s.request(DeployScenario.build(build)),
                killingAt(s, killAt)));
        assertTrue(SsmLease.tryAcquire(s.f.session(), LEASE, "deploy lease", "killed-run", s.clock()::now).taken());
        s.log.clear();
        return killed.getMessage().substring("killed at: ".length());
    }

    static List<String> revisions(DeployScenario s) {
        return s.f.session().ecs().listTaskDefinitions(r -> r.familyPrefix("shop-staging-magento")).taskDefinitionArns();
    }

    /** The rerun is refused, changing nothing, while the dead run's lease is valid; it runs once the lease expired. */
    static DeployResult.AppResult rerunAfterTheLeaseExpired(DeployScenario s, char build) {
        List<String> before = revisions(s);
        MckException refused = assertThrows(MckException.class, () -> DeployerSafetyTest.deploy(s, build));
        assertTrue(refused.getMessage().contains("killed-run"), refused.getMessage());
        assertEquals(before, revisions(s), "the refused rerun registered nothing");
        s.f.sandbox().advance(SsmLease.TTL.plusSeconds(1));
        return DeployerSafetyTest.deploy(s, build);
    }

    @Test
    void killedAfterRegisteringTheTaskDefinition_rerunReusesTheRevision_andRollsOutOnce() throws Exception {
        try (DeployScenario s = DeployerSafetyTest.scenario("")) {
            DeployResult.AppResult good = DeployerSafetyTest.deploy(s, 'a');
            String line = killedDeploy(s, 'b', "registered task definition");
            String registered = line.substring(line.lastIndexOf(' ') + 1);
            assertEquals(good.taskDefinition(), s.service("magento", "app").taskDefinition(), "the service was never updated");
            List<String> afterKill = revisions(s);

            DeployResult.AppResult rerun = rerunAfterTheLeaseExpired(s, 'b');
            assertEquals("passed", rerun.verdict(), String.join("\n", s.log));
            assertTrue(rerun.reusedTaskDefinition(), "the killed run's revision is identical: reused");
            assertEquals(registered, HealthGate.revision(rerun.taskDefinition()));
            assertEquals(afterKill, revisions(s), "no second registration");
            var service = s.service("magento", "app");
            assertEquals(List.of(rerun.deploymentId()), service.deployments().stream().map(d -> d.id()).toList());
            assertEquals(good.taskDefinition(), rerun.previousTaskDefinition(), "the rollback target is still the last good build");
            assertThrows(software.amazon.awssdk.services.ssm.model.ParameterNotFoundException.class,
                    () -> s.f.session().ssm().getParameter(r -> r.name(LEASE)), "the rerun gave the lease back");
        }
    }

    @Test
    void killedAfterUpdatingTheService_rerunAdoptsTheDeploymentInFlight() throws Exception {
        try (DeployScenario s = DeployerSafetyTest.scenario("")) {
            DeployResult.AppResult good = DeployerSafetyTest.deploy(s, 'a');
            String line = killedDeploy(s, 'b', "updated shop-staging-magento to");
            String deploymentId = line.substring(line.lastIndexOf(' ') + 1);
            List<String> afterKill = revisions(s);

            DeployResult.AppResult rerun = rerunAfterTheLeaseExpired(s, 'b');
            assertEquals("passed", rerun.verdict(), String.join("\n", s.log));
            assertEquals(deploymentId, rerun.deploymentId(), "the rerun watched the killed run's deployment: no second rollout");
            assertTrue(rerun.reusedTaskDefinition());
            assertEquals(afterKill, revisions(s));
            assertTrue(s.log.stream().anyMatch(l -> l.contains("already runs deployment " + deploymentId)), String.join("\n", s.log));
            assertFalse(s.log.stream().anyMatch(l -> l.contains("updated shop-staging-magento to")),
                    "the rerun updated nothing: " + String.join("\n", s.log));
            assertEquals(List.of(deploymentId), s.service("magento", "app").deployments().stream().map(d -> d.id()).toList());
            assertEquals(good.taskDefinition(), rerun.previousTaskDefinition());
        }
    }

    @Test
    void killedAfterUpdatingTheService_aRerunOfAnotherBuildSupersedesItCleanly() throws Exception {
        try (DeployScenario s = DeployerSafetyTest.scenario("")) {
            DeployerSafetyTest.deploy(s, 'a');
            String line = killedDeploy(s, 'b', "updated shop-staging-magento to");
            String abandoned = line.substring(line.lastIndexOf(' ') + 1);
            // The next build comes while the killed run's deployment may still roll out.
            s.f.sandbox().advance(SsmLease.TTL.plusSeconds(1));
            DeployResult.AppResult next = DeployerSafetyTest.deploy(s, 'c');
            assertEquals("passed", next.verdict(), String.join("\n", s.log));
            assertFalse(next.deploymentId().equals(abandoned));
            var service = s.service("magento", "app");
            assertEquals(next.taskDefinition(), service.taskDefinition());
            assertEquals(List.of(next.deploymentId()), service.deployments().stream().map(d -> d.id()).toList());
            assertTrue(HealthGate.revision(next.previousTaskDefinition()).equals(HealthGate.revision(line.substring(
                    line.indexOf(" to ") + 4, line.indexOf(": deployment")))), next.previousTaskDefinition());
        }
    }
}
