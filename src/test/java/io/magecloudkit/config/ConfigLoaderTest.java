package io.magecloudkit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final String MINIMAL = """
            project: acme-shop
            region: eu-west-1
            environments:
              production:
                vpcCidr: 10.0.0.0/16
            """;

    private static List<ConfigError> errors(String yaml) {
        try {
            ConfigLoader.parse(yaml, "test.yml");
        } catch (ConfigException e) {
            return e.errors();
        }
        return fail("expected the configuration to be rejected:\n" + yaml);
    }

    /** The one error at line:column whose path and message contain the given parts. */
    private static ConfigError find(List<ConfigError> errors, int line, int column, String path, String message) {
        return errors.stream()
                .filter(e -> e.line() == line && e.column() == column && e.path().equals(path) && e.message().contains(message))
                .findFirst()
                .orElseGet(() -> fail("no error " + line + ":" + column + " " + path + " '" + message + "' in\n"
                        + String.join("\n", errors.stream().map(ConfigError::toString).toList())));
    }

    // --- valid input ------------------------------------------------------------------

    @Test
    void minimal_fillsEveryDefault() {
        MckConfig c = ConfigLoader.parse(MINIMAL, "test.yml");
        assertEquals("acme-shop", c.project());
        assertEquals(List.of("production"), List.copyOf(c.environmentNames()));
        assertEquals(List.of("magento"), List.copyOf(c.appNames()));
        EnvironmentConfig prod = c.environment("production");
        assertEquals("eu-west-1", prod.region());
        assertEquals(3, prod.availabilityZones());
        assertTrue(prod.deletionProtection());
        assertEquals(List.of("app"), List.copyOf(prod.clusters().keySet()));
        assertEquals(List.of("magento"), prod.clusters().get("app").apps());
        assertEquals("8.0.mysql_aurora.3.08.0", prod.database().engineVersion());
        assertEquals("db.r6g.large", prod.database().instanceClass());
        assertEquals(1, prod.database().readers());
        assertEquals(7, prod.database().backupRetentionDays());
        assertTrue(prod.cache().isRedis());
        assertEquals("cache.t4g.medium", prod.cache().nodeType());
        assertEquals(List.of("cache", "session"), List.copyOf(prod.cache().clusters().keySet()));
        assertEquals("t3.medium.search", prod.search().instanceType());
        assertTrue(prod.bastion().enabled());
        assertEquals("t4g.micro", prod.bastion().instanceType());
        assertNull(prod.bastion().sshCidr());
        assertEquals("tar", prod.images().registry().type());
        assertEquals("target/images", prod.images().registry().path());
        assertTrue(prod.images().base().isEmpty(), "base images default to the image layout's");
        assertEquals(3, prod.subnets().publicCidrs().size());
        AppConfig magento = c.app("magento");
        assertEquals("magento", magento.kind());
        assertEquals(2, magento.desiredCount());
        assertEquals("/health_check.php", magento.healthCheckPath());
        assertEquals(List.of("nginx", "php-fpm"), magento.enabledContainers().stream().map(ContainerConfig::name).toList());
        assertFalse(magento.containers().get("blackfire").enabled());
        assertEquals(256 + 1024, magento.cpu());
        assertEquals(256 + 2048, magento.memory());
        assertEquals(100, magento.deployment().minimumHealthyPercent());
        assertEquals(200, magento.deployment().maximumPercent());
        assertTrue(c.integrations().cloudflare().isEmpty());
    }

    @Test
    void deletionProtection_defaultsOffOutsideProduction() {
        MckConfig c = ConfigLoader.parse(MINIMAL + "  staging:\n    vpcCidr: 10.1.0.0/16\n", "test.yml");
        assertFalse(c.environment("staging").deletionProtection());
        assertEquals(List.of("production", "staging"), List.copyOf(c.environmentNames()));
    }

    @Test
    void example_isValidAndMeansWhatItsCommentsSay() throws Exception {
        MckConfig c = ConfigLoader.load(Path.of("examples/magecloudkit.yml"));
        assertEquals("acme-shop", c.project());
        assertEquals(List.of("staging", "production"), List.copyOf(c.environmentNames()));
        assertEquals(List.of("magento", "admin", "blog"), List.copyOf(c.appNames()));
        EnvironmentConfig prod = c.environment("production");
        assertEquals("admin", prod.clusterOf("admin").orElseThrow().name());
        assertEquals("app", prod.clusterOf("blog").orElseThrow().name());
        assertEquals("ecr", prod.images().registry().type());
        assertEquals(4, prod.apps().get("magento").desiredCount());
        assertEquals(2, prod.cache().clusters().get("session").replicas());
        EnvironmentConfig staging = c.environment("staging");
        assertEquals("ecr", staging.images().registry().type());
        assertEquals(List.of("10.20.0.0/19", "10.20.32.0/19"), staging.subnets().publicCidrs());
        AppConfig stagingMagento = staging.apps().get("magento");
        assertTrue(stagingMagento.containers().get("blackfire").enabled());
        assertEquals(1, stagingMagento.desiredCount());
        assertEquals(0, stagingMagento.deployment().minimumHealthyPercent());
        assertEquals(200, stagingMagento.deployment().maximumPercent());
        assertTrue(stagingMagento.secrets().containsKey("BLACKFIRE_SERVER_ID"));
        assertTrue(stagingMagento.secrets().containsKey("MAGENTO_DB_PASSWORD"), "project-level secrets are kept");
        assertFalse(c.app("magento").containers().get("blackfire").enabled(), "the override stays in its environment");
        assertEquals("wordpress", c.app("blog").kind());
        assertEquals(SecretRef.Store.SECRETS_MANAGER, c.integrations().datadog().get("apiKey").store());
        assertEquals("apiKey", c.integrations().datadog().get("apiKey").jsonKey());
    }

    @Test
    void environment_unknownName_suggestsAndListsKnown() {
        MckConfig c = ConfigLoader.parse(MINIMAL, "test.yml");
        ConfigException e = assertThrows(ConfigException.class, () -> c.environment("prodution"));
        ConfigError error = e.errors().get(0);
        assertEquals("environments", error.path());
        assertTrue(error.message().contains("did you mean 'production'?"), error.message());
        assertTrue(error.message().contains("known: production"), error.message());
        assertEquals(3, error.line());
    }

    @Test
    void yamlMergeKeys_areApplied() {
        MckConfig c = ConfigLoader.parse("""
                project: acme-shop
                region: eu-west-1
                environments:
                  staging: &base
                    vpcCidr: 10.0.0.0/16
                    availabilityZones: 2
                  production:
                    <<: *base
                    vpcCidr: 10.1.0.0/16
                """, "test.yml");
        assertEquals(2, c.environment("production").availabilityZones());
        assertEquals("10.1.0.0/16", c.environment("production").vpcCidr());
    }

    // --- the acceptance case: three kinds of error at once ---------------------------------

    @Test
    void typoBadCidrAndMissingApp_areAllReportedInFileOrder() {
        List<ConfigError> errors = errors("""
                project: acme-shop
                region: eu-west-1
                environments:
                  production:
                    vpcCidr: 10.0.0.1/16
                    clusters:
                      app:
                        instanceTpye: c6i.xlarge
                        apps: [magento, blgo]
                """);
        assertEquals(3, errors.size(), errors.toString());
        find(errors, 5, 14, "environments.production.vpcCidr", "did you mean 10.0.0.0/16?");
        find(errors, 8, 9, "environments.production.clusters.app.instanceTpye", "unknown key 'instanceTpye' (did you mean 'instanceType'?)");
        find(errors, 9, 25, "environments.production.clusters.app.apps[1]", "no app named 'blgo'");
        assertEquals(List.of(5, 8, 9), errors.stream().map(ConfigError::line).toList());
        assertEquals("test.yml:5:14: environments.production.vpcCidr: '10.0.0.1/16' has host bits set (did you mean 10.0.0.0/16?)",
                errors.get(0).toString());
    }

    // --- each kind of invalid input -----------------------------------------------------

    @Test
    void unknownKey_withoutACloseMatch_hasNoSuggestion() {
        List<ConfigError> errors = errors(MINIMAL + "    colour: blue\n");
        ConfigError e = find(errors, 6, 5, "environments.production.colour", "unknown key 'colour'");
        assertFalse(e.message().contains("did you mean"), e.message());
    }

    @Test
    void unknownTopLevelKey_andMisspeltRequiredKey_reportOnlyTheTypo() {
        List<ConfigError> errors = errors("""
                projcet: acme-shop
                region: eu-west-1
                environments:
                  production:
                    vpcCdir: 10.0.0.0/16
                """);
        find(errors, 1, 1, "projcet", "did you mean 'project'?");
        find(errors, 5, 5, "environments.production.vpcCdir", "did you mean 'vpcCidr'?");
        assertEquals(2, errors.size(), errors.toString());
    }

    @Test
    void missingRequiredKeys_areNamed() {
        List<ConfigError> errors = errors("environments:\n  production: {}\n");
        find(errors, 1, 1, "project", "'project' is required");
        find(errors, 1, 1, "region", "'region' is required");
        find(errors, 2, 3, "environments.production.vpcCidr", "'vpcCidr' is required");
        List<ConfigError> none = errors("project: acme-shop\nregion: eu-west-1\n");
        find(none, 1, 1, "environments", "at least one environment");
        find(errors(MINIMAL + "apps: {}\n"), 6, 1, "apps", "no app");
    }

    @Test
    void wrongTypes_sayWhatWasExpected() {
        List<ConfigError> errors = errors(MINIMAL + """
                    availabilityZones: two
                    deletionProtection: maybe
                    database: [a, b]
                apps:
                  magento:
                    desiredCount: 2.5
                    environment: [A]
                """);
        find(errors, 6, 24, "environments.production.availabilityZones", "expected a whole number, got 'two'");
        find(errors, 7, 25, "environments.production.deletionProtection", "expected true or false, got 'maybe'");
        find(errors, 8, 15, "environments.production.database", "expected a mapping of keys, got a list");
        find(errors, 11, 19, "apps.magento.desiredCount", "expected a whole number, got '2.5'");
        find(errors, 12, 18, "apps.magento.environment", "expected a mapping of keys, got a list");
    }

    @Test
    void wrongShapes_areReportedOnce_withoutFollowOnNoise() {
        List<ConfigError> envList = errors("project: acme-shop\nregion: eu-west-1\nenvironments: [production]\n");
        assertEquals(1, envList.size(), envList.toString());
        find(envList, 3, 15, "environments", "expected a mapping of keys, got a list");
        List<ConfigError> envScalar = errors("project: acme-shop\nregion: eu-west-1\nenvironments:\n  production: yes\n");
        assertEquals(1, envScalar.size(), envScalar.toString());
        List<ConfigError> subnets = errors(MINIMAL + "    subnets: {public: [{a: 1}], private: 3}\n");
        assertEquals(2, subnets.size(), subnets.toString());
        find(subnets, 6, 24, "environments.production.subnets.public[0]", "expected a text item, got a mapping");
        find(subnets, 6, 42, "environments.production.subnets.private", "expected a list, got '3'");
        List<ConfigError> key = errors("? [a]\n: b\n" + MINIMAL);
        find(key, 1, 3, "", "expected a plain key, got a list");
    }

    @Test
    void badCidrs_everywhere() {
        List<ConfigError> errors = errors("""
                project: acme-shop
                region: eu-west-1
                environments:
                  a:
                    vpcCidr: 10.0.0.0/8
                  b:
                    vpcCidr: 300.0.0.0/16
                  c:
                    vpcCidr: 10.2.0.0/24
                    availabilityZones: 6
                  d:
                    vpcCidr: 10.3.0.0/16
                    bastion:
                      sshCidr: 0.0.0.0/0
                  e:
                    vpcCidr: 10.4.0.0/16
                    bastion:
                      sshCidr: 198.51.100.7/24
                """);
        find(errors, 5, 14, "environments.a.vpcCidr", "use /16 to /24");
        find(errors, 7, 14, "environments.b.vpcCidr", "'300' is not a number 0..255");
        find(errors, 9, 14, "environments.c.vpcCidr", "too small");
        find(errors, 14, 16, "environments.d.bastion.sshCidr", "whole internet");
        find(errors, 18, 16, "environments.e.bastion.sshCidr", "did you mean 198.51.100.0/24?");
        assertEquals(5, errors.size(), errors.toString());
    }

    @Test
    void overlappingRanges_nameBothKeys() {
        List<ConfigError> errors = errors("""
                project: acme-shop
                region: eu-west-1
                environments:
                  staging:
                    vpcCidr: 10.0.0.0/16
                    availabilityZones: 2
                    subnets:
                      public: [10.0.0.0/24, 10.0.1.0/24]
                      private: [10.0.1.0/24, 10.9.0.0/24]
                      data: [10.0.4.0/24]
                  production:
                    vpcCidr: 10.0.128.0/17
                  us:
                    region: us-east-1
                    vpcCidr: 10.0.0.0/16
                """);
        find(errors, 9, 17, "environments.staging.subnets.private[0]", "overlaps environments.staging.subnets.public[1] (10.0.1.0/24)");
        find(errors, 9, 30, "environments.staging.subnets.private[1]", "outside the VPC CIDR 10.0.0.0/16");
        find(errors, 10, 7, "environments.staging.subnets.data", "has 1 subnet(s) but availabilityZones is 2");
        find(errors, 12, 14, "environments.production.vpcCidr", "overlaps environments.staging.vpcCidr (10.0.0.0/16)");
        assertEquals(4, errors.size(), errors.toString());
    }

    @Test
    void impossibleSizes() {
        List<ConfigError> errors = errors(MINIMAL + """
                    availabilityZones: 7
                    clusters:
                      app:
                        minSize: 3
                        maxSize: 4
                        desiredCapacity: 5
                    database:
                      readers: 16
                      backupRetentionDays: 0
                    cache:
                      cache:
                        replicas: 6
                apps:
                  magento:
                    memory: 1024
                    desiredCount: 1
                    deployment:
                      maximumPercent: 100
                """);
        find(errors, 6, 24, "environments.production.availabilityZones", "between 2 and 6, got 7");
        find(errors, 11, 26, "environments.production.clusters.app.desiredCapacity", "outside minSize..maxSize (3..4)");
        find(errors, 13, 16, "environments.production.database.readers", "between 0 and 15");
        find(errors, 14, 28, "environments.production.database.backupRetentionDays", "between 1 and 35");
        find(errors, 17, 19, "environments.production.cache.cache.replicas", "between 0 and 5");
        find(errors, 20, 13, "apps.magento.memory", "less than its containers' total 2304 MiB (nginx 256 + php-fpm 2048)");
        find(errors, 22, 5, "apps.magento.deployment", "could never replace a task");
    }

    @Test
    void clusterReferences() {
        List<ConfigError> errors = errors(MINIMAL + """
                    clusters:
                      web:
                        apps: [magento, blgo]
                      admin:
                        apps: [magento]
                      empty: {}
                apps:
                  magento: {}
                  blog:
                    kind: wordpress
                """);
        find(errors, 8, 25, "environments.production.clusters.web.apps[1]", "no app named 'blgo' (did you mean 'blog'?)");
        find(errors, 10, 16, "environments.production.clusters.admin.apps[0]", "already runs on cluster 'web'");
        find(errors, 11, 7, "environments.production.clusters.empty.apps", "'apps' is required when an environment has more than one cluster");
        find(errors, 6, 5, "environments.production.clusters", "app 'blog' runs on no cluster");
    }

    @Test
    void environmentOverride_ofAnUnknownApp_suggests() {
        List<ConfigError> errors = errors(MINIMAL + "    apps:\n      magneto:\n        desiredCount: 1\n");
        find(errors, 7, 7, "environments.production.apps.magneto", "no app named 'magneto' (did you mean 'magento'?)");
    }

    @Test
    void environmentOverride_cannotChangeKindOrDisableNginx_andIsCheckedMerged() {
        List<ConfigError> errors = errors(MINIMAL + """
                    apps:
                      magento:
                        kind: wordpress
                        containers:
                          nginx: {enabled: false}
                          blackfire: {enabled: true}
                        memory: 2304
                """);
        find(errors, 8, 9, "environments.production.apps.magento.kind", "cannot change per environment");
        find(errors, 10, 19, "environments.production.apps.magento.containers.nginx.enabled", "only blackfire can be turned off");
        find(errors, 12, 17, "environments.production.apps.magento.memory", "less than its containers' total 2560 MiB");
        assertEquals(3, errors.size(), errors.toString());
    }

    @Test
    void secrets_plainTextIsRejectedWithoutEchoingIt() {
        List<ConfigError> errors = errors(MINIMAL + """
                apps:
                  magento:
                    environment:
                      SHARED: x
                      1BAD: y
                    secrets:
                      SHARED: ssm:/shop/db
                      API_KEY: sup3r-s3cret-value
                      OTHER: ssm:relative
                integrations:
                  cloudflare:
                    apiToken: plain-token-value
                  bugsang:
                    apiKey: ssm:/x
                """);
        ConfigError plain = find(errors, 13, 16, "apps.magento.secrets.API_KEY", "not a value");
        assertFalse(plain.toString().contains("sup3r"), plain.toString());
        find(errors, 14, 14, "apps.magento.secrets.OTHER", "expected ssm:/path/name");
        find(errors, 12, 15, "apps.magento.secrets.SHARED", "both an environment variable and a secret");
        find(errors, 10, 7, "apps.magento.environment.1BAD", "not a valid environment variable name");
        ConfigError token = find(errors, 17, 15, "integrations.cloudflare.apiToken", "not a value");
        assertFalse(token.toString().contains("plain-token"), token.toString());
        find(errors, 18, 3, "integrations.bugsang", "did you mean 'bugsnag'?");
    }

    @Test
    void secretLookingEnvironmentVariables_andScalarSecretMaps_areNotQuotedBack() {
        List<ConfigError> errors = errors(MINIMAL + """
                apps:
                  magento:
                    environment:
                      DB_PASSWORD: hunter2hunter2
                      PHP_MEMORY_LIMIT: 2G
                    secrets: tok3n-tok3n
                integrations:
                  nosto: n0sto-t0ken
                """);
        assertEquals(3, errors.size(), errors.toString());
        find(errors, 9, 20, "apps.magento.environment.DB_PASSWORD", "looks like a secret");
        find(errors, 11, 14, "apps.magento.secrets", "expected a mapping of NAME: reference");
        find(errors, 13, 10, "integrations.nosto", "expected a mapping of NAME: reference");
        String all = errors.toString();
        assertFalse(all.contains("hunter2") || all.contains("tok3n") || all.contains("n0sto"), all);
    }

    @Test
    void enumsRegionsAndPatterns() {
        List<ConfigError> errors = errors("""
                project: Acme Shop
                region: europe-1
                images:
                  registry:
                    type: oic
                environments:
                  production:
                    region: eu-west-1
                    vpcCidr: 10.0.0.0/16
                    certificateArn: arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555
                    domain: Shop.Example
                    cache:
                      engine: memcache
                    clusters:
                      app:
                        instanceType: huge
                apps:
                  magento:
                    kind: magneto
                """);
        find(errors, 1, 10, "project", "lower-case letters");
        find(errors, 2, 9, "region", "an AWS region like eu-west-1");
        find(errors, 5, 11, "images.registry.type", "did you mean 'oci'?");
        find(errors, 10, 21, "environments.production.certificateArn", "the certificate is in us-east-1");
        find(errors, 11, 13, "environments.production.domain", "hostname");
        find(errors, 13, 15, "environments.production.cache.engine", "did you mean 'memcached'?");
        find(errors, 16, 23, "environments.production.clusters.app.instanceType", "EC2 instance type");
        find(errors, 19, 11, "apps.magento.kind", "did you mean 'magento'?");
    }

    @Test
    void images_registryRules() {
        List<ConfigError> errors = errors(MINIMAL + """
                    images:
                      registry:
                        type: oci
                        path: out
                      base:
                        ngnix: nginx:1
                images:
                  registry:
                    type: tar
                    url: https://registry.example.com
                """);
        find(errors, 7, 7, "environments.production.images.registry.url", "'url' is required for an oci registry");
        find(errors, 9, 9, "environments.production.images.registry.path", "only used by a tar registry");
        find(errors, 11, 9, "environments.production.images.base.ngnix", "did you mean 'nginx'?");
        find(errors, 15, 10, "images.registry.url", "without the scheme");
    }

    @Test
    void images_environmentOverride() {
        MckConfig c = ConfigLoader.parse(MINIMAL + """
                    images:
                      registry:
                        type: oci
                        url: 127.0.0.1:5000/acme
                      base:
                        nginx: nginx:1.26-alpine
                images:
                  base:
                    php-fpm: php:8.3-fpm-alpine
                """, "test.yml");
        ImagesConfig images = c.environment("production").images();
        assertEquals(new RegistryConfig("oci", "127.0.0.1:5000/acme", null), images.registry());
        assertEquals("nginx:1.26-alpine", images.base().get("nginx"));
        assertEquals("php:8.3-fpm-alpine", images.base().get("php-fpm"));
        assertNull(images.base().get("blackfire"));
        assertEquals("tar", c.images().registry().type());
    }

    @Test
    void cacheEngineSpecificKeys() {
        List<ConfigError> memcached = errors(MINIMAL + "    cache:\n      engine: memcached\n      session: {replicas: 1}\n");
        find(memcached, 8, 7, "environments.production.cache.session", "only for the redis engine");
        List<ConfigError> redis = errors(MINIMAL + "    cache:\n      nodes: 3\n");
        find(redis, 7, 7, "environments.production.cache.nodes", "only for the memcached engine");
        MckConfig ok = ConfigLoader.parse(MINIMAL + "    cache:\n      engine: memcached\n      nodes: 3\n", "t.yml");
        assertEquals(3, ok.environment("production").cache().nodes());
        assertTrue(ok.environment("production").cache().clusters().isEmpty());
    }

    @Test
    void genericApp_needsImages() {
        List<ConfigError> errors = errors(MINIMAL + """
                apps:
                  worker:
                    kind: generic
                    containers:
                      queue:
                        cpu: 256
                """);
        find(errors, 10, 7, "apps.worker.containers.queue.image", "'image' is required");
        MckConfig ok = ConfigLoader.parse(MINIMAL + """
                apps:
                  worker:
                    kind: generic
                    containers:
                      queue: {image: "acme/queue:1.4", port: 8080}
                """, "t.yml");
        assertEquals(8080, ok.app("worker").containers().get("queue").port());
        assertEquals("/", ok.app("worker").healthCheckPath());
    }

    @Test
    void duplicateKeys_pointAtBoth() {
        List<ConfigError> errors = errors(MINIMAL + "    vpcCidr: 10.1.0.0/16\n");
        find(errors, 6, 5, "environments.production.vpcCidr", "duplicate key 'vpcCidr' (first at line 5)");
    }

    // --- malformed YAML and unreadable files -------------------------------------------

    @Test
    void yamlSyntaxError_hasLineAndColumn() {
        List<ConfigError> errors = errors("project: acme-shop\nregion: [eu-west-1\nenvironments: {}\n");
        assertEquals(1, errors.size(), errors.toString());
        ConfigError e = errors.get(0);
        assertTrue(e.line() > 0 && e.column() > 0, e.toString());
        assertTrue(e.message().startsWith("YAML syntax error"), e.message());
        List<ConfigError> indent = errors("project: a\n  region: b\n");
        assertEquals(2, indent.get(0).line(), indent.toString());
        assertEquals(9, indent.get(0).column(), indent.toString());
    }

    @Test
    void emptyFile_nonMappingRoot_tagsAndSeveralDocuments() {
        assertTrue(errors("").get(0).message().contains("the file is empty"));
        assertTrue(errors("# only a comment\n").get(0).message().contains("the file is empty"));
        ConfigError list = errors("- project\n").get(0);
        assertTrue(list.message().contains("expected a mapping") && list.message().contains("got a list"), list.message());
        ConfigError scalar = errors("just text\n").get(0);
        assertTrue(scalar.message().contains("got 'just text'"), scalar.message());
        ConfigError tag = errors("project: !!python/object:os.system x\n").get(0);
        assertTrue(tag.message().contains("not allowed"), tag.message());
        assertEquals(1, tag.line());
        assertTrue(errors(MINIMAL + "---\nproject: b\n").get(0).message().contains("YAML syntax error"));
    }

    @Test
    void missingFileAndDirectory_areClearErrors(@TempDir Path dir) throws Exception {
        ConfigException missing = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("nope.yml")));
        assertTrue(missing.getMessage().contains("nope.yml: no such file"), missing.getMessage());
        ConfigException directory = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir));
        assertTrue(directory.getMessage().contains("is a directory"), directory.getMessage());
        Path latin1 = dir.resolve("latin1.yml");
        Files.write(latin1, new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(latin1)).getMessage().contains("not UTF-8"));
        Path file = dir.resolve("magecloudkit.yml");
        Files.writeString(file, MINIMAL);
        assertEquals("acme-shop", ConfigLoader.load(file).project());
        assertEquals(Map.of(), ConfigLoader.load(file).integrations().all());
    }
}
