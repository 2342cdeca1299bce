package io.magecloudkit.sandbox.cloudformation;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Gives every resource type a plausible physical id (the shape AWS uses: {@code vpc-0a1b...},
 * ARNs, generated names) and the Fn::GetAtt attributes the reference architecture reads.
 * Nothing is really created; other provisioners make the types they own real.
 */
public final class GenericResourceProvisioner implements ResourceProvisioner {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final String region;
    private final String accountId;
    /** Task definition revisions per family: each registration is a new revision, as in ECS. */
    private final Map<String, Integer> revisions = new java.util.concurrent.ConcurrentHashMap<>();

    public GenericResourceProvisioner(String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
    }

    @Override
    public boolean handles(String resourceType) {
        return true;
    }

    @Override
    public Provisioned create(String stackName, String logicalId, String resourceType, Map<String, Object> properties) {
        String physicalId = physicalId(stackName, logicalId, resourceType, properties);
        return new Provisioned(physicalId, attributes(stackName, logicalId, resourceType, physicalId, properties));
    }

    @Override
    public Provisioned update(String stackName, String logicalId, String resourceType, String physicalId,
            Map<String, Object> properties) {
        return new Provisioned(physicalId, attributes(stackName, logicalId, resourceType, physicalId, properties));
    }

    @Override
    public void delete(String stackName, String logicalId, String resourceType, String physicalId,
            Map<String, Object> properties) {
        // Nothing to release: the generic resources exist only as ids.
    }

    private String physicalId(String stack, String logicalId, String type, Map<String, Object> p) {
        return switch (type) {
            case "AWS::EC2::VPC" -> "vpc-" + hex(17);
            case "AWS::EC2::Subnet" -> "subnet-" + hex(17);
            case "AWS::EC2::SecurityGroup" -> "sg-" + hex(17);
            case "AWS::EC2::InternetGateway" -> "igw-" + hex(17);
            case "AWS::EC2::NatGateway" -> "nat-" + hex(17);
            case "AWS::EC2::RouteTable" -> "rtb-" + hex(17);
            case "AWS::EC2::EIP" -> "3." + RANDOM.nextInt(256) + "." + RANDOM.nextInt(256) + "." + RANDOM.nextInt(256);
            case "AWS::EC2::Instance" -> "i-" + hex(17);
            case "AWS::EC2::LaunchTemplate" -> "lt-" + hex(17);
            case "AWS::EC2::FlowLog" -> "fl-" + hex(17);
            case "AWS::EC2::VPCEndpoint" -> "vpce-" + hex(17);
            case "AWS::EC2::Route", "AWS::EC2::SubnetRouteTableAssociation", "AWS::EC2::VPCGatewayAttachment",
                    "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress" -> stack + "-" + logicalId + "-" + name(12);
            case "AWS::EFS::FileSystem" -> "fs-" + hex(17);
            case "AWS::EFS::MountTarget" -> "fsmt-" + hex(17);
            case "AWS::EFS::AccessPoint" -> "fsap-" + hex(17);
            case "AWS::ECS::Cluster" -> text(p, "ClusterName", generated(stack, logicalId));
            case "AWS::ECS::Service" -> arn("ecs", "service/" + clusterName(p) + "/" + text(p, "ServiceName", generated(stack, logicalId)));
            case "AWS::ECS::TaskDefinition" -> {
                String family = text(p, "Family", generated(stack, logicalId));
                yield arn("ecs", "task-definition/" + family + ":" + revisions.merge(family, 1, Integer::sum));
            }
            case "AWS::ECS::CapacityProvider" -> text(p, "Name", generated(stack, logicalId));
            case "AWS::ElasticLoadBalancingV2::LoadBalancer" -> arn("elasticloadbalancing",
                    "loadbalancer/app/" + text(p, "Name", shortName(stack, logicalId)) + "/" + hex(16));
            case "AWS::ElasticLoadBalancingV2::TargetGroup" -> arn("elasticloadbalancing",
                    "targetgroup/" + text(p, "Name", shortName(stack, logicalId)) + "/" + hex(16));
            case "AWS::ElasticLoadBalancingV2::Listener" -> arn("elasticloadbalancing", "listener/app/" + shortName(stack, "alb") + "/" + hex(16) + "/" + hex(16));
            case "AWS::ElasticLoadBalancingV2::ListenerRule" -> arn("elasticloadbalancing", "listener-rule/app/" + shortName(stack, "alb") + "/" + hex(16) + "/" + hex(16) + "/" + hex(16));
            case "AWS::ECR::Repository" -> text(p, "RepositoryName", generated(stack, logicalId).toLowerCase(Locale.ROOT));
            case "AWS::RDS::DBCluster" -> text(p, "DBClusterIdentifier", generated(stack, logicalId).toLowerCase(Locale.ROOT));
            case "AWS::RDS::DBInstance" -> text(p, "DBInstanceIdentifier", generated(stack, logicalId).toLowerCase(Locale.ROOT));
            case "AWS::ElastiCache::ReplicationGroup" -> text(p, "ReplicationGroupId", shortName(stack, logicalId).toLowerCase(Locale.ROOT));
            case "AWS::OpenSearchService::Domain" -> text(p, "DomainName", shortName(stack, logicalId).toLowerCase(Locale.ROOT));
            case "AWS::Route53::HostedZone" -> "Z" + name(20);
            case "AWS::Route53::RecordSet" -> text(p, "Name", logicalId);
            case "AWS::IAM::Role" -> text(p, "RoleName", generated(stack, logicalId));
            case "AWS::IAM::InstanceProfile" -> text(p, "InstanceProfileName", generated(stack, logicalId));
            case "AWS::IAM::ManagedPolicy" -> arn("iam", "policy/" + text(p, "ManagedPolicyName", generated(stack, logicalId)));
            case "AWS::Logs::LogGroup" -> text(p, "LogGroupName", generated(stack, logicalId));
            case "AWS::SSM::Parameter" -> text(p, "Name", "CFN-" + generated(stack, logicalId));
            case "AWS::SecretsManager::Secret" -> arn("secretsmanager", "secret:" + text(p, "Name", generated(stack, logicalId)) + "-" + name(6));
            case "AWS::SNS::Topic" -> arn("sns", text(p, "TopicName", generated(stack, logicalId)));
            case "AWS::SQS::Queue" -> "https://sqs." + region + ".amazonaws.com/" + accountId + "/" + text(p, "QueueName", generated(stack, logicalId));
            case "AWS::KMS::Key" -> UUID().toString();
            case "AWS::CertificateManager::Certificate" -> arn("acm", "certificate/" + UUID());
            case "AWS::AutoScaling::AutoScalingGroup" -> text(p, "AutoScalingGroupName", generated(stack, logicalId));
            default -> generated(stack, logicalId);
        };
    }

    private Map<String, Object> attributes(String stack, String logicalId, String type, String id, Map<String, Object> p) {
        Map<String, Object> a = new LinkedHashMap<>();
        switch (type) {
            case "AWS::EC2::VPC" -> {
                a.put("CidrBlock", text(p, "CidrBlock", "10.0.0.0/16"));
                a.put("DefaultSecurityGroup", "sg-" + hex(17));
                a.put("DefaultNetworkAcl", "acl-" + hex(17));
                a.put("VpcId", id);
            }
            case "AWS::EC2::Subnet" -> {
                a.put("SubnetId", id);
                a.put("AvailabilityZone", text(p, "AvailabilityZone", region + "a"));
                a.put("CidrBlock", text(p, "CidrBlock", "10.0.0.0/24"));
                a.put("VpcId", text(p, "VpcId", ""));
            }
            case "AWS::EC2::SecurityGroup" -> {
                a.put("GroupId", id);
                a.put("VpcId", text(p, "VpcId", ""));
            }
            case "AWS::EC2::EIP" -> {
                a.put("AllocationId", "eipalloc-" + hex(17));
                a.put("PublicIp", id);
            }
            case "AWS::EC2::Instance" -> {
                a.put("PrivateIp", "10.0." + RANDOM.nextInt(256) + "." + (1 + RANDOM.nextInt(250)));
                a.put("PrivateDnsName", "ip-10-0-0-1." + region + ".compute.internal");
                a.put("AvailabilityZone", region + "a");
                a.put("InstanceId", id);
            }
            case "AWS::EC2::LaunchTemplate" -> {
                a.put("LaunchTemplateId", id);
                a.put("LatestVersionNumber", "1");
                a.put("DefaultVersionNumber", "1");
            }
            case "AWS::EFS::FileSystem" -> {
                a.put("FileSystemId", id);
                a.put("Arn", arn("elasticfilesystem", "file-system/" + id));
            }
            case "AWS::EFS::AccessPoint" -> {
                a.put("AccessPointId", id);
                a.put("Arn", arn("elasticfilesystem", "access-point/" + id));
            }
            case "AWS::ECS::Cluster" -> a.put("Arn", arn("ecs", "cluster/" + id));
            case "AWS::ECS::Service" -> {
                a.put("ServiceArn", id);
                a.put("Name", id.substring(id.lastIndexOf('/') + 1));
            }
            case "AWS::ECS::TaskDefinition" -> a.put("TaskDefinitionArn", id);
            case "AWS::ElasticLoadBalancingV2::LoadBalancer" -> {
                String name = id.split("/")[2];
                a.put("DNSName", name + "-" + RANDOM.nextInt(1_000_000_000) + "." + region + ".elb.amazonaws.com");
                a.put("LoadBalancerFullName", id.substring(id.indexOf("app/")));
                a.put("LoadBalancerName", name);
                a.put("LoadBalancerArn", id);
                a.put("CanonicalHostedZoneID", "Z35SXDOTRQ7X7K");
                a.put("SecurityGroups", p.getOrDefault("SecurityGroups", java.util.List.of()));
            }
            case "AWS::ElasticLoadBalancingV2::TargetGroup" -> {
                a.put("TargetGroupArn", id);
                a.put("TargetGroupFullName", id.substring(id.indexOf("targetgroup/")));
                a.put("TargetGroupName", id.split("/")[1]);
                a.put("LoadBalancerArns", java.util.List.of());
            }
            case "AWS::ElasticLoadBalancingV2::Listener" -> a.put("ListenerArn", id);
            case "AWS::ECR::Repository" -> {
                a.put("Arn", arn("ecr", "repository/" + id));
                a.put("RepositoryUri", accountId + ".dkr.ecr." + region + ".amazonaws.com/" + id);
            }
            case "AWS::RDS::DBCluster" -> {
                String host = id + ".cluster-" + stable(id, 12) + "." + region + ".rds.amazonaws.com";
                a.put("Endpoint.Address", host);
                a.put("Endpoint.Port", text(p, "Port", "3306"));
                a.put("ReadEndpoint.Address", host.replace(".cluster-", ".cluster-ro-"));
                a.put("DBClusterArn", arn("rds", "cluster:" + id).replace(":cluster/", ":cluster:"));
                a.put("DBClusterResourceId", "cluster-" + stable(id + "/resource", 26).toUpperCase(Locale.ROOT));
                if (Boolean.parseBoolean(text(p, "ManageMasterUserPassword", "false"))) {
                    a.put("MasterUserSecret.SecretArn", arn("secretsmanager", "secret:rds!cluster-"
                            + java.util.UUID.nameUUIDFromBytes(seed(id + "/secret")) + "-" + stable(id + "/secret", 6)));
                }
            }
            case "AWS::RDS::DBInstance" -> {
                a.put("Endpoint.Address", id + "." + stable(id, 12) + "." + region + ".rds.amazonaws.com");
                a.put("Endpoint.Port", "3306");
                a.put("DBInstanceArn", "arn:aws:rds:" + region + ":" + accountId + ":db:" + id);
            }
            case "AWS::ElastiCache::ReplicationGroup" -> {
                // ElastiCache's endpoint names: with in-transit encryption master./replica.<group>..., without it
                // <group>.<id>.ng.0001... and <group>-ro...; the region in its short form (euw1, use1, apse2).
                String hash = stable(id, 6);
                String domain = "." + regionCode(region) + ".cache.amazonaws.com";
                boolean tls = "true".equalsIgnoreCase(text(p, "TransitEncryptionEnabled", "false"));
                a.put("PrimaryEndPoint.Address", tls ? "master." + id + "." + hash + domain : id + "." + hash + ".ng.0001" + domain);
                a.put("PrimaryEndPoint.Port", text(p, "Port", "6379"));
                a.put("ReaderEndPoint.Address", tls ? "replica." + id + "." + hash + domain : id + "-ro." + hash + ".ng.0001" + domain);
                a.put("ReaderEndPoint.Port", text(p, "Port", "6379"));
                a.put("ConfigurationEndPoint.Address", "clustercfg." + id + "." + hash + domain);
                a.put("ConfigurationEndPoint.Port", text(p, "Port", "6379"));
            }
            case "AWS::OpenSearchService::Domain" -> {
                // A domain in a VPC answers at vpc-..., a public one at search-....
                String access = p.get("VPCOptions") instanceof Map ? "vpc-" : "search-";
                a.put("DomainEndpoint", access + id + "-" + stable(id, 26) + "." + region + ".es.amazonaws.com");
                a.put("Arn", arn("es", "domain/" + id));
                a.put("DomainArn", arn("es", "domain/" + id));
                a.put("Id", accountId + "/" + id);
            }
            case "AWS::Route53::HostedZone" -> {
                a.put("Id", id);
                a.put("NameServers", java.util.List.of("ns-1.awsdns-01.org", "ns-2.awsdns-02.co.uk"));
            }
            case "AWS::IAM::Role" -> {
                a.put("Arn", "arn:aws:iam::" + accountId + ":role" + text(p, "Path", "/") + id);
                a.put("RoleId", "AROA" + name(17));
            }
            case "AWS::IAM::InstanceProfile" -> a.put("Arn", "arn:aws:iam::" + accountId + ":instance-profile/" + id);
            case "AWS::Logs::LogGroup" -> a.put("Arn", arn("logs", "log-group:" + id + ":*").replace("log-group/", "log-group:"));
            case "AWS::SecretsManager::Secret" -> a.put("Id", id);
            case "AWS::SNS::Topic" -> {
                a.put("TopicArn", id);
                a.put("TopicName", id.substring(id.lastIndexOf(':') + 1));
            }
            case "AWS::SQS::Queue" -> {
                a.put("Arn", "arn:aws:sqs:" + region + ":" + accountId + ":" + id.substring(id.lastIndexOf('/') + 1));
                a.put("QueueUrl", id);
            }
            case "AWS::KMS::Key" -> {
                a.put("Arn", arn("kms", "key/" + id));
                a.put("KeyId", id);
            }
            case "AWS::SSM::Parameter" -> {
                a.put("Type", text(p, "Type", "String"));
                a.put("Value", text(p, "Value", ""));
            }
            default -> {
                a.put("Arn", arn(service(type), id));
            }
        }
        return a;
    }

    private String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + accountId + ":" + resource;
    }

    private static String service(String type) {
        String[] parts = type.split("::");
        return parts.length > 1 ? parts[1].toLowerCase(Locale.ROOT) : "cloudformation";
    }

    private static String clusterName(Map<String, Object> p) {
        String cluster = text(p, "Cluster", "default");
        return cluster.substring(cluster.lastIndexOf('/') + 1);
    }

    private static String text(Map<String, Object> p, String key, String fallback) {
        Object value = p.get(key);
        return value == null || value instanceof Map || value instanceof java.util.List ? fallback : String.valueOf(value);
    }

    /** AWS's generated names: stack name, logical id and a random suffix, kept within name limits. */
    private static String generated(String stack, String logicalId) {
        String base = stack + "-" + logicalId;
        if (base.length() > 50) {
            base = base.substring(0, 50);
        }
        return base + "-" + name(12);
    }

    /** Load balancers and target groups allow 32 characters. */
    private static String shortName(String stack, String logicalId) {
        String base = (stack + "-" + logicalId);
        if (base.length() > 18) {
            base = base.substring(0, 18);
        }
        return base.replaceAll("[^A-Za-z0-9-]", "").replaceAll("-+$", "") + "-" + name(12);
    }

    /**
     * The random-looking part of a data service's endpoint or secret name, the same at every update of the
     * resource (AWS keeps them for the resource's life; a new one would move the discovery records and
     * the containers' hosts).
     */
    private String stable(String resourceId, int length) {
        byte[] digest = seed(resourceId);
        StringBuilder out = new StringBuilder();
        for (int i = 0; out.length() < length; i++) {
            out.append(Character.forDigit(Math.floorMod(digest[i % digest.length] + i / digest.length * 7, 36), 36));
        }
        return out.toString();
    }

    private byte[] seed(String resourceId) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest((accountId + "/" + region + "/" + resourceId)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.UUID UUID() {
        return java.util.UUID.randomUUID();
    }

    /** AWS's short region form in ElastiCache's endpoints: eu-west-1 euw1, us-east-1 use1, ap-southeast-2 apse2. */
    static String regionCode(String region) {
        StringBuilder out = new StringBuilder();
        String[] parts = region.split("-");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            out.append(i == 0 || i == parts.length - 1 ? part : part.replace("north", "n").replace("south", "s").replace("east", "e")
                    .replace("west", "w").replace("central", "c").replace("gov", "g"));
        }
        return out.toString();
    }

    private static String hex(int length) {
        StringBuilder out = new StringBuilder("0");
        while (out.length() < length) {
            out.append(Integer.toHexString(RANDOM.nextInt(16)));
        }
        return out.toString();
    }

    private static String name(int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return out.toString();
    }
}
