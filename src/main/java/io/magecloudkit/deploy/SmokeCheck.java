package io.magecloudkit.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One HTTP GET of the smoke-check URL, judged by its status and (optionally) a text in its body. */
final class SmokeCheck {
    private static final int BODY_SHOWN = 120;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI url;
    private final int expectStatus;
    private final String expectBody;

    SmokeCheck(URI url, int expectStatus, String expectBody) {
        this.url = url;
        this.expectStatus = expectStatus;
        this.expectBody = expectBody;
    }

    /** The answer in words, and whether it passed. */
    record Answer(boolean passed, String words) {
    }

    Answer ask() throws InterruptedException {
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .header("User-Agent", "magecloudkit-smoke-check").GET().build(), HttpResponse.BodyHandlers.ofString());
            long ms = (System.nanoTime() - start) / 1_000_000;
            boolean statusOk = r.statusCode() == expectStatus;
            boolean bodyOk = expectBody == null || r.body().contains(expectBody);
            String words = r.statusCode() + " in " + ms + " ms";
            if (!statusOk) {
                words += " (expected " + expectStatus + ")";
            }
            if (!bodyOk) {
                words += ", body without '" + expectBody + "': " + shorten(r.body());
            }
            return new Answer(statusOk && bodyOk, words);
        } catch (IOException e) {
            return new Answer(false, "no answer from " + url + ": " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : io.magecloudkit.Messages.firstLine(e.getMessage())));
        }
    }

    URI url() {
        return url;
    }

    private static String shorten(String body) {
        String one = body.replaceAll("\\s+", " ").trim();
        return one.length() <= BODY_SHOWN ? "'" + one + "'" : "'" + one.substring(0, BODY_SHOWN) + "...'";
    }
}
