package io.magecloudkit.image.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * More parallel requests than PHP workers, through real nginx and PHP-FPM: every request must be
 * answered once a worker is free, not after nginx's idle FastCGI connections time out.
 */
class NginxPhpFpmLoadTest {

    private static final int WORKERS = 2;
    private static final int PARALLEL_REQUESTS = 16;
    private static final int WORK_MS = 100;
    // Ideal: 16 requests / 2 workers x 100 ms = 0.8 s. A busy machine may take several times that;
    // the stall this guards against held requests for about 60 s (nginx's idle connection timeout).
    private static final Duration SLOWEST_ALLOWED = Duration.ofSeconds(25);
    private static final long UNANSWERED = -1;

    @TempDir
    Path work;

    @Test
    void moreParallelRequestsThanWorkers_areAllAnsweredWithoutStalling() throws Exception {
        try (NginxPhpFpmStack stack = NginxPhpFpmStack.start(work,
                Map.of("PHP_FPM_PM", "static", "PHP_FPM_MAX_CHILDREN", Integer.toString(WORKERS)), Map.of())) {
            // Two rounds: the second runs after the first left nginx with idle upstream connections.
            for (int round = 1; round <= 2; round++) {
                List<Long> millis = burst(stack, round);
                long unanswered = millis.stream().filter(m -> m == UNANSWERED).count();
                assertEquals(0, unanswered, "round " + round + ": " + unanswered + " of " + PARALLEL_REQUESTS
                        + " requests unanswered after " + SLOWEST_ALLOWED.plusSeconds(5).toSeconds() + " s: " + millis);
                long slowest = millis.stream().mapToLong(Long::longValue).max().orElseThrow();
                System.out.printf("load round %d: %d requests, %d workers, slowest %d ms, all %s%n",
                        round, PARALLEL_REQUESTS, WORKERS, slowest, millis);
                assertTrue(slowest < SLOWEST_ALLOWED.toMillis(),
                        "round " + round + ": slowest answer took " + slowest + " ms: " + millis);
            }
        }
    }

    private static List<Long> burst(NginxPhpFpmStack stack, int round) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_REQUESTS);
        try {
            List<Future<Long>> answers = new ArrayList<>();
            for (int i = 0; i < PARALLEL_REQUESTS; i++) {
                String path = "/load/" + round + "/" + i + "?mck_sleep_ms=" + WORK_MS;
                answers.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    HttpResponse<byte[]> response;
                    try {
                        // The client gives up a little after the bound, so a stall fails instead of hanging.
                        response = stack.get(path, SLOWEST_ALLOWED.plusSeconds(5));
                    } catch (HttpTimeoutException e) {
                        return UNANSWERED;
                    }
                    long elapsed = (System.nanoTime() - start) / 1_000_000;
                    assertEquals(200, response.statusCode(), path);
                    assertEquals("magento-index " + path, new String(response.body(), StandardCharsets.UTF_8));
                    return elapsed;
                }));
            }
            List<Long> millis = new ArrayList<>();
            for (Future<Long> answer : answers) {
                millis.add(answer.get());
            }
            return millis;
        } finally {
            pool.shutdownNow();
        }
    }
}
