package io.magecloudkit.image;

import io.magecloudkit.MckException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

    private static String gitHead(Path source) {
        try {
            Process p = new ProcessBuilder("git", "-C", source.toString(), "rev-parse", "HEAD")
                    .redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 && !out.isEmpty() ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
