package io.magecloudkit.sandbox.botocore;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server that answers AWS calls with canned bodies: JSON 1.1 calls are
 * recognised by their {@code X-Amz-Target} operation, query calls by their {@code Action}
 * form parameter. Unplanned calls get a 400 UnknownOperationException. Test fixture only.
 */
final class CannedAwsServer implements AutoCloseable {
    /** A planned answer; {@code hold} set means never answer (the client must time out). */
    record Answer(int status, String contentType, String body, boolean hold) {
        static Answer json(int status, String body) {
            return new Answer(status, "application/x-amz-json-1.1", body, false);
        }

        static Answer xml(int status, String body) {
            return new Answer(status, "text/xml", body, false);
        }

        static Answer never() {
            return new Answer(0, null, null, true);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "canned-aws");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Request> received = new CopyOnWriteArrayList<>();

    /** A call the server saw: the operation and the SigV4 Authorization header (null when unsigned). */
    record Request(String operation, String authorization) {
    }

    CannedAwsServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Plans the answer to an operation ({@code DescribeClusters}, {@code GetCallerIdentity}). */
    CannedAwsServer answer(String operation, Answer answer) {
        answers.put(operation, answer);
        return this;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The calls received so far, in order. */
    List<Request> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request;
            try (InputStream in = exchange.getRequestBody()) {
                request = in.readAllBytes();
            }
            String operation = operationOf(exchange, new String(request, StandardCharsets.UTF_8));
            received.add(new Request(operation, exchange.getRequestHeaders().getFirst("Authorization")));
            Answer answer = answers.getOrDefault(operation, Answer.json(400,
                    "{\"__type\":\"UnknownOperationException\",\"message\":\"no canned answer for " + operation + "\"}"));
            if (answer.hold()) {
                // Keep the connection open until the server stops; the client's timeout ends the call.
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.getResponseHeaders().set("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000");
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String operationOf(HttpExchange exchange, String body) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null) {
            return target.substring(target.indexOf('.') + 1);
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals("Action")) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return "(unknown)";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
