package io.magecloudkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magecloudkit.config.ConfigLoader;
import io.magecloudkit.config.MckConfig;
import io.magecloudkit.deploy.StackValues;
import io.magecloudkit.provision.EnvironmentOutputs;
import io.magecloudkit.provision.StackOutputs;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The deploy's stack values: options win, the stack outputs fill the rest, the rest stays null. */
class StackValuesReaderTest {
    private static final MckConfig EXAMPLE = ConfigLoader.load(Path.of("examples/magecloudkit.yml"));

    private static final EnvironmentOutputs OUTPUTS = EnvironmentOutputs.of("acme-shop", "staging", new StackOutputs(Map.of(
            "acme-shop-staging-iam", Map.of("TaskRoleArn", "arn:task", "TaskExecutionRoleArn", "arn:exec"),
            "acme-shop-staging-media", Map.of("FileSystemId", "fs-1", "MediaAccessPointId", "fsap-1", "VarAccessPointId", "fsap-var-1"),
            "acme-shop-staging-database", Map.of("MasterSecretArn", "arn:db", "Endpoint", "writer.db", "ReaderEndpoint", "reader.db"),
            "acme-shop-staging-cache", Map.of("CacheAuthTokenSecretArn", "arn:cache", "SessionAuthTokenSecretArn", "arn:session",
                    "CacheEndpoint", "master.cache.x", "SessionEndpoint", "master.session.x"),
            "acme-shop-staging-search", Map.of("Endpoint", "vpc-search.x", "MasterUserSecretArn", "arn:search"),
            "acme-shop-staging-cluster-app", Map.of("ClusterName", "acme-shop-staging-app-Xyz"),
            "acme-shop-staging-target-magento", Map.of("TargetGroupArn", "arn:tg-magento"))));

    @Test
    void optionsWinAndStackOutputsFillTheRest() {
        Map<String, StackValues.ServiceTarget> apps = new LinkedHashMap<>();
        apps.put("magento", StackValues.ServiceTarget.NONE);
        apps.put("blog", new StackValues.ServiceTarget("given-cluster", null, "arn:tg-given"));
        StackValues given = new StackValues(apps, "arn:task-given", null, null, null, "/logs", null,
                new StackValues.Database("magento", null, null), null);
        StackValues filled = StackValuesReader.fill(given, OUTPUTS, EXAMPLE.environment("staging"));
        assertEquals(new StackValues.ServiceTarget("acme-shop-staging-app-Xyz", null, "arn:tg-magento"), filled.app("magento"));
        assertEquals(new StackValues.ServiceTarget("given-cluster", null, "arn:tg-given"), filled.app("blog"));
        assertEquals("arn:task-given", filled.taskRoleArn());
        assertEquals("arn:exec", filled.executionRoleArn());
        assertEquals("fs-1", filled.efsFileSystemId());
        assertEquals("fsap-1", filled.efsAccessPointId());
        assertEquals("fsap-var-1", filled.efsVarAccessPointId());
        assertEquals("/logs", filled.logGroup());
        assertEquals(new StackValues.Database("magento", "arn:db", "reader.db"), filled.database());
        assertEquals("arn:cache", filled.cacheAuthSecretArn());
        assertEquals("arn:session", filled.sessionAuthSecretArn(), "the session group has its own AUTH token");
    }

    @Test
    void theServicesEndpointsAndTheSearchUser_comeFromTheCacheAndSearchStacks_unlessGiven() {
        StackValues given = new StackValues(Map.of("magento", StackValues.ServiceTarget.NONE), null, null, null, null, null, null,
                StackValues.Database.NONE, null, null, null, new StackValues.Endpoints(null, "session.given", null), null);
        StackValues filled = StackValuesReader.fill(given, OUTPUTS, EXAMPLE.environment("staging"));
        assertEquals(new StackValues.Endpoints("master.cache.x", "session.given", "vpc-search.x", "writer.db"), filled.endpoints());
        assertEquals("arn:search", filled.searchSecretArn());
    }

    @Test
    void theDatabaseEndpointGiven_winsOverTheStacks() {
        StackValues given = new StackValues(Map.of("magento", StackValues.ServiceTarget.NONE), null, null, null, null, null, null,
                StackValues.Database.NONE, null, null, null, new StackValues.Endpoints(null, null, null, "db.given"), null);
        assertEquals("db.given", StackValuesReader.fill(given, OUTPUTS, EXAMPLE.environment("staging")).endpoints().databaseHost());
    }

    @Test
    void theVarAccessPointGivenAsAnOptionIsKept() {
        StackValues given = new StackValues(Map.of("magento", StackValues.ServiceTarget.NONE), null, null, "fs-given", null, null, null,
                StackValues.Database.NONE, null, "fsap-var");
        StackValues filled = StackValuesReader.fill(given, OUTPUTS, EXAMPLE.environment("staging"));
        assertEquals("fsap-var", filled.efsVarAccessPointId());
        assertEquals("fs-given", filled.efsFileSystemId());
    }

    @Test
    void withoutStacksNothingChanges() {
        StackValues given = new StackValues(Map.of("magento", StackValues.ServiceTarget.NONE), null, null, null, null, null, null,
                StackValues.Database.NONE, null);
        StackValues filled = StackValuesReader.fill(given, EnvironmentOutputs.of("acme-shop", "staging", StackOutputs.NONE),
                EXAMPLE.environment("staging"));
        assertEquals(given, filled);
    }
    @Test
    void aServiceWhoseClusterAndTargetGroupComeFromTheStacks_isCreatedByTheFirstDeploy_aNamedOneMustExist() {
        Map<String, Map<String, String>> byStack = new LinkedHashMap<>(OUTPUTS.all().byStack());
        byStack.put("acme-shop-staging-cluster-app", Map.of("ClusterName", "acme-shop-staging-app-Xyz", "CapacityProviderName", "cp-1"));
        byStack.put("acme-shop-staging-network", Map.of("PrivateSubnet1", "subnet-1", "PrivateSubnet2", "subnet-2", "PublicSubnet1",
                "subnet-pub"));
        byStack.put("acme-shop-staging-security-groups", Map.of("AppSecurityGroupId", "sg-app", "DatabaseSecurityGroupId", "sg-db"));
        EnvironmentOutputs outputs = EnvironmentOutputs.of("acme-shop", "staging", new StackOutputs(byStack));
        Map<String, StackValues.ServiceTarget> apps = new LinkedHashMap<>();
        apps.put("magento", StackValues.ServiceTarget.NONE);
        apps.put("blog", new StackValues.ServiceTarget(null, "blog-service", null));
        StackValues given = new StackValues(apps, null, null, null, null, null, null, StackValues.Database.NONE, null);
        StackValues filled = StackValuesReader.fill(given, outputs, EXAMPLE.environment("staging"));
        assertEquals(new StackValues.NewService("cp-1", java.util.List.of("subnet-1", "subnet-2"), java.util.List.of("sg-app")),
                filled.app("magento").newService());
        assertEquals(null, filled.app("blog").newService(), "a service named by --service must exist");
        byStack.remove("acme-shop-staging-network");
        StackValues withoutNetwork = StackValuesReader.fill(given, EnvironmentOutputs.of("acme-shop", "staging",
                new StackOutputs(byStack)), EXAMPLE.environment("staging"));
        assertEquals(null, withoutNetwork.app("magento").newService(), "no subnets: nothing to create the service in");
    }
}
