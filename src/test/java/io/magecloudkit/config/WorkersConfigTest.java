package io.magecloudkit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** apps.<app>.cron and apps.<app>.consumers: defaults per kind, overrides per environment, what is refused and where. */
class WorkersConfigTest {
    static final String ENVS = "environments:\n  staging:\n    vpcCidr: 10.0.0.0/16\n";

    static MckConfig parse(String apps) {
        return ConfigLoader.parse("project: shop\nregion: eu-west-1\n" + apps + ENVS, "m.yml");
    }

    @Test
    void magentoHasACronRunnerAndConsumersRunByCron_byDefault() {
        AppConfig app = parse("").app("magento");
        assertEquals(new CronConfig(true, 60, 512, 2048), app.cron());
        assertEquals(new ConsumersConfig(true, 1000, List.of(), java.util.Map.of()), app.consumers());
    }

    @Test
    void otherKindsHaveNone() {
        AppConfig blog = parse("apps:\n  blog:\n    kind: wordpress\n").app("blog");
        assertFalse(blog.cron().enabled());
    }

    @Test
    void setAtProjectLevel_andOverriddenFieldByFieldPerEnvironment() {
        String yaml = "project: shop\nregion: eu-west-1\napps:\n  magento:\n    cron:\n      memory: 3072\n"
                + "    consumers:\n      maxMessages: 500\n      only: [exportProcessor, async.operations.all]\n"
                + "      services:\n        product_action_attribute.update:\n          cpu: 512\n"
                + "environments:\n  staging:\n    vpcCidr: 10.0.0.0/16\n    apps:\n      magento:\n"
                + "        cron:\n          intervalSeconds: 120\n        consumers:\n          services:\n"
                + "            product_action_attribute.update:\n              desiredCount: 2\n";
        MckConfig c = ConfigLoader.parse(yaml, "m.yml");
        AppConfig staging = c.environment("staging").apps().get("magento");
        assertEquals(new CronConfig(true, 120, 512, 3072), staging.cron());
        assertEquals(500, staging.consumers().maxMessages());
        assertEquals(List.of("exportProcessor", "async.operations.all"), staging.consumers().only());
        ConsumersConfig.Service service = staging.consumers().services().get("product_action_attribute.update");
        assertEquals(new ConsumersConfig.Service("product_action_attribute.update", 2, 512, 1024, 10), service);
        assertEquals("consumer-product_action_attribute-update", service.suffix());
        assertEquals(60, c.app("magento").cron().intervalSeconds());
        assertEquals(1, c.app("magento").consumers().services().get("product_action_attribute.update").desiredCount());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "'cron:\n      intervalSeconds: 30'       | 6:24 | apps.magento.cron.intervalSeconds | must be between 60 and 3600",
        "'cron:\n      enabeld: false'            | 6:7  | apps.magento.cron.enabeld | did you mean 'enabled'?",
        "'cron:\n      memory: 64'                | 6:15 | apps.magento.cron.memory | must be between 128",
        "'cron:\n      enabled: \"no\"'           | 6:16 | apps.magento.cron.enabled | expected true or false",
        "'consumers:\n      maxMessage: 10'       | 6:7  | apps.magento.consumers.maxMessage | did you mean 'maxMessages'?",
        "'consumers:\n      maxMessages: 0'       | 6:20 | apps.magento.consumers.maxMessages | must be between 1 and 1000000",
        "'consumers:\n      only: [\"a b\"]'      | 6:14 | apps.magento.consumers.only[0] | expected a consumer name",
        "'consumers:\n      only: [x, x]'         | 6:17 | apps.magento.consumers.only[1] | listed twice",
        "'consumers:\n      only: [x]\n      services:\n        x: {}' | 8:9 | apps.magento.consumers.services.x | remove it from consumers.only",
        "'consumers:\n      services:\n        a.b: {}\n        a-b: {}' | 8:9 | apps.magento.consumers.services.a-b | the same service name",
        "'consumers:\n      services:\n        x:\n          desiredcount: 2' | 8:11 | apps.magento.consumers.services.x.desiredcount | did you mean 'desiredCount'?",
        "'consumers:\n      services:\n        x:\n          intervalSeconds: 0' | 8:28 | apps.magento.consumers.services.x.intervalSeconds | must be between 1 and 3600"})
    void refused(String section, String at, String path, String message) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> parse("apps:\n  magento:\n    " + section + "\n"));
        assertTrue(e.getMessage().contains("m.yml:" + at + ": " + path + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void refusedForOtherKinds_atTheKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> parse("apps:\n  blog:\n    kind: wordpress\n    cron:\n      enabled: true\n"));
        assertTrue(e.getMessage().contains("m.yml:6:5: apps.blog.cron: 'cron' is only for apps of kind magento, this one is"
                + " wordpress"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "cron memory         | 'cron:\n      memory: 6144' | the cron runner of app 'magento' (cron.cpu / cron.memory), which needs memory 6144 MiB",
        "a consumer's cpu    | 'consumers:\n      services:\n        exportProcessor: {cpu: 4096}' | consumer exportProcessor of app 'magento' (consumers.services), which needs cpu 4096"})
    void workerTasksMustFitTheClustersInstanceType(String what, String section, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("apps:\n  magento:\n    " + section + "\n"));
        assertTrue(e.getMessage().contains("environments.staging.clusters: c6i.large cannot run a task of " + message),
                e.getMessage());
    }

    @Test
    void cronOffWhileConsumersWaitForCron_isAWarning() {
        MckConfig c = parse("apps:\n  magento:\n    cron:\n      enabled: false\n");
        assertFalse(c.app("magento").cron().enabled());
        assertTrue(c.warnings().stream().anyMatch(w -> w.toString().contains("apps.magento.cron.enabled")
                && w.toString().contains("no consumer runs")), c.warnings().toString());
    }
}
