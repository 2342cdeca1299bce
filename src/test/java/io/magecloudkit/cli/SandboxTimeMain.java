package io.magecloudkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magecloudkit.demo.RehearsalClock;
import io.magecloudkit.deploy.GateClock;
import io.magecloudkit.provision.Backoff;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine;

/**
 * mck's entry point for tests whose mck runs in a JVM of its own against a sped-up sandbox: {@link Main}'s
 * command line, with deploy's and rollback's gate waiting in the sandbox's time (read from its
 * {@code /_sandbox/health}), and provision and plan polling CloudFormation at AWS's pace in that time, as
 * {@code mck demo} and {@link InProcessMck#execute(List, io.magecloudkit.sandbox.Sandbox)} have it. On the wall
 * clock the gate would sleep each phase through its poll schedule's longest wait (the sandbox's event times
 * run ahead of the wall clock), and a stack the sandbox makes in a millisecond would be polled 2 s later.
 */
public final class SandboxTimeMain {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SandboxTimeMain() {
    }

    public static void main(String[] args) {
        var cl = Main.commandLine();
        List<String> words = List.of(args);
        int endpoint = words.indexOf("--endpoint-url");
        if (endpoint >= 0 && endpoint + 1 < words.size()) {
            URI health = URI.create(words.get(endpoint + 1)).resolve("/_sandbox/health");
            RehearsalClock clock = new RehearsalClock(() -> Instant.parse(health(health).path("time").asText()),
                    () -> health(health).path("speed").asDouble());
            gateOn(cl, clock);
            // provision's and plan's polls of CloudFormation too, as mck demo's provision has them.
            StackCommandSupport.backoffOverride = new Backoff(clock.real(Backoff.DEFAULT.first()), clock.real(Backoff.DEFAULT.max()));
        }
        System.exit(cl.execute(args));
    }

    /** Gives deploy's and rollback's gate this clock. */
    static void gateOn(CommandLine cl, GateClock clock) {
        for (String gated : List.of("deploy", "rollback")) {
            ((GatedCommand) cl.getSubcommands().get(gated).getCommand()).clock = clock;
        }
    }

    private static JsonNode health(URI uri) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
