package io.magecloudkit.sandbox.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magecloudkit.sandbox.SandboxClock;
import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.ecr.EcrApi;
import io.magecloudkit.sandbox.ecr.RegistryReader;
import io.magecloudkit.sandbox.SandboxConfig;
import io.magecloudkit.sandbox.SandboxSetupException;
import io.magecloudkit.sandbox.cloudformation.ResourceProvisioner;
import io.magecloudkit.sandbox.faults.FaultConfig;
import io.magecloudkit.sandbox.faults.FaultInjector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The state behind the endpoint: one lock over all simulated services, the clock, faults
 * and persistence. Every request and every background tick runs under the lock, after
 * bringing the simulations up to "now".
 */
public final class SandboxCore {
    private final SandboxConfig config;
    private final SandboxClock clock;
    private final FaultInjector faults = new FaultInjector();
    private final RequestLog requests = new RequestLog();
    private final StateStore store;
    private final ReentrantLock lock = new ReentrantLock();
    private String registryEndpoint;
    private RegistryReader registry;
    private SandboxServices services;

    /** @throws SandboxSetupException when the faults file, the state directory or the saved state is unusable */
    public SandboxCore(SandboxConfig config) {
        this.config = config;
        // The faults file first: a mistake in it is reported before the state directory is touched.
        if (config.faultsFile() != null) {
            try {
                faults.configure(FaultConfig.read(config.faultsFile()));
            } catch (IllegalArgumentException e) {
                throw new SandboxSetupException(e.getMessage(), e);
            }
        }
        this.store = config.stateDir() == null ? null : new StateStore(config.stateDir());
        JsonNode snapshot = null;
        if (store != null) {
            try {
                // Refused now rather than failing every second once running, with the user's changes lost.
                store.checkWritable();
                snapshot = store.read();
            } catch (IOException e) {
                throw new SandboxSetupException(e.getMessage(), e);
            }
        }
        // Simulated time never runs backwards across a restart: resume from the saved instant if it is ahead.
        Instant start = Instant.now();
        if (snapshot != null && snapshot.has("clock")) {
            if (!snapshot.get("clock").canConvertToLong() || !snapshot.get("clock").isIntegralNumber()) {
                throw new SandboxSetupException(store.file() + ": the sandbox state's 'clock' must be a whole number of milliseconds", null);
            }
            Instant saved = Instant.ofEpochMilli(snapshot.get("clock").asLong());
            if (saved.isAfter(start)) {
                start = saved;
            }
        }
        this.clock = new SandboxClock(config.speed(), start);
        this.pendingSnapshot = snapshot;
    }

    private JsonNode pendingSnapshot;

    /** Builds the services once the endpoint (the default registry address) is known. */
    public void open(String endpoint) {
        this.registryEndpoint = config.registryEndpoint() != null ? config.registryEndpoint() : endpoint;
        this.registry = config.registryEndpoint() == null ? null : new RegistryReader(registryEndpoint, "AWS", config.registryPassword());
        lock.lock();
        try {
            try {
                services = build(pendingSnapshot);
            } catch (RuntimeException e) {
                if (pendingSnapshot == null) {
                    throw e;
                }
                String why = e instanceof IllegalStateException && e.getMessage() != null ? e.getMessage()
                        : "a section holds values of the wrong type";
                throw new SandboxSetupException(store.file() + ": " + why, e);
            }
            pendingSnapshot = null;
            applyResourceFaults(faults.config());
        } finally {
            lock.unlock();
        }
    }

    private SandboxServices build(JsonNode snapshot) {
        return new SandboxServices(snapshot, clock, config.region(), config.accountId(), faults, registryEndpoint,
                config.registryPassword());
    }

    public SandboxConfig config() {
        return config;
    }

    public SandboxClock clock() {
        return clock;
    }

    /** The signed AWS requests answered so far (names only). */
    public RequestLog requests() {
        return requests;
    }

    public FaultInjector faults() {
        return faults;
    }

    /** Runs work under the state lock, after the simulations have caught up with the clock. */
    public <T> T locked(Function<SandboxServices, T> work) {
        lock.lock();
        try {
            services.tick(clock.now());
            return work.apply(services);
        } finally {
            lock.unlock();
        }
    }

    /**
     * An ECR request. The images a build pushed are read from the registry before the lock is
     * taken: a slow or unreachable registry must not stall every other request and the clock.
     */
    public ObjectNode ecr(String operation, JsonNode in) {
        List<RegistryReader.TaggedManifest> pushed = null;
        String repository = in.path("repositoryName").asText("");
        if (registry != null && EcrApi.readsRegistry(operation) && locked(s -> s.ecr.hasRepository(repository))) {
            try {
                pushed = registry.read(repository);
            } catch (RegistryReader.Unreachable e) {
                throw new SandboxError(500, "ServerException", "The sandbox cannot show the images of '" + repository + "': "
                        + e.getMessage(), false);
            }
        }
        List<RegistryReader.TaggedManifest> read = pushed;
        return locked(s -> s.ecr.handle(operation, in, read));
    }

    public void tick() {
        locked(s -> null);
    }

    /** The secret for an access key: the configured one, or credentials issued by AssumeRole. */
    public String secretFor(String accessKey) {
        if (config.accessKey().equals(accessKey)) {
            return config.secretKey();
        }
        lock.lock();
        try {
            return services.sts.secretOf(accessKey);
        } finally {
            lock.unlock();
        }
    }

    /** The session token an AssumeRole access key must be sent with; null for the configured key. */
    public String sessionTokenFor(String accessKey) {
        if (config.accessKey().equals(accessKey)) {
            return null;
        }
        lock.lock();
        try {
            return services.sts.sessionTokenOf(accessKey);
        } finally {
            lock.unlock();
        }
    }

    public void reset() {
        lock.lock();
        try {
            services = build(null);
            applyResourceFaults(faults.config());
            persist();
        } finally {
            lock.unlock();
        }
    }

    public void configureFaults(FaultConfig config) {
        lock.lock();
        try {
            faults.configure(config);
            applyResourceFaults(config);
        } finally {
            lock.unlock();
        }
    }

    private void applyResourceFaults(FaultConfig config) {
        for (FaultConfig.ResourceFault f : config.resources()) {
            services.cloudFormation.injectResourceFailure(f.logicalId(), f.operation(),
                    f.reason() == null ? "Resource creation failed (injected by the sandbox)" : f.reason());
        }
    }

    /** Writes the snapshot when a state directory is configured (no-op otherwise, or when nothing changed). */
    public void persist() {
        if (store == null) {
            return;
        }
        lock.lock();
        try {
            store.write(services.snapshot(clock.now()));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** A view of the stack resource provisioner that takes the state lock (for tests and tools outside a request). */
    public ResourceProvisioner provisioner() {
        return new ResourceProvisioner() {
            @Override
            public boolean handles(String resourceType) {
                return locked(s -> s.provisioner.handles(resourceType));
            }

            @Override
            public Provisioned create(String stackName, String logicalId, String resourceType, Map<String, Object> properties) {
                return locked(s -> s.provisioner.create(stackName, logicalId, resourceType, properties));
            }

            @Override
            public Provisioned update(String stackName, String logicalId, String resourceType, String physicalId,
                    Map<String, Object> properties) {
                return locked(s -> s.provisioner.update(stackName, logicalId, resourceType, physicalId, properties));
            }

            @Override
            public void delete(String stackName, String logicalId, String resourceType, String physicalId,
                    Map<String, Object> properties) {
                locked(s -> {
                    s.provisioner.delete(stackName, logicalId, resourceType, physicalId, properties);
                    return null;
                });
            }
        };
    }
}
