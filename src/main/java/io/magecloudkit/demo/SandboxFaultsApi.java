package io.magecloudkit.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The sandbox's fault API as a user reaches it: {@code PUT /_sandbox/faults} with a faults file
 * (YAML), over HTTP, so the demo sets its faults exactly as docs/sandbox.md tells a user to.
 */
public final class SandboxFaultsApi {
    private final URI faults;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public SandboxFaultsApi(URI sandboxEndpoint) {
        this.faults = sandboxEndpoint.resolve("/_sandbox/faults");
    }

    public URI url() {
        return faults;
    }

    /** Replaces the sandbox's faults; throws with the sandbox's answer when it refuses them. */
    public void put(String yaml) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(faults).timeout(Duration.ofSeconds(10))
                .PUT(HttpRequest.BodyPublishers.ofString(yaml)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("PUT " + faults + " answered " + r.statusCode() + ": " + r.body());
        }
    }
}
