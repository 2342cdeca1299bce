package io.magecloudkit.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project the demo copies out of the class path is examples/demo, file for file: one source. */
class DemoProjectTest {
    @TempDir
    Path tmp;

    private static List<String> files(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void copy_isExamplesDemo_withBinMagentoExecutable() throws Exception {
        Path source = Path.of("examples/demo");
        Path copy = DemoProject.copyTo(tmp.resolve("project"));
        assertEquals(files(source), files(copy));
        for (String f : files(source)) {
            assertArrayEquals(Files.readAllBytes(source.resolve(f)), Files.readAllBytes(copy.resolve(f)), f);
        }
        assertTrue(Files.isExecutable(copy.resolve("app/bin/magento")));
        assertEquals(Files.readString(source.resolve("faults/v2-crash.yml")), DemoProject.text("faults/v2-crash.yml"));
    }
}
