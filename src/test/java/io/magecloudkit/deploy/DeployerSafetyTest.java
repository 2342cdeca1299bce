package io.magecloudkit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.MckException;
import io.magecloudkit.aws.SsmLease;
import io.magecloudkit.sandbox.faults.FaultConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Rollbacks, the circuit breaker's own rollback, the lease, and reruns after a killed deploy. */
class DeployerSafetyTest {

    static DeployScenario scenario(String deployment) throws Exception {
        DeployScenario s = new DeployScenario(DeployScenario.yaml("apps:\n  magento:\n    desiredCount: 2\n    deployment:\n"
                + "      healthCheckGracePeriodSeconds: 0\n      release: false\n" + deployment, ""));
        s.service("magento", "app", "nginx", 8080);
        return s;
    }

    static DeployResult.AppResult deploy(DeployScenario s, char build) {
        return s.deployer().deploy(s.request(DeployScenario.build(build)), s.sink()).apps().get(0);
    }

    @Test
    void circuitBreakerRollback_isNeverReportedAsSuccess() throws Exception {
        // A threshold above the circuit breaker's 3 lets ECS fail and roll back the deployment itself.
        try (DeployScenario s = scenario("      stoppedTaskThreshold: 10\n")) {
            DeployResult.AppResult good = deploy(s, 'a');
            s.faults(new FaultConfig.TaskFaultRule("registry.example/shop/php-fpm@" + DeployScenario.digest('b'), null, false,
                    null, true, null));
            DeployResult.AppResult bad = deploy(s, 'b');
            assertEquals("failed", bad.verdict(), String.join("\n", s.log));
            // The sandbox keeps deployment records: the verdict is ECS's own, with its reason.
            assertTrue(bad.reason().contains("is ROLLBACK_") && bad.reason().contains("circuit breaker"), bad.reason());
            assertEquals("circuit breaker rollback", bad.rollback().how());
            assertEquals("passed", bad.rollback().verdict(), bad.rollback().reason());
            assertEquals(good.taskDefinition(), bad.rollback().taskDefinition());
            assertEquals(good.taskDefinition(), s.service("magento", "app").taskDefinition());
        }
    }

    @Test
    void rollback_toThePreviousPassedRevision_andToANamedOne() throws Exception {
        try (DeployScenario s = scenario("")) {
            DeployResult.AppResult v1 = deploy(s, 'a');
            DeployResult.AppResult v2 = deploy(s, 'b');
            assertEquals("passed", v2.verdict());
            DeployRequest one = s.request(List.of("magento"), java.util.Map.of(),
                    new DeployRequest.GateOptions(s.smokeUrl(), false, false, null), () -> false);
            DeployResult back = s.deployer().rollback(one, null, s.sink());
            assertEquals("passed", back.apps().get(0).verdict(), String.join("\n", s.log));
            assertEquals(v1.taskDefinition(), back.apps().get(0).taskDefinition());
            assertEquals(v1.taskDefinition(), s.service("magento", "app").taskDefinition());
            int revision = Integer.parseInt(v2.taskDefinition().substring(v2.taskDefinition().lastIndexOf(':') + 1));
            DeployResult named = s.deployer().rollback(one, revision, s.sink());
            assertEquals("passed", named.apps().get(0).verdict());
            assertEquals(v2.taskDefinition(), s.service("magento", "app").taskDefinition());
            MckException missing = assertThrows(MckException.class, () -> s.deployer().rollback(one, 99, s.sink()));
            assertEquals(MckException.Kind.USAGE, missing.kind());
            StatusReport status = s.deployer().status(one, s.sink());
            StatusReport.AppStatus app = status.apps().get(0);
            assertEquals("shop-staging-magento:" + revision, app.revision());
            assertEquals(2, app.running());
            assertEquals("2/2 healthy", app.targets());
            assertEquals("rollback", app.lastDeploys().get(0).kind());
            assertEquals("jenkins-shop-deploy-7", app.lastDeploys().get(0).by());
            assertEquals("passed", app.lastDeploys().get(0).verdict());
            assertTrue(app.images().get("php-fpm").endsWith(DeployScenario.digest('b')));
        }
    }

    @Test
    void twoConcurrentDeploysOfOneService_theSecondIsRefusedAndChangesNothing() throws Exception {
        try (DeployScenario s = scenario("")) {
            deploy(s, 'a');
            CountDownLatch gateWaiting = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            GateClock held = new GateClock() {
                @Override
                public java.time.Instant now() {
                    return s.clock().now();
                }

                @Override
                public void sleep(Duration d) throws InterruptedException {
                    gateWaiting.countDown();
                    release.await(60, TimeUnit.SECONDS);
                    s.clock().sleep(d);
                }
            };
            AtomicReference<DeployResult> first = new AtomicReference<>();
            Thread t = new Thread(() -> first.set(s.deployer().deploy(new DeployRequest(s.config, DeployScenario.ENV, List.of(),
                    DeployScenario.build('b'), s.stack(), new DeployRequest.GateOptions(s.smokeUrl(), false, false, null),
                    "first", held, () -> false), s.sink())));
            t.start();
            assertTrue(gateWaiting.await(60, TimeUnit.SECONDS));
            int revisions = s.f.session().ecs().listTaskDefinitions(r -> r.familyPrefix("shop-staging-magento")).taskDefinitionArns().size();
            MckException refused = assertThrows(MckException.class, () -> deploy(s, 'c'));
            assertEquals(MckException.Kind.OPERATION_FAILED, refused.kind());
            assertTrue(refused.getMessage().contains("another deploy of service shop-staging-magento")
                    && refused.getMessage().contains("first"), refused.getMessage());
            assertEquals(revisions, s.f.session().ecs().listTaskDefinitions(r -> r.familyPrefix("shop-staging-magento"))
                    .taskDefinitionArns().size(), "the refused deploy registered nothing");
            release.countDown();
            t.join(120_000);
            assertEquals("passed", first.get().apps().get(0).verdict());
            assertEquals("passed", deploy(s, 'c').verdict(), "the lease is free again");
        }
    }

    @Test
    void killedDuringTheGate_rerunWatchesTheSameDeployment() throws Exception {
        try (DeployScenario s = scenario("")) {
            deploy(s, 'a');
            AtomicInteger looks = new AtomicInteger();
            DeployResult aborted = s.deployer().deploy(s.request(List.of(), DeployScenario.build('b'),
                    new DeployRequest.GateOptions(s.smokeUrl(), false, false, null), () -> looks.incrementAndGet() > 2), s.sink());
            DeployResult.AppResult a = aborted.apps().get(0);
            assertEquals("aborted", a.verdict());
            assertTrue(a.serviceState().contains("PRIMARY deployment " + a.deploymentId()), a.serviceState());
            DeployResult.AppResult rerun = deploy(s, 'b');
            assertEquals("passed", rerun.verdict(), String.join("\n", s.log));
            assertTrue(rerun.reusedTaskDefinition());
            assertEquals(a.deploymentId(), rerun.deploymentId(), "no second rollout");
        }
    }

    @Test
    void aDeadRunsLease_expires() throws Exception {
        try (DeployScenario s = scenario("")) {
            deploy(s, 'a');
            // A run killed with SIGKILL leaves its lease behind, unrenewed.
            assertTrue(SsmLease.tryAcquire(s.f.session(), "/magecloudkit/shop/staging/magento/deploy-lease", "deploy lease",
                    "killed-run", s.clock()::now).taken());
            assertThrows(MckException.class, () -> deploy(s, 'b'));
            s.f.sandbox().advance(SsmLease.TTL.plusSeconds(1));
            assertEquals("passed", deploy(s, 'b').verdict());
        }
    }

    @Test
    void afterSuccess_oldRevisionsAreDeregistered_butNeverTheRunningOneOrTheRollbackTarget() throws Exception {
        try (DeployScenario s = scenario("      revisionsToKeep: 1\n")) {
            DeployResult.AppResult a = deploy(s, 'a');
            DeployResult.AppResult b = deploy(s, 'b');
            DeployResult.AppResult c = deploy(s, 'c');
            assertEquals("passed", c.verdict());
            List<String> active = s.f.session().ecs().listTaskDefinitions(r -> r.familyPrefix("shop-staging-magento")
                    .status("ACTIVE")).taskDefinitionArns();
            assertEquals(List.of(b.taskDefinition(), c.taskDefinition()), active, "the running one and the rollback target");
            assertTrue(c.deregistered().contains(a.taskDefinition()), c.deregistered().toString());
        }
    }

    @Test
    void throttlingAndServerErrors_areRetried() throws Exception {
        try (DeployScenario s = scenario("")) {
            s.f.sandbox().faults(new FaultConfig(7L, List.of(
                    new FaultConfig.RequestFault("ecs", "DescribeServices", 0.3, 0.0, 0.0, 0.0, 0),
                    new FaultConfig.RequestFault("elasticloadbalancing", null, 0.0, 0.2, 0.1, 0.0, 0)), List.of(), List.of()));
            assertEquals("passed", deploy(s, 'a').verdict(), String.join("\n", s.log));
        }
    }

    @Test
    void aRunThatLostItsLease_stopsRenewingIt() throws Exception {
        try (DeployScenario s = scenario("")) {
            String name = "/magecloudkit/shop/staging/magento/deploy-lease";
            SsmLease stalled = SsmLease.tryAcquire(s.f.session(), name, "deploy lease", "stalled-run", s.clock()::now).lease();
            s.f.sandbox().advance(SsmLease.TTL.plusSeconds(1));
            SsmLease taker = SsmLease.tryAcquire(s.f.session(), name, "deploy lease", "next-run", s.clock()::now).lease();
            MckException lost = assertThrows(MckException.class, stalled::renew);
            assertTrue(lost.getMessage().contains("lost the deploy lease " + name + " to next-run"), lost.getMessage());
            stalled.close();
            assertTrue(s.f.session().ssm().getParameter(r -> r.name(name)).parameter().value().contains("next-run"),
                    "the stalled run neither overwrote nor deleted the new holder's lease");
            taker.close();
        }
    }
}
