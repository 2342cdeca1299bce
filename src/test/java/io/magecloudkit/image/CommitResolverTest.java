package io.magecloudkit.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.MckException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommitResolverTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(nullValues = "-", textBlock = """
            abc123,  def456,  abc123
            ' abc ', def456,  abc
            -,       def456,  def456
            '',      ' d4 ',  d4
            """)
    void theFlagWins_thenJenkinsGitCommit(String flag, String gitCommit, String expected) {
        assertEquals(expected, CommitResolver.resolve(flag, Map.of("GIT_COMMIT", gitCommit), dir));
    }

    @Test
    void noFlag_noGitCommit_notACheckout_isAUsageError() {
        MckException e = assertThrows(MckException.class, () -> CommitResolver.resolve(null, Map.of(), dir));
        assertEquals(MckException.Kind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("--tag COMMIT"), e.getMessage());
    }

    @Test
    void aCommandThatHangs_withItsOutputOpen_isGivenUpAfterTheTimeout() {
        // The shell keeps stdout open while its child sleeps: reading the output first would wait 60 s.
        String line = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> CommitResolver.firstLine(List.of("sh", "-c", "sleep 60; echo late"), Duration.ofMillis(300)));
        assertNull(line);
    }

    @Test
    void aCommandThatAnswers_givesItsFirstLine() {
        assertEquals("cafe", CommitResolver.firstLine(List.of("sh", "-c", "echo cafe; echo more"), Duration.ofSeconds(20)));
        assertNull(CommitResolver.firstLine(List.of("sh", "-c", "echo cafe; exit 3"), Duration.ofSeconds(20)));
        assertNull(CommitResolver.firstLine(List.of("/nonexistent/git"), Duration.ofSeconds(20)));
    }
}
