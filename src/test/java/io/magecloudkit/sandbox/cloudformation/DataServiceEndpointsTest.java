package io.magecloudkit.sandbox.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The data services' Fn::GetAtt endpoints as AWS names them: the names their TLS certificates carry, which the
 * deploy renders into the containers, so they keep AWS's shape and stay the same when the resource is updated.
 */
class DataServiceEndpointsTest {
    private final GenericResourceProvisioner provisioner = new GenericResourceProvisioner("eu-west-1", "123456789012");

    @Test
    void regionCodes_asElastiCacheWritesThem() {
        Map<String, String> cases = Map.of("us-east-1", "use1", "eu-west-1", "euw1", "eu-central-2", "euc2",
                "ap-southeast-2", "apse2", "ap-northeast-1", "apne1", "sa-east-1", "sae1", "us-gov-west-1", "usgw1");
        cases.forEach((region, code) -> assertEquals(code, GenericResourceProvisioner.regionCode(region), region));
    }

    record Case(String name, String type, Map<String, Object> properties, String attribute, String pattern) {
    }

    @Test
    void endpoints_haveAwsShape_andSurviveAnUpdate() {
        List<Case> cases = List.of(
                new Case("Redis with in-transit encryption", "AWS::ElastiCache::ReplicationGroup",
                        Map.of("ReplicationGroupId", "shop-cache", "TransitEncryptionEnabled", true), "PrimaryEndPoint.Address",
                        "master\\.shop-cache\\.[a-z0-9]{6}\\.euw1\\.cache\\.amazonaws\\.com"),
                new Case("its readers", "AWS::ElastiCache::ReplicationGroup",
                        Map.of("ReplicationGroupId", "shop-cache", "TransitEncryptionEnabled", "true"), "ReaderEndPoint.Address",
                        "replica\\.shop-cache\\.[a-z0-9]{6}\\.euw1\\.cache\\.amazonaws\\.com"),
                new Case("Redis without it", "AWS::ElastiCache::ReplicationGroup", Map.of("ReplicationGroupId", "shop-cache"),
                        "PrimaryEndPoint.Address", "shop-cache\\.[a-z0-9]{6}\\.ng\\.0001\\.euw1\\.cache\\.amazonaws\\.com"),
                new Case("an OpenSearch domain in a VPC", "AWS::OpenSearchService::Domain",
                        Map.of("DomainName", "shop", "VPCOptions", Map.of("SubnetIds", List.of("subnet-1"))), "DomainEndpoint",
                        "vpc-shop-[a-z0-9]{26}\\.eu-west-1\\.es\\.amazonaws\\.com"),
                new Case("a public one", "AWS::OpenSearchService::Domain", Map.of("DomainName", "shop"), "DomainEndpoint",
                        "search-shop-[a-z0-9]{26}\\.eu-west-1\\.es\\.amazonaws\\.com"),
                new Case("Aurora's writer", "AWS::RDS::DBCluster", Map.of("DBClusterIdentifier", "shop"), "Endpoint.Address",
                        "shop\\.cluster-[a-z0-9]{12}\\.eu-west-1\\.rds\\.amazonaws\\.com"));
        for (Case c : cases) {
            ResourceProvisioner.Provisioned made = provisioner.create("stack", "Resource", c.type(), c.properties());
            String endpoint = String.valueOf(made.attributes().get(c.attribute()));
            assertTrue(endpoint.matches(c.pattern()), c.name() + ": " + endpoint);
            ResourceProvisioner.Provisioned updated = provisioner.update("stack", "Resource", c.type(), made.physicalId(), c.properties());
            assertEquals(made.attributes(), updated.attributes(), c.name() + ": an update keeps the names");
        }
        String one = String.valueOf(provisioner.create("s", "A", "AWS::OpenSearchService::Domain", Map.of("DomainName", "one"))
                .attributes().get("DomainEndpoint"));
        String two = String.valueOf(provisioner.create("s", "B", "AWS::OpenSearchService::Domain", Map.of("DomainName", "two"))
                .attributes().get("DomainEndpoint"));
        assertNotEquals(one.substring("search-one-".length()).split("\\.")[0], two.substring("search-two-".length()).split("\\.")[0],
                "each domain its own name");
    }
}
