package io.magecloudkit.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.MckException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The base image build context: the files the base Dockerfiles COPY, read from the Dockerfiles. */
class CliBuildBaseContextTest {
    @TempDir
    Path tmp;

    @Test
    void sources_skipFlagsStagesAndComments_joinContinuations() {
        String df = "# syntax=docker/dockerfile:1\nFROM a AS build\n# COPY not/this /x\nCOPY --chmod=755 one.sh \\\n   dir/two.conf /etc/\n"
                + "copy ./one.sh /again\nCOPY --from=build /out /out\nADD three.tar /\nRUN echo COPY fake /x\n";
        assertEquals(List.of("one.sh", "dir/two.conf", "three.tar"), DockerfileCopies.sources(df, "t.Dockerfile"));
    }

    @Test
    void sources_refuseWhatCannotBeExtractedFileByFile() {
        for (String bad : List.of("COPY [\"a\", \"/b\"]", "COPY nginx/*.conf /x/", "COPY nginx/ /x/", "COPY ../secret /x",
                "COPY /etc/passwd /x", "ADD https://example.org/a /x", "COPY $FILE /x", "COPY onlyone")) {
            MckException e = assertThrows(MckException.class, () -> DockerfileCopies.sources("FROM a\n" + bad + "\n", "t.Dockerfile"), bad);
            assertEquals(MckException.Kind.USAGE, e.kind());
            assertTrue(e.getMessage().startsWith("t.Dockerfile: "), e.getMessage());
        }
    }

    @Test
    void baseContext_holdsExactlyTheCopiedResources_andNothingLeftOver() throws Exception {
        CliBuildPlan.Paths paths = CliBuildPlan.Paths.in(tmp.resolve("cli"), "php-fpm");
        java.nio.file.Files.createDirectories(paths.baseContext());
        java.nio.file.Files.writeString(paths.baseContext().resolve("stale.txt"), "from an earlier run");

        CliBuild.prepareBaseContext("php-fpm", paths);

        String dockerfile = java.nio.file.Files.readString(paths.baseDockerfile());
        assertEquals(CliBuild.resourceOrNull(CliBuild.DOCKERFILES + "php-fpm.Dockerfile"), dockerfile);
        List<String> expected = DockerfileCopies.sources(dockerfile, "php-fpm.Dockerfile").stream().sorted().toList();
        assertTrue(expected.contains("php/php.ini") && expected.contains("blackfire/blackfire.ini"), expected.toString());
        List<String> got;
        try (var walk = java.nio.file.Files.walk(paths.baseContext())) {
            got = walk.filter(java.nio.file.Files::isRegularFile)
                    .map(p -> paths.baseContext().relativize(p).toString()).sorted().toList();
        }
        assertEquals(expected, got);
        for (String src : got) {
            try (var in = CliBuild.class.getResourceAsStream(CliBuild.RESOURCES + src)) {
                assertArrayEquals(in.readAllBytes(), java.nio.file.Files.readAllBytes(paths.baseContext().resolve(src)), src);
            }
        }
    }

    @Test
    void aTarBaseImage_isRefusedBeforeAnythingRuns() {
        Path cache = tmp.resolve("cache");
        BuildRequest request = new BuildRequest(tmp.resolve("no-tree"), List.of(), "abc", Target.Registry.parse("127.0.0.1:5000",
                Target.RegistryType.OCI), Map.of("php-fpm", "tar:///tmp/php.tar"), BuildRequest.BuilderKind.BUILDAH, cache,
                LayoutSource.classpath(tmp.resolve("extract")), Map.of(), null);
        MckException e = assertThrows(MckException.class, () -> new CliBuild(request, io.magecloudkit.EventSink.NONE).run());
        assertEquals(MckException.Kind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("php-fpm=tar:///tmp/php.tar") && e.getMessage().contains("buildah"), e.getMessage());
        assertFalse(java.nio.file.Files.exists(cache), "nothing written");
    }

    /** Every packaged base Dockerfile reads only packaged resources, and at least the layout's files. */
    @Test
    void packagedBaseDockerfiles_copyPackagedResources_includingTheLayoutFiles() {
        ImageLayout layout = LayoutSource.classpath(tmp).layout();
        for (Map.Entry<String, ImageLayout.ImageSpec> image : layout.images().entrySet()) {
            String name = image.getKey() + ".Dockerfile";
            String dockerfile = CliBuild.resourceOrNull(CliBuild.DOCKERFILES + name);
            assertNotNull(dockerfile, name);
            List<String> sources = DockerfileCopies.sources(dockerfile, name);
            for (String src : sources) {
                assertNotNull(CliBuild.class.getResource(CliBuild.RESOURCES + src), name + " copies " + src);
            }
            for (ImageLayout.FileCopy f : image.getValue().files()) {
                assertTrue(sources.contains(f.from()), name + " copies " + f.from() + " as images.yml says");
            }
        }
    }
}
