package io.magecloudkit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Config validation's task-size rule reckons with the memory the app servers' user data reserves for ECS. */
class ReservedMemoryTemplateTest {
    @Test
    void theClusterTemplateReservesWhatCapacityRulesAssume() throws Exception {
        String template = Files.readString(Path.of("resources/io/magecloudkit/cloudformation/cluster.yml"));
        Matcher m = Pattern.compile("(?m)^\\s*ECS_RESERVED_MEMORY=(\\d+)$").matcher(template);
        org.junit.jupiter.api.Assertions.assertTrue(m.find(), "cluster.yml's UserData writes ECS_RESERVED_MEMORY to /etc/ecs/ecs.config");
        assertEquals(InstanceTypes.ECS_RESERVED_MEMORY_MIB, Integer.parseInt(m.group(1)));
        // m6i.large as the agent would register it with that reservation (the ECS guide's 2.5 % for the kernel).
        assertEquals(8192 - 205 - 256, InstanceTypes.of("m6i.large").orElseThrow().taskMemoryMib());
    }
}
