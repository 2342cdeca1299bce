package io.magecloudkit.image;

import io.magecloudkit.MckException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The git commit a build is tagged with: the flag, else Jenkins' GIT_COMMIT, else the source's HEAD. */
public final class CommitResolver {
    private CommitResolver() {
    }

    public static String resolve(String fromFlag, Map<String, String> env, Path source) {
        if (fromFlag != null && !fromFlag.isBlank()) {
            return fromFlag.trim();
        }
        String jenkins = env.get("GIT_COMMIT");
        if (jenkins != null && !jenkins.isBlank()) {
            return jenkins.trim();
        }
        String head = gitHead(source);
        if (head == null) {
            throw new MckException(MckException.Kind.USAGE, "no git commit to tag the images with: pass --tag COMMIT, set GIT_COMMIT, or build from a git checkout");
        }
        return head;
    }

    /** How long {@code git rev-parse HEAD} may take: a hung git (a network file system) must not hang the build. */
    static final Duration GIT_TIMEOUT = Duration.ofSeconds(30);

    private static String gitHead(Path source) {
        return firstLine(List.of("git", "-C", source.toString(), "rev-parse", "HEAD"), GIT_TIMEOUT);
    }

    /**
     * Runs a command and returns its output's first line, or null when it fails or is not done
     * within {@code timeout}. The output is read on another thread, so the timeout holds even while
     * the command keeps its output open; on timeout the command and its children are killed.
     */
    static String firstLine(List<String> command, Duration timeout) {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return null;
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = p.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return null;
            }
            String text = out.get(timeout.toMillis(), TimeUnit.MILLISECONDS).trim();
            return p.exitValue() == 0 && !text.isEmpty() ? text.lines().findFirst().orElse(null) : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            return null;
        }
    }
}
