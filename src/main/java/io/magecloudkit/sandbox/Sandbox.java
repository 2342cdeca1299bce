package io.magecloudkit.sandbox;

import com.sun.net.httpserver.HttpServer;
import io.magecloudkit.sandbox.cloudformation.ResourceProvisioner;
import io.magecloudkit.sandbox.faults.FaultConfig;
import io.magecloudkit.sandbox.faults.FaultInjector;
import io.magecloudkit.sandbox.server.AdminHandler;
import io.magecloudkit.sandbox.server.AwsHandler;
import io.magecloudkit.sandbox.server.LoadBalancerHandler;
import io.magecloudkit.sandbox.server.SandboxCore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sandbox: a local AWS control plane on one loopback port (ECS, ECR, ELBv2, STS, SSM and
 * CloudFormation over their real wire protocols), with a clock tests can speed up, fault
 * injection, and optional state that survives restarts.
 *
 * <pre>
 * try (Sandbox sandbox = Sandbox.start(SandboxConfig.builder().speed(10).build())) {
 *     URI endpoint = sandbox.endpoint();   // http://127.0.0.1:PORT, access key / secret "test"
 *     sandbox.advance(Duration.ofMinutes(5));
 * }
 * </pre>
 */
public final class Sandbox implements AutoCloseable {
    private static final long TICK_MILLIS = 25;
    private static final long PERSIST_MILLIS = 1000;
    private static final String NODELAY = "sun.net.httpserver.nodelay";

    private final SandboxCore core;
    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService ticker;
    private final URI endpoint;
    private volatile boolean closed;
    private volatile String lastPersistProblem;

    private Sandbox(SandboxConfig config) throws IOException {
        this.core = new SandboxCore(config);
        // The JDK server writes an answer's headers and body separately; without TCP_NODELAY the client's
        // delayed ACK holds the body back ~40 ms on every AWS call. Read once, when the first server is made;
        // an explicit -D setting wins.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        this.endpoint = URI.create("http://" + host + ":" + server.getAddress().getPort());
        try {
            core.open(endpoint.toString());
        } catch (RuntimeException e) {
            server.stop(0);
            throw e;
        }
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(16, r -> daemon(r, "sandbox-http-" + n.incrementAndGet()));
        server.setExecutor(workers);
        server.createContext("/", new AwsHandler(core));
        server.createContext(AdminHandler.PREFIX, new AdminHandler(core));
        server.createContext(LoadBalancerHandler.PREFIX, new LoadBalancerHandler(core));
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "sandbox-ticker"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Starts a sandbox.
     *
     * @throws UncheckedIOException when the port cannot be bound
     * @throws SandboxSetupException when the faults file is invalid, or the state directory cannot be written or its state read
     */
    public static Sandbox start(SandboxConfig config) {
        Sandbox sandbox;
        try {
            sandbox = new Sandbox(config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the sandbox on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        sandbox.server.start();
        // Time moves without requests too: deployments progress while nobody is asking.
        sandbox.ticker.scheduleWithFixedDelay(sandbox::tickQuietly, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        sandbox.ticker.scheduleWithFixedDelay(sandbox::persistQuietly, PERSIST_MILLIS, PERSIST_MILLIS, TimeUnit.MILLISECONDS);
        return sandbox;
    }

    private void tickQuietly() {
        try {
            core.tick();
        } catch (RuntimeException e) {
            // A failing simulation step must not kill the ticker; the next request reports the problem.
        }
    }

    void persistQuietly() {
        try {
            core.persist();
            lastPersistProblem = null;
        } catch (RuntimeException e) {
            // Said once per distinct problem, not once a second until it goes away.
            if (!String.valueOf(e.getMessage()).equals(lastPersistProblem)) {
                lastPersistProblem = String.valueOf(e.getMessage());
                System.err.println("sandbox: " + lastPersistProblem);
            }
        }
    }

    /** The AWS endpoint, e.g. {@code http://127.0.0.1:4566}. */
    public URI endpoint() {
        return endpoint;
    }

    public SandboxConfig config() {
        return core.config();
    }

    public SandboxClock clock() {
        return core.clock();
    }

    /** Moves simulated time forward and lets every simulation catch up before returning. */
    public void advance(Duration by) {
        core.clock().advance(by);
        core.tick();
    }

    /** Replaces the injected faults (the same model as the {@code --faults} file). */
    public void faults(FaultConfig config) {
        core.configureFaults(config);
    }

    public FaultInjector faults() {
        return core.faults();
    }

    /** The signed AWS requests answered so far: service, operation, whether it writes. */
    public io.magecloudkit.sandbox.server.RequestLog requests() {
        return core.requests();
    }

    /** Creates, updates and deletes stack resources the way CloudFormation in the sandbox does. */
    public ResourceProvisioner provisioner() {
        return core.provisioner();
    }

    /** Drops all state (and the saved snapshot's content), keeping clock and faults. */
    public void reset() {
        core.reset();
    }

    /** Stops serving and writes the final state; a state that cannot be written is said in one line, never thrown. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ticker.shutdown();
        try {
            ticker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop(0);
        workers.shutdownNow();
        // File channels give up on an interrupted thread; the last snapshot must still be written.
        boolean interrupted = Thread.interrupted();
        try {
            core.persist();
        } catch (UncheckedIOException e) {
            // close() runs in shutdown hooks, where a thrown exception becomes a stack trace on the terminal.
            System.err.println("sandbox: the final state was not saved: " + e.getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
