package io.magecloudkit.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** vars/mckBuildImages.groovy on Jenkins' Groovy, with an mck stand-in that records its arguments and writes a given result. */
class MckBuildImagesStepTest {
    static final String RESULT = """
            {"command": "build-images", "exitCode": 0, "result": {"images": [
              {"name": "nginx", "repository": "r/nginx", "tag": "abc-1", "digest": "sha256:01", "reference": "r/nginx@sha256:01",
               "status": "pushed", "pushedLayers": 2, "bytesPushed": 10},
              {"name": "php-fpm", "repository": "r/php", "tag": "abc-2", "digest": "sha256:02", "reference": "r/php@sha256:02",
               "status": "unchanged", "pushedLayers": 0, "bytesPushed": 0}]}}
            """;

    @TempDir
    Path workspace;
    PipelineHarness jenkins;

    /** The mck stand-in: one line of arguments per call in calls.log; copies $STUB_RESULT to --result-file when set; exits $STUB_EXIT. */
    @BeforeEach
    void standIn() throws Exception {
        Path mck = workspace.resolve("mck-stub");
        Files.writeString(mck, """
                #!/bin/sh
                printf '%s\\n' "$*" >> calls.log
                while [ $# -gt 0 ]; do
                  if [ "$1" = --result-file ]; then out="$2"; fi
                  shift
                done
                if [ -n "$STUB_RESULT" ]; then mkdir -p "$(dirname "$out")" && cp "$STUB_RESULT" "$out"; fi
                exit "${STUB_EXIT:-0}"
                """);
        Files.setPosixFilePermissions(mck, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(workspace.resolve("result.json"), RESULT);
        jenkins = new PipelineHarness(workspace).env("BUILD_NUMBER", "7").env("STUB_RESULT", workspace.resolve("result.json").toString());
    }

    private Object step(Map<String, Object> args) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(args);
        all.put("mck", "./mck-stub");
        return jenkins.run("mckBuildImages", all);
    }

    private List<String> calls() throws Exception {
        return Files.exists(workspace.resolve("calls.log")) ? Files.readAllLines(workspace.resolve("calls.log")) : List.of();
    }

    private static String resultFileOf(String call) {
        return call.replaceFirst(".*--result-file (\\S+).*", "$1");
    }

    @Test
    void returnsEachImage_echoingFromPlainCopiesOfReadJsonsResult() throws Exception {
        // The harness fails any step run inside a loop over readJSON's own objects, as CPS would in Jenkins.
        Object images = step(Map.of("env", "staging", "images", List.of("nginx", "php-fpm"),
                "baseImages", Map.of("php-fpm", "php:8.2-fpm-alpine")));
        assertEquals(Map.of("repository", "r/nginx", "tag", "abc-1", "digest", "sha256:01", "reference", "r/nginx@sha256:01",
                "status", "pushed", "pushedLayers", 2, "bytesPushed", 10), ((Map<?, ?>) images).get("nginx"));
        assertEquals(List.of("nginx", "php-fpm"), List.copyOf(((Map<?, ?>) images).keySet()));
        assertTrue(images instanceof java.util.LinkedHashMap, "a plain map goes back to the pipeline");
        assertTrue(jenkins.log().contains("mckBuildImages: php-fpm r/php@sha256:02 (unchanged)"), jenkins.log().toString());
        String call = calls().get(0);
        assertTrue(call.startsWith("build-images --result-file .mck/build-images-7-") && call.contains(" --env staging ")
                && call.contains(" --image nginx --image php-fpm ") && call.contains(" --base-image php-fpm=php:8.2-fpm-alpine"), call);
    }

    @Test
    void eachCallHasItsOwnResultFile_soAStaleOneIsNeverRead() throws Exception {
        step(Map.of());
        Path first = workspace.resolve(resultFileOf(calls().get(0)));
        assertTrue(Files.exists(first));
        // The second call's mck writes nothing: the first call's result must not pass for it.
        jenkins.env("STUB_RESULT", "");
        PipelineHarness.StepError e = assertThrows(PipelineHarness.StepError.class, () -> step(Map.of()));
        String second = resultFileOf(calls().get(1));
        assertNotEquals(workspace.resolve(second), first);
        assertEquals("mckBuildImages: mck build-images exited with 0 and wrote no result to " + second
                + " (is the mck found MageCloudKit's?)", e.getMessage());
    }

    @Test
    void theResultFileIsRemovedBeforeTheCall() throws Exception {
        step(Map.of());
        String script = jenkins.shCalls().get(1).script();
        String resultFile = resultFileOf(calls().get(0));
        assertTrue(script.startsWith("rm -f -- '" + resultFile + "' && './mck-stub' 'build-images' "), script);
    }

    @Test
    void aFailedBuild_reportsMcksOwnMessage() throws Exception {
        Files.writeString(workspace.resolve("failed.json"), "{\"command\": \"build-images\", \"exitCode\": 3, "
                + "\"error\": {\"message\": \"cannot reach registry.example.com: connection refused\"}}");
        jenkins.env("STUB_RESULT", workspace.resolve("failed.json").toString()).env("STUB_EXIT", "3");
        assertEquals("mckBuildImages failed (exit 3): cannot reach registry.example.com: connection refused",
                assertThrows(PipelineHarness.StepError.class, () -> step(Map.of())).getMessage());
        jenkins.env("STUB_RESULT", "");
        String message = assertThrows(PipelineHarness.StepError.class, () -> step(Map.of())).getMessage();
        assertEquals("mckBuildImages: mck build-images exited with 3 and wrote no result to "
                + resultFileOf(calls().get(1)) + "; see its output above", message);
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of(Map.of("images", "nginx"), "mckBuildImages: images must be a list of strings, got 'nginx'"),
                Arguments.of(Map.of("images", List.of("nginx", 3)), "mckBuildImages: images must be a list of strings, got [nginx, 3]"),
                Arguments.of(Map.of("baseImages", List.of("php:8.2-fpm")), "mckBuildImages: baseImages must be a map, got [php:8.2-fpm]"),
                Arguments.of(Map.of("baseImages", "php:8.2-fpm"), "mckBuildImages: baseImages must be a map, got 'php:8.2-fpm'"),
                Arguments.of(Map.of("registryType", "s3"), "mckBuildImages: registryType must be ecr, oci or tar, got 's3'"),
                Arguments.of(Map.of("imges", List.of("nginx")), "mckBuildImages: unknown argument imges; known: "
                        + "baseImages, builder, cacheDir, config, credentialsId, credentialsType, endpointUrl, env, externalId, images, "
                        + "mck, mckCache, mckRepository, mckSha256, mckVersion, output, profile, region, registry, registryType, roleArn, "
                        + "source, tag"));
    }

    @ParameterizedTest
    @MethodSource("wrongTypes")
    void argumentsOfTheWrongType_areRefusedBeforeMckRuns(Map<String, Object> args, String expected) throws Exception {
        assertEquals(expected, assertThrows(PipelineHarness.StepError.class, () -> step(args)).getMessage());
        assertTrue(calls().isEmpty(), "mck did not run");
    }

    @Test
    void theHelpNamesThePluginsTheStepNeeds() throws Exception {
        String help = Files.readString(Path.of("vars/mckBuildImages.txt"));
        assertTrue(help.contains("Pipeline Utility Steps") && help.contains("<code>pipeline-utility-steps</code>"), help);
        assertTrue(help.contains("<code>workflow-durable-task-step</code>"), help);
        assertFalse(help.contains("TODO"));
    }
}
