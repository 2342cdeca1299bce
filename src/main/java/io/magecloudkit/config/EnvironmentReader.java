package io.magecloudkit.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one {@code environments.<name>} section, filling in every default. */
final class EnvironmentReader {
    static final List<String> KEYS = List.of("region", "vpcCidr", "availabilityZones", "subnets", "clusters", "database",
            "cache", "search", "domain", "certificateArn", "bastion", "images", "apps", "deletionProtection");
    static final Pattern REGION = Pattern.compile(
            "[a-z]{2}(-gov|-iso[a-z]?)?-(central|north|south|east|west|northeast|northwest|southeast|southwest)-[1-9]");
    static final String REGION_EXPECTED = "an AWS region like eu-west-1";
    static final Pattern INSTANCE_TYPE = Pattern.compile(
            "[a-z][a-z0-9-]*[0-9][a-z0-9-]*\\.(nano|micro|small|medium|large|[0-9]*xlarge|metal(-[0-9]+xl)?)");
    private static final Pattern DB_ENGINE = Pattern.compile("8\\.0\\.mysql_aurora\\.3\\.[0-9]{2}\\.[0-9]+");
    private static final Pattern DB_CLASS = Pattern.compile("db\\.[a-z0-9]+\\.[a-z0-9]+");
    private static final Pattern CACHE_NODE = Pattern.compile("cache\\.[a-z0-9]+\\.[a-z0-9]+");
    private static final Pattern VERSION = Pattern.compile("[0-9]+(\\.[0-9]+){0,2}");
    private static final Pattern SEARCH_ENGINE = Pattern.compile("OpenSearch_[0-9]+\\.[0-9]+|Elasticsearch_7\\.[0-9]+");
    private static final Pattern SEARCH_TYPE = Pattern.compile("[a-z][a-z0-9-]*[0-9][a-z0-9-]*\\.[0-9]*[a-z]+\\.search");
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern CERTIFICATE = Pattern.compile(
            "arn:aws(?:-[a-z]+)*:acm:([a-z0-9-]+):[0-9]{12}:certificate/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final String DEFAULT_INSTANCE_TYPE = "c6i.large";

    /** The environment and what the cross-environment checks need. */
    record Read(EnvironmentConfig environment, Cidr vpc, String vpcPath) {
    }

    private EnvironmentReader() {
    }

    static Read read(Section s, String name, String projectRegion, ImagesConfig projectImages,
            Map<String, AppReader.Read> apps) {
        s.allowOnly(KEYS);
        String region = s.string("region", projectRegion, REGION, REGION_EXPECTED);
        int azs = s.integer("availabilityZones", 3, 2, 6);

        Cidr vpc = null;
        String vpcText = s.required("vpcCidr", Pattern.compile(".*"), "the VPC's IPv4 CIDR block, e.g. 10.10.0.0/16");
        if (vpcText != null) {
            try {
                vpc = Cidr.parse(vpcText);
                // A wrong availabilityZones is reported already: judge the VPC on its own, not against the default.
                String problem = (s.failed("availabilityZones") ? NetworkRules.vpcProblem(vpc)
                        : NetworkRules.vpcProblem(vpc, azs)).orElse(null);
                if (problem != null) {
                    s.error("vpcCidr", problem);
                    vpc = null;
                }
            } catch (IllegalArgumentException e) {
                s.error("vpcCidr", e.getMessage());
            }
        }
        SubnetsConfig subnets = subnets(s.section("subnets"), vpc, azs, !s.failed("availabilityZones"));

        Map<String, AppReader.Read> envApps = apps(s.section("apps"), apps);
        Map<String, ClusterConfig> clusters = clusters(s.section("clusters"), envApps);
        DatabaseConfig database = database(s.section("database"));
        CacheConfig cache = cache(s.section("cache"));
        SearchConfig search = search(s.section("search"));
        String domain = s.string("domain", null, HOSTNAME, "a lower-case hostname like shop.example.com");
        String certificateArn = certificate(s, region);
        BastionConfig bastion = bastion(s.section("bastion"));
        ImagesConfig images = ImagesReader.read(s.section("images"), projectImages);
        boolean deletionProtection = s.bool("deletionProtection", "production".equals(name));

        EnvironmentConfig env = new EnvironmentConfig(name, region, vpc != null ? vpc.toString() : vpcText, azs, subnets,
                clusters, database, cache, search, domain, certificateArn, bastion, images, appsOf(envApps), deletionProtection);
        return new Read(env, vpc, s.pathOf("vpcCidr"));
    }

    private static SubnetsConfig subnets(Section s, Cidr vpc, int azs, boolean azsWritten) {
        if (!s.present()) {
            return vpc != null ? NetworkRules.derive(vpc, azs) : new SubnetsConfig(List.of(), List.of(), List.of());
        }
        s.allowOnly(NetworkRules.TIERS);
        Map<String, List<NetworkRules.Placed>> tiers = new LinkedHashMap<>();
        int errorsBefore = s.problems().count();
        for (String tier : NetworkRules.TIERS) {
            if (!s.has(tier)) {
                continue;
            }
            List<NetworkRules.Placed> placed = new ArrayList<>();
            for (Section.Item item : s.list(tier)) {
                try {
                    placed.add(new NetworkRules.Placed(Cidr.parse(item.text()), item.path()));
                } catch (IllegalArgumentException e) {
                    s.problems().add(item.node(), item.path(), e.getMessage());
                }
            }
            tiers.put(tier, placed);
        }
        // Layout rules on a half-read list would only repeat what is already reported.
        if (s.problems().count() == errorsBefore) {
            s.problems().addAll(NetworkRules.checkSubnets(s.path(), vpc, azsWritten ? azs : NetworkRules.UNKNOWN_AZS, tiers));
        }
        List<List<String>> cidrs = new ArrayList<>();
        for (String tier : NetworkRules.TIERS) {
            cidrs.add(tiers.getOrDefault(tier, List.of()).stream().map(p -> p.cidr().toString()).toList());
        }
        return new SubnetsConfig(cidrs.get(0), cidrs.get(1), cidrs.get(2));
    }

    private static Map<String, AppConfig> appsOf(Map<String, AppReader.Read> reads) {
        Map<String, AppConfig> apps = new LinkedHashMap<>();
        reads.forEach((name, read) -> apps.put(name, read.app()));
        return apps;
    }

    private static Map<String, ClusterConfig> clusters(Section s, Map<String, AppReader.Read> envApps) {
        Set<String> apps = envApps.keySet();
        Map<String, ClusterConfig> result = new LinkedHashMap<>();
        if (!s.present()) {
            result.put("app", new ClusterConfig("app", DEFAULT_INSTANCE_TYPE, 2, 4, 2, List.copyOf(apps)));
            checkCapacity(s, s.path(), DEFAULT_INSTANCE_TYPE, apps, envApps);
            return result;
        }
        List<ClusterRules.Cluster> written = new ArrayList<>();
        int count = s.entries().size();
        for (Section.Entry e : s.entries()) {
            // A bad name is reported and the entry read all the same: skipping it would add errors
            // about everything that refers to it.
            Names.problem("cluster name", e.key(), 1, 20)
                    .ifPresent(message -> s.problems().add(e.keyNode(), e.path(), message));
            Section c = Section.of(s.problems(), e.path(), Location.of(e.keyNode().getStartMark()), e.value());
            c.allowOnly("instanceType", "minSize", "maxSize", "desiredCapacity", "apps");
            String instanceType = c.string("instanceType", DEFAULT_INSTANCE_TYPE, INSTANCE_TYPE,
                    "an EC2 instance type like c6i.xlarge");
            Integer maxWritten = c.has("maxSize") ? c.integer("maxSize", 4, 1, 1000) : null;
            int min = c.integer("minSize", maxWritten != null ? Math.min(2, maxWritten) : 2, 0, 1000);
            int max = maxWritten != null ? maxWritten : Math.max(4, min);
            int desired = c.integer("desiredCapacity", Math.max(min, Math.min(2, max)), 0, 1000);
            List<ClusterRules.Member> members = new ArrayList<>();
            if (c.has("apps")) {
                for (Section.Item item : c.list("apps")) {
                    members.add(new ClusterRules.Member(item.text(), item.path()));
                }
            } else if (count == 1) {
                apps.forEach(a -> members.add(new ClusterRules.Member(a, c.path())));
            } else {
                c.problems().add(c.at(), c.pathOf("apps"), "'apps' is required when an environment has more than one"
                        + " cluster: list the apps that run on '" + e.key() + "'");
            }
            ClusterRules.Cluster cluster = new ClusterRules.Cluster(e.key(), e.path(), min, max, desired, members);
            if (!c.failed("minSize", "maxSize", "desiredCapacity")) {
                s.problems().addAll(ClusterRules.checkSizes(cluster));
            }
            written.add(cluster);
            List<String> running = members.stream().map(ClusterRules.Member::app).filter(apps::contains).distinct().toList();
            result.put(e.key(), new ClusterConfig(e.key(), instanceType, min, max, desired, running));
            if (!c.failed("instanceType")) {
                checkCapacity(s, c.pathOf("instanceType"), instanceType, running, envApps);
            }
        }
        if (count == 0) {
            s.problems().add(s.at(), s.path(), "no cluster: leave 'clusters' out for one cluster running every app");
        } else {
            s.problems().addAll(ClusterRules.checkPlacement(s.path(), written, apps));
        }
        return result;
    }

    /** Each app's task must fit on one instance; an app whose size is already reported is not judged again. */
    private static void checkCapacity(Section s, String path, String instanceType, java.util.Collection<String> running,
            Map<String, AppReader.Read> envApps) {
        for (String name : running) {
            AppReader.Read read = envApps.get(name);
            if (read == null || !read.sizesRead() || read.app().cpu() > AppReader.TASK_CPU_MAX
                    || read.app().memory() > AppReader.MEMORY_MAX) {
                continue;
            }
            CapacityRules.taskProblem(instanceType, read.app()).ifPresent(m -> s.problems().add(new Problem(path, m)));
            CapacityRules.workerProblems(instanceType, read.app()).forEach(m -> s.problems().add(new Problem(path, m)));
        }
    }

    private static DatabaseConfig database(Section s) {
        s.allowOnly("engineVersion", "instanceClass", "readers", "backupRetentionDays");
        return new DatabaseConfig(
                s.string("engineVersion", "8.0.mysql_aurora.3.08.0", DB_ENGINE,
                        "an Aurora MySQL 8.0 version like 8.0.mysql_aurora.3.08.0"),
                s.string("instanceClass", "db.r6g.large", DB_CLASS, "a DB instance class like db.r6g.large"),
                s.integer("readers", 1, 0, 15),
                s.integer("backupRetentionDays", 7, 1, 35));
    }

    private static CacheConfig cache(Section s) {
        s.allowOnly("engine", "engineVersion", "nodeType", "cache", "session", "nodes");
        String engine = s.choice("engine", "redis", List.of("redis", "memcached"));
        String nodeType = s.string("nodeType", "cache.t4g.medium", CACHE_NODE, "a cache node type like cache.t4g.medium");
        String version = s.string("engineVersion", "redis".equals(engine) ? "7.1" : "1.6.22", VERSION,
                "an engine version like 7.1");
        Map<String, CacheClusterConfig> clusters = new LinkedHashMap<>();
        int nodes = 0;
        if ("redis".equals(engine)) {
            s.forbid("nodes", "is only for the memcached engine (Redis has 'cache' and 'session' with replicas)");
            for (String name : List.of("cache", "session")) {
                Section c = s.section(name);
                c.allowOnly("nodeType", "replicas");
                clusters.put(name, new CacheClusterConfig(name,
                        c.string("nodeType", nodeType, CACHE_NODE, "a cache node type like cache.t4g.medium"),
                        c.integer("replicas", 1, 0, 5)));
            }
        } else {
            s.forbid("cache", "is only for the redis engine");
            s.forbid("session", "is only for the redis engine");
            nodes = s.integer("nodes", 2, 1, 40);
        }
        return new CacheConfig(engine, version, nodeType, clusters, nodes);
    }

    private static SearchConfig search(Section s) {
        s.allowOnly("engineVersion", "instanceType", "instanceCount", "volumeSizeGb");
        return new SearchConfig(
                s.string("engineVersion", "OpenSearch_2.19", SEARCH_ENGINE, "an engine version like OpenSearch_2.19"),
                s.string("instanceType", "t3.medium.search", SEARCH_TYPE, "an OpenSearch instance type like t3.medium.search"),
                s.integer("instanceCount", 1, 1, 80),
                s.integer("volumeSizeGb", 20, 10, 16_384));
    }

    private static String certificate(Section s, String region) {
        String arn = s.string("certificateArn", null, CERTIFICATE,
                "an ACM certificate ARN like arn:aws:acm:eu-west-1:123456789012:certificate/<uuid>");
        if (arn != null) {
            Matcher m = CERTIFICATE.matcher(arn);
            if (m.matches() && region != null && !m.group(1).equals(region)) {
                s.error("certificateArn", "the certificate is in " + m.group(1) + " but the environment is in " + region
                        + ": a load balancer needs a certificate from its own region");
            }
        }
        return arn;
    }

    private static BastionConfig bastion(Section s) {
        s.allowOnly("enabled", "instanceType", "sshCidr");
        boolean enabled = s.bool("enabled", true);
        String type = s.string("instanceType", "t4g.micro", INSTANCE_TYPE, "an EC2 instance type like t4g.micro");
        String ssh = s.string("sshCidr");
        if (ssh != null) {
            try {
                Cidr cidr = Cidr.parse(ssh);
                if (cidr.prefix() == 0) {
                    s.error("sshCidr", "0.0.0.0/0 opens SSH to the whole internet: give your office or VPN range,"
                            + " or leave sshCidr out and use Session Manager");
                    ssh = null;
                } else {
                    NetworkRules.sshWarning(cidr).ifPresent(w -> s.warn("sshCidr", w));
                    ssh = cidr.toString();
                }
            } catch (IllegalArgumentException e) {
                s.error("sshCidr", e.getMessage());
                ssh = null;
            }
        }
        return new BastionConfig(enabled, type, ssh);
    }

    private static Map<String, AppReader.Read> apps(Section s, Map<String, AppReader.Read> apps) {
        Map<String, AppReader.Read> result = new LinkedHashMap<>(apps);
        for (Section.Entry e : s.entries()) {
            AppReader.Read base = apps.get(e.key());
            if (base == null) {
                s.problems().add(e.keyNode(), e.path(), "no app named '" + e.key() + "'"
                        + Suggestions.didYouMean(e.key(), apps.keySet()) + "; apps: " + String.join(", ", apps.keySet()));
                continue;
            }
            Section o = Section.of(s.problems(), e.path(), Location.of(e.keyNode().getStartMark()), e.value());
            AppReader.Read mergedRead = AppReader.read(o, e.key(), base);
            // Only what the override itself breaks: the project-level app reports its own problems.
            List<String> inherited = AppRules.check("", base).stream().map(Problem::message).toList();
            AppRules.check(e.path(), mergedRead).stream().filter(p -> !inherited.contains(p.message()))
                    .forEach(s.problems()::add);
            result.put(e.key(), mergedRead);
        }
        return result;
    }
}
