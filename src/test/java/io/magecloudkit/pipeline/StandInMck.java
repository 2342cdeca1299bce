package io.magecloudkit.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;

/**
 * An mck stand-in for what the real engine cannot be made to do on demand in a test (a deploy
 * that fails its gate and is rolled back): it keeps the exact argument vector of its last run
 * (NUL-separated, so quotes and newlines survive), copies $STUB_RESULT to --result-file and
 * exits $STUB_EXIT; with $STUB_LEAK set it prints $AWS_SECRET_ACCESS_KEY, as a careless tool would.
 */
final class StandInMck {
    private final Path workspace;
    final Path path;

    StandInMck(Path workspace) throws IOException {
        this.workspace = workspace;
        this.path = workspace.resolve("mck-stub");
        Files.writeString(path, """
                #!/bin/sh
                : > argv
                for a in "$@"; do printf '%s\\0' "$a" >> argv; done
                cmd=$1
                printf '%s\\n' "$cmd" >> commands.log
                printf 'access key %s\\n' "${AWS_ACCESS_KEY_ID:-none}"
                if [ -n "$STUB_LEAK" ]; then printf '%s\\n' "$AWS_SECRET_ACCESS_KEY"; fi
                while [ $# -gt 0 ]; do
                  if [ "$1" = --result-file ]; then out="$2"; fi
                  shift
                done
                case "$cmd" in build-images) r=${STUB_RESULT_BUILD:-$STUB_RESULT};; deploy) r=${STUB_RESULT_DEPLOY:-$STUB_RESULT}; STUB_EXIT=${STUB_EXIT_DEPLOY:-$STUB_EXIT};; *) r=$STUB_RESULT;; esac
                if [ -n "$r" ]; then mkdir -p "$(dirname "$out")" && cp "$r" "$out"; fi
                exit "${STUB_EXIT:-0}"
                """);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The arguments of the last run, exactly as mck received them. */
    List<String> argv() throws IOException {
        String all = Files.readString(workspace.resolve("argv"), StandardCharsets.UTF_8);
        return Arrays.asList(all.substring(0, Math.max(0, all.length() - 1)).split("\0", -1));
    }

    /** The arguments after --result-file FILE (which is unique per call). */
    List<String> flags() throws IOException {
        List<String> argv = argv();
        return argv.subList(3, argv.size());
    }

    /** Writes a result document for the next run and its exit code. */
    void answers(PipelineHarness jenkins, int exit, String json) throws IOException {
        Path file = workspace.resolve("stub-result-" + System.nanoTime() + ".json");
        Files.writeString(file, json);
        jenkins.env("STUB_RESULT", file.toString()).env("STUB_EXIT", Integer.toString(exit));
    }
}
