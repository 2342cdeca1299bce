package io.magecloudkit.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks a load balancer one question over HTTP, as a shopper's browser would: the status and which
 * task definition's task answered (the sandbox names it in {@code X-Sandbox-Task-Definition}).
 */
public final class LoadBalancerProbe {
    static final String TASK_DEFINITION_HEADER = "X-Sandbox-Task-Definition";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public ServedAnswer get(URI url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new ServedAnswer(r.statusCode(), r.headers().firstValue(TASK_DEFINITION_HEADER).orElse(null), null);
        } catch (IOException e) {
            return ServedAnswer.unreachable(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ServedAnswer.unreachable("interrupted");
        }
    }
}
