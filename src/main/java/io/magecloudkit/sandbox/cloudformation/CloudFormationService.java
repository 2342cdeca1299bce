package io.magecloudkit.sandbox.cloudformation;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magecloudkit.sandbox.SandboxClock;
import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.Simulation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The sandbox's CloudFormation, assembled: the wire layer ({@link CloudFormationQueryApi}), the
 * control plane ({@link StackControlPlane}, {@link ChangeSetControlPlane}) and the simulation
 * ({@link StackSimulation}) over one region's records, which this class also saves and loads.
 */
public final class CloudFormationService implements Simulation {
    /** The XML namespace of CloudFormation's answers, errors included. */
    public static final String NAMESPACE = StackXmlRenderer.NAMESPACE;
    private static final ObjectMapper STATE_JSON = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.PUBLIC_ONLY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final CloudFormationRegion region;
    private final StackSimulation simulation;
    private final ChangeSetControlPlane changeSets;
    private final CloudFormationQueryApi api;

    public CloudFormationService(SandboxClock clock, String region, String accountId, ResourceProvisioner provisioner) {
        this.region = new CloudFormationRegion(region, accountId);
        this.simulation = new StackSimulation(provisioner, ReplacementRules.standard(), this.region);
        StackControlPlane stacks = new StackControlPlane(clock, this.region, simulation);
        this.changeSets = new ChangeSetControlPlane(clock, this.region, stacks);
        this.api = new CloudFormationQueryApi(stacks, changeSets, this.region);
    }

    /** Where AWS::SSM::Parameter::Value parameters are read from (e.g. the sandbox's SSM store); name to value or null. */
    public synchronized void setSsmParameterLookup(Function<String, String> lookup) {
        region.setSsmParameterLookup(lookup);
    }

    /**
     * Handles one query-protocol action.
     *
     * @param params the decoded form parameters, including Action and Version
     * @return the whole XML response document
     * @throws SandboxError for AWS error answers
     */
    public synchronized String handle(String action, Map<String, String> params, String requestId) {
        return api.handle(action, params, requestId);
    }

    @Override
    public synchronized void tick(Instant now) {
        long millis = now.toEpochMilli();
        for (StackState stack : List.copyOf(region.stacks)) {
            if (stack.operation != null) {
                try {
                    simulation.advance(stack, millis);
                } catch (RuntimeException e) {
                    // One broken stack operation must not take every later request down with it.
                    simulation.abandon(stack, millis, "Internal failure in the sandbox: " + e);
                }
            }
        }
        changeSets.tick(now);
    }

    /** Makes the next CREATE or UPDATE of the resource with this logical id fail with the reason. */
    public synchronized void injectResourceFailure(String logicalId, String operation, String reason) {
        String op = operation.toUpperCase(Locale.ROOT);
        if (!op.equals("CREATE") && !op.equals("UPDATE")) {
            throw new IllegalArgumentException("operation must be CREATE or UPDATE, got " + operation);
        }
        region.injectedFailures.put(op + ":" + logicalId, reason);
    }

    public synchronized JsonNode saveState() {
        Saved saved = new Saved();
        saved.stacks = region.stacks;
        saved.changeSets = region.changeSets;
        saved.injectedFailures = region.injectedFailures;
        return STATE_JSON.valueToTree(saved);
    }

    public synchronized void loadState(JsonNode state) {
        if (state == null || state.isNull() || state.isEmpty()) {
            return;
        }
        Saved saved = STATE_JSON.convertValue(state, Saved.class);
        region.stacks.clear();
        region.stacks.addAll(saved.stacks);
        region.changeSets.clear();
        region.changeSets.addAll(saved.changeSets);
        region.injectedFailures.clear();
        region.injectedFailures.putAll(saved.injectedFailures);
    }

    /** The persisted form of the whole simulation; statuses are saved by their AWS names. */
    static final class Saved {
        public List<StackState> stacks = new ArrayList<>();
        public List<ChangeSetState> changeSets = new ArrayList<>();
        public Map<String, String> injectedFailures = new HashMap<>();
    }
}
