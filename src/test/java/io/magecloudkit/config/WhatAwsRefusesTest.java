package io.magecloudkit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mistakes AWS would only refuse at provision or deploy time are found by validation, each as
 * exactly one error at the line and column of what the user wrote.
 */
class WhatAwsRefusesTest {

    /** One environment; {@code env} is indented under it, {@code top} goes at the root. */
    private static String yaml(String top, String env) {
        return "project: acme-shop\nregion: eu-west-1\n" + top
                + "environments:\n  production:\n    vpcCidr: 10.0.0.0/16\n" + env.indent(4);
    }

    private static List<ConfigError> errors(String yaml) {
        try {
            ConfigLoader.parse(yaml, "m.yml");
        } catch (ConfigException e) {
            return e.errors();
        }
        return fail("expected the configuration to be rejected:\n" + yaml);
    }

    static Stream<Arguments> oneMistakeOneError() {
        return Stream.of(
                // --- task size ECS refuses: the sum of the containers when no task size is given
                Arguments.of("containers' cpu above ECS's task maximum", """
                        apps:
                          api:
                            kind: generic
                            containers:
                              a: {image: x/a:1, cpu: 100000, memory: 512}
                              b: {image: x/b:1, cpu: 100000, memory: 512}
                        """, "", "m.yml:6:5", "apps.api.containers",
                        "the containers' cpu adds up to 200000 (a 100000 + b 100000), above 196608, the most ECS accepts"),
                Arguments.of("containers' memory above what a task may ask for", """
                        apps:
                          api:
                            kind: generic
                            containers:
                              a: {image: x/a:1, memory: 1000000}
                              b: {image: x/b:1, memory: 1000000}
                        """, "", "m.yml:6:5", "apps.api.containers", "the containers' memory adds up to 2000000 MiB"),
                // --- and what the cluster's instance type cannot hold
                Arguments.of("summed memory above the default c6i.large", """
                        apps:
                          magento:
                            containers:
                              php-fpm: {memory: 6144}
                        """, "", "m.yml:8:3", "environments.production.clusters",
                        "c6i.large cannot run a task of app 'magento', which needs memory 6400 MiB (3737 MiB available after"
                                + " 256 MiB reserved for ECS and the system): use c6i.xlarge or larger"),
                Arguments.of("explicit task cpu above a t3.medium", "", """
                        clusters:
                          app:
                            instanceType: t3.medium
                        apps:
                          magento:
                            cpu: 4096
                        """, "m.yml:8:23", "environments.production.clusters.app.instanceType",
                        "t3.medium cannot run a task of app 'magento', which needs cpu 4096 (2048 available): use t3.xlarge"),
                Arguments.of("too big for every t4g", """
                        apps:
                          magento:
                            containers:
                              php-fpm: {cpu: 16384}
                        """, """
                        clusters:
                          app: {instanceType: t4g.large}
                        """, "m.yml:11:27", "environments.production.clusters.app.instanceType",
                        "make the task smaller or choose a larger instance type"),
                // --- VPC ranges AWS refuses, and octets it would read differently
                Arguments.of("loopback VPC", "", "", "127.0.0.0/16", "environments.production.vpcCidr",
                        "VPC CIDR 127.0.0.0/16 is in 127.0.0.0/8 (loopback), which AWS does not allow"),
                Arguments.of("link-local VPC", "", "", "169.254.0.0/16", "environments.production.vpcCidr",
                        "is in 169.254.0.0/16 (link-local"),
                Arguments.of("multicast VPC", "", "", "224.10.0.0/16", "environments.production.vpcCidr",
                        "is in 224.0.0.0/4 (multicast)"),
                Arguments.of("leading zero", "", "", "010.0.0.0/16", "environments.production.vpcCidr",
                        "'010.0.0.0/16' has a leading zero in '010': write 10"),
                Arguments.of("leading zero in the prefix", "", "", "10.0.0.0/016", "environments.production.vpcCidr",
                        "has no valid prefix length"),
                Arguments.of("leading zero in a subnet", "", """
                        availabilityZones: 2
                        subnets:
                          public: [10.0.0.0/24, 10.0.01.0/24]
                          private: [10.0.2.0/24, 10.0.3.0/24]
                          data: [10.0.4.0/24, 10.0.5.0/24]
                        """, "m.yml:8:29", "environments.production.subnets.public[1]", "has a leading zero in '01'"),
                // --- names that would end AWS resource names with '-'
                Arguments.of("app name ending in -", "apps:\n  shop-: {}\n", "", "m.yml:4:3", "apps.shop-",
                        "app name 'shop-' must not end with '-'"),
                Arguments.of("environment name ending in -", "", "", "env:prod-", "environments.prod-",
                        "environment name 'prod-' must not end with '-'"),
                Arguments.of("cluster name ending in -", "", "clusters:\n  web-: {}\n", "m.yml:7:7",
                        "environments.production.clusters.web-", "cluster name 'web-' must not end with '-'"),
                Arguments.of("generic container name ending in -", "apps:\n  api:\n    kind: generic\n    containers:\n"
                        + "      web-: {image: x/web:1}\n", "", "m.yml:7:7", "apps.api.containers.web-",
                        "container name 'web-' must not end with '-'"),
                Arguments.of("project ending in -", "", "", "project:acme-", "project",
                        "project 'acme-' must not end with '-'"),
                // --- quoted numbers and booleans
                Arguments.of("quoted number", "", "availabilityZones: \"3\"\n", "m.yml:6:24",
                        "environments.production.availabilityZones",
                        "expected a whole number, got '3', which is quoted text: write 3 without quotes"),
                Arguments.of("quoted boolean", "", "deletionProtection: 'false'\n", "m.yml:6:25",
                        "environments.production.deletionProtection",
                        "expected true or false, got 'false', which is quoted text: write false without quotes"),
                // --- one mistake, one error: nothing about the default that replaced the wrong value
                Arguments.of("wrong maxSize, then minSize vs the default maxSize", "", """
                        clusters:
                          app: {instanceType: c6i.xlarge, minSize: 5, maxSize: "6"}
                        """, "m.yml:7:60", "environments.production.clusters.app.maxSize", "which is quoted text"),
                Arguments.of("wrong availabilityZones, then subnets vs the default", "", """
                        availabilityZones: 9
                        subnets:
                          public: [10.0.0.0/24, 10.0.1.0/24]
                          private: [10.0.2.0/24, 10.0.3.0/24]
                          data: [10.0.4.0/24, 10.0.5.0/24]
                        """, "m.yml:6:24", "environments.production.availabilityZones", "must be between 2 and 6, got 9"),
                Arguments.of("wrong container cpu, then the task vs the default", """
                        apps:
                          magento:
                            cpu: 512
                            containers:
                              php-fpm: {cpu: abc}
                        """, "", "m.yml:7:22", "apps.magento.containers.php-fpm.cpu", "expected a whole number, got 'abc'"),
                Arguments.of("wrong instance type, then capacity of the default", """
                        apps:
                          magento:
                            containers:
                              php-fpm: {memory: 6144}
                        """, """
                        clusters:
                          app: {instanceType: huge}
                        """, "m.yml:11:27", "environments.production.clusters.app.instanceType",
                        "expected an EC2 instance type like c6i.xlarge, got 'huge'"),
                Arguments.of("wrong desiredCount, then deployment vs the default", """
                        apps:
                          magento:
                            desiredCount: -1
                            deployment: {minimumHealthyPercent: 100, maximumPercent: 100}
                        """, "", "m.yml:5:19", "apps.magento.desiredCount", "must be between 0 and 1000, got -1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void oneMistakeOneError(String what, String top, String env, String at, String path, String message) {
        String yaml = yaml(top, env);
        // Rows that change a value written by yaml() itself say which: "127.0.0.0/16" (the VPC), "env:", "project:".
        if (at.startsWith("env:")) {
            yaml = yaml.replace("  production:", "  " + at.substring(4) + ":");
        } else if (at.startsWith("project:")) {
            yaml = yaml.replace("project: acme-shop", "project: " + at.substring(8));
        } else if (!at.startsWith("m.yml")) {
            yaml = yaml.replace("10.0.0.0/16", at);
        }
        List<ConfigError> errors = errors(yaml);
        assertEquals(1, errors.size(), what + ": one mistake, one error:\n" + String.join("\n",
                errors.stream().map(ConfigError::toString).toList()) + "\nin\n" + yaml);
        ConfigError e = errors.get(0);
        assertEquals(path, e.path(), e.toString());
        assertTrue(e.message().contains(message), e.toString());
        if (at.startsWith("m.yml")) {
            assertTrue(e.toString().startsWith(at + ": " + path + ": "), e.toString());
        } else {
            assertTrue(e.line() > 0 && e.column() > 0, e.toString());
        }
    }

    static Stream<Arguments> warnings() {
        return Stream.of(
                Arguments.of("bastion: {sshCidr: 10.0.0.0/8}\n", 1,
                        "m.yml:6:24: environments.production.bastion.sshCidr: sshCidr 10.0.0.0/8 lets 16777216 addresses reach SSH"),
                Arguments.of("bastion: {sshCidr: 203.0.113.0/24}\n", 0, ""),
                Arguments.of("bastion: {sshCidr: 198.51.0.0/16}\n", 0, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void warnings(String env, int count, String first) {
        MckConfig config = ConfigLoader.parse(yaml("", env), "m.yml");
        assertEquals(count, config.warnings().size(), config.warnings().toString());
        if (count > 0) {
            assertTrue(config.warnings().get(0).toString().startsWith(first), config.warnings().get(0).toString());
        }
    }

    static Stream<Arguments> fitting() {
        return Stream.of(
                Arguments.of("t3.micro", 2048, 700, true),
                Arguments.of("t3.micro", 2048, 800, false),
                Arguments.of("c6i.large", 2048, 3737, true),
                Arguments.of("c6i.large", 2049, 512, false),
                Arguments.of("m6i.32xlarge", 131072, 400000, true),
                Arguments.of("r6i.large", 196608, 1048576, true)); // not in the table: not judged
    }

    @ParameterizedTest(name = "{0} cpu {1} memory {2}")
    @MethodSource
    void fitting(String type, int cpu, int memory, boolean fits) {
        AppConfig app = new AppConfig("a", "generic", java.util.Map.of(), 1, cpu, memory, "/", java.util.Map.of(),
                java.util.Map.of(), new DeploymentConfig(100, 200, 0));
        assertEquals(fits, CapacityRules.taskProblem(type, app).isEmpty(), CapacityRules.taskProblem(type, app).toString());
    }
}
