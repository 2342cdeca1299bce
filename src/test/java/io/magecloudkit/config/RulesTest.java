package io.magecloudkit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure rules, without YAML. */
class RulesTest {

    @Test
    void vpc_tooSmallForTheAzs_saysWhatWouldFit() {
        assertTrue(NetworkRules.vpcProblem(Cidr.parse("10.0.0.0/24"), 3).isEmpty());
        String problem = NetworkRules.vpcProblem(Cidr.parse("10.0.0.0/24"), 6).orElseThrow();
        assertTrue(problem.contains("18 subnets") && problem.contains("/23"), problem);
        assertTrue(NetworkRules.vpcProblem(Cidr.parse("10.0.0.0/12"), 3).isPresent());
        assertTrue(NetworkRules.vpcProblem(Cidr.parse("10.0.0.0/25"), 2).isPresent());
    }

    @Test
    void derive_cutsOneBlockPerTierAndAz_withoutOverlap() {
        SubnetsConfig s = NetworkRules.derive(Cidr.parse("10.0.0.0/16"), 3);
        assertEquals(List.of("10.0.0.0/20", "10.0.16.0/20", "10.0.32.0/20"), s.publicCidrs());
        assertEquals(List.of("10.0.48.0/20", "10.0.64.0/20", "10.0.80.0/20"), s.privateCidrs());
        assertEquals(List.of("10.0.96.0/20", "10.0.112.0/20", "10.0.128.0/20"), s.dataCidrs());
        SubnetsConfig two = NetworkRules.derive(Cidr.parse("10.0.0.0/24"), 2);
        assertEquals(List.of("10.0.0.128/27", "10.0.0.160/27"), two.dataCidrs());
    }

    @Test
    void explicitSubnets_wrongCountOutsideAndOverlapping_areAllReported() {
        Cidr vpc = Cidr.parse("10.0.0.0/16");
        Map<String, List<NetworkRules.Placed>> tiers = Map.of(
                "public", List.of(new NetworkRules.Placed(Cidr.parse("10.0.0.0/24"), "s.public[0]"),
                        new NetworkRules.Placed(Cidr.parse("10.0.1.0/24"), "s.public[1]")),
                "private", List.of(new NetworkRules.Placed(Cidr.parse("10.0.0.0/23"), "s.private[0]"),
                        new NetworkRules.Placed(Cidr.parse("10.1.0.0/24"), "s.private[1]")),
                "data", List.of(new NetworkRules.Placed(Cidr.parse("10.0.8.0/24"), "s.data[0]")));
        List<Problem> problems = NetworkRules.checkSubnets("s", vpc, 2, tiers);
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("s.data") && p.message().contains("1 subnet(s)")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("s.private[1]") && p.message().contains("outside")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("s.private[0]") && p.message().contains("s.public[0]")
                && p.message().contains("overlaps")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("s.private[0]") && p.message().contains("s.public[1]")), problems.toString());
        assertEquals(4, problems.size(), problems.toString());
    }

    @Test
    void overlappingEnvironments_onlyInTheSameRegion() {
        List<Problem> problems = NetworkRules.checkOverlaps(List.of(
                new NetworkRules.Vpc("staging", "eu-west-1", Cidr.parse("10.0.0.0/16"), "environments.staging.vpcCidr"),
                new NetworkRules.Vpc("production", "eu-west-1", Cidr.parse("10.0.128.0/17"), "environments.production.vpcCidr"),
                new NetworkRules.Vpc("us", "us-east-1", Cidr.parse("10.0.0.0/16"), "environments.us.vpcCidr")));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("environments.production.vpcCidr", problems.get(0).path());
        assertTrue(problems.get(0).message().contains("environments.staging.vpcCidr"));
    }

    @Test
    void clusterPlacement_unknownDuplicateAndMissing() {
        List<ClusterRules.Cluster> clusters = List.of(
                new ClusterRules.Cluster("app", "c.app", 1, 2, 1, List.of(new ClusterRules.Member("magento", "c.app.apps[0]"),
                        new ClusterRules.Member("blgo", "c.app.apps[1]"))),
                new ClusterRules.Cluster("admin", "c.admin", 1, 2, 1, List.of(new ClusterRules.Member("magento", "c.admin.apps[0]"))));
        List<Problem> problems = ClusterRules.checkPlacement("c", clusters, Set.of("magento", "blog", "admin"));
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("c.app.apps[1]") && p.message().contains("did you mean 'blog'")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("c.admin.apps[0]") && p.message().contains("already runs on cluster 'app'")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("c") && p.message().contains("'admin' runs on no cluster")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("c") && p.message().contains("'blog' runs on no cluster")), problems.toString());
        assertEquals(4, problems.size(), problems.toString());
    }

    @Test
    void clusterSizes_desiredOutsideRange() {
        assertTrue(ClusterRules.checkSizes(new ClusterRules.Cluster("a", "p", 1, 3, 2, List.of())).isEmpty());
        assertEquals("p.desiredCapacity",
                ClusterRules.checkSizes(new ClusterRules.Cluster("a", "p", 1, 3, 4, List.of())).get(0).path());
        assertEquals("p.minSize", ClusterRules.checkSizes(new ClusterRules.Cluster("a", "p", 5, 3, 4, List.of())).get(0).path());
    }

    @Test
    void deployment_thatCanNeverProgress_isFound() {
        assertTrue(AppRules.deploymentProblem(1, new DeploymentConfig(100, 150, 0)).isPresent());
        assertTrue(AppRules.deploymentProblem(2, new DeploymentConfig(100, 150, 0)).isEmpty());
        assertTrue(AppRules.deploymentProblem(1, new DeploymentConfig(0, 100, 0)).isEmpty());
        assertTrue(AppRules.deploymentProblem(4, new DeploymentConfig(100, 100, 0)).isPresent());
        assertTrue(AppRules.deploymentProblem(0, new DeploymentConfig(100, 100, 0)).isEmpty());
    }

    @Test
    void app_taskSmallerThanItsContainers_andSecretClash() {
        AppConfig app = new AppConfig("m", "magento", AppReader.defaultContainers("magento"), 2, 1024, 1024, "/",
                Map.of("DB_PASSWORD", "x"), Map.of("DB_PASSWORD", SecretRef.parse("ssm:/db")), new DeploymentConfig(100, 200, 0));
        List<Problem> problems = AppRules.check("apps.m", app);
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("apps.m.cpu") && p.message().contains("1280")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("apps.m.memory") && p.message().contains("2304")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("apps.m.secrets.DB_PASSWORD")), problems.toString());
    }
}
