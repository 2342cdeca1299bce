package io.magecloudkit.sandbox.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magecloudkit.sandbox.SandboxClock;
import io.magecloudkit.sandbox.cloudformation.CloudFormationService;
import io.magecloudkit.sandbox.cloudformation.GenericResourceProvisioner;
import io.magecloudkit.sandbox.ecr.EcrApi;
import io.magecloudkit.sandbox.ecs.EcsIds;
import io.magecloudkit.sandbox.ecs.EcsState;
import io.magecloudkit.sandbox.ecs.control.EcsControlPlane;
import io.magecloudkit.sandbox.ecs.sim.EcsScheduler;
import io.magecloudkit.sandbox.ecs.wire.EcsJsonApi;
import io.magecloudkit.sandbox.elbv2.Elbv2State;
import io.magecloudkit.sandbox.elbv2.control.Elbv2ControlPlane;
import io.magecloudkit.sandbox.elbv2.sim.LoadBalancerTraffic;
import io.magecloudkit.sandbox.elbv2.wire.Elbv2QueryApi;
import io.magecloudkit.sandbox.faults.FaultInjector;
import io.magecloudkit.sandbox.logs.LogsState;
import io.magecloudkit.sandbox.logs.control.LogsControlPlane;
import io.magecloudkit.sandbox.logs.wire.LogsJsonApi;
import io.magecloudkit.sandbox.provision.SandboxResourceProvisioner;
import io.magecloudkit.sandbox.secretsmanager.SecretsState;
import io.magecloudkit.sandbox.secretsmanager.control.SecretsControlPlane;
import io.magecloudkit.sandbox.secretsmanager.wire.SecretsManagerJsonApi;
import io.magecloudkit.sandbox.ssm.SsmApi;
import io.magecloudkit.sandbox.sts.StsApi;
import java.time.Instant;

/** One generation of the simulated services and their state: built fresh, from a snapshot, or anew on reset. */
public final class SandboxServices {
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    final EcsState ecsState;
    final Elbv2State elbv2State;
    final EcrApi.State ecrState;
    final SsmApi.State ssmState;
    final StsApi.State stsState;
    final LogsState logsState;
    final SecretsState secretsState;
    final LogsJsonApi logs;
    final SecretsManagerJsonApi secretsManager;
    final EcsScheduler ecsScheduler;
    final EcsControlPlane ecsControlPlane;
    final EcsJsonApi ecs;
    final Elbv2ControlPlane elbv2ControlPlane;
    final Elbv2QueryApi elbv2;
    final LoadBalancerTraffic loadBalancerTraffic;
    final EcrApi ecr;
    final SsmApi ssm;
    final StsApi sts;
    final SandboxResourceProvisioner provisioner;
    final CloudFormationService cloudFormation;

    SandboxServices(JsonNode snapshot, SandboxClock clock, String region, String accountId, FaultInjector faults,
            String registryEndpoint, String registryPassword) {
        JsonNode s = snapshot == null ? JSON.createObjectNode() : snapshot;
        ecsState = read(s, "ecs", EcsState.class, new EcsState());
        elbv2State = read(s, "elbv2", Elbv2State.class, new Elbv2State());
        ecrState = read(s, "ecr", EcrApi.State.class, new EcrApi.State());
        ssmState = read(s, "ssm", SsmApi.State.class, new SsmApi.State());
        stsState = read(s, "sts", StsApi.State.class, new StsApi.State());
        logsState = read(s, "logs", LogsState.class, new LogsState());
        secretsState = read(s, "secretsmanager", SecretsState.class, new SecretsState());
        elbv2ControlPlane = new Elbv2ControlPlane(elbv2State, ecsState, clock, region, accountId);
        elbv2 = new Elbv2QueryApi(elbv2ControlPlane);
        loadBalancerTraffic = new LoadBalancerTraffic(elbv2State, ecsState, faults);
        EcsIds ecsIds = new EcsIds(ecsState, region, accountId);
        LogsControlPlane logsControlPlane = new LogsControlPlane(logsState, () -> clock.now().toEpochMilli());
        logs = new LogsJsonApi(logsControlPlane, region, accountId);
        SecretsControlPlane secretsControlPlane = new SecretsControlPlane(secretsState, () -> clock.now().toEpochMilli(), region, accountId);
        secretsManager = new SecretsManagerJsonApi(secretsControlPlane);
        ecsScheduler = new EcsScheduler(ecsState, ecsIds, faults, elbv2ControlPlane.targetGroups(), faults, logsControlPlane);
        ecsControlPlane = new EcsControlPlane(ecsState, ecsIds, ecsScheduler, clock);
        ecs = new EcsJsonApi(ecsControlPlane);
        ecr = new EcrApi(ecrState, clock, region, accountId, registryEndpoint, registryPassword);
        ssm = new SsmApi(ssmState, clock, region, accountId);
        sts = new StsApi(stsState, clock, accountId);
        provisioner = new SandboxResourceProvisioner(ecsControlPlane, elbv2ControlPlane, region, accountId, new GenericResourceProvisioner(region, accountId),
                secretsControlPlane);
        cloudFormation = new CloudFormationService(clock, region, accountId, provisioner);
        // AWS::SSM::Parameter::Value<...> stack parameters resolve from the sandbox's own parameter store.
        cloudFormation.setSsmParameterLookup(name -> {
            SsmApi.Parameter p = SsmApi.find(ssmState, name);
            return p == null ? null : p.value;
        });
        if (s.has("cloudformation")) {
            cloudFormation.loadState(s.get("cloudformation"));
        }
    }

    private static <T> T read(JsonNode snapshot, String field, Class<T> type, T fallback) {
        JsonNode node = snapshot.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        try {
            return JSON.treeToValue(node, type);
        } catch (Exception e) {
            // Jackson's own message names Java types; say where in the file the value is wrong instead.
            String where = e instanceof com.fasterxml.jackson.databind.JsonMappingException m ? field + m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(java.util.stream.Collectors.joining()) : field;
            throw new IllegalStateException("the sandbox state's '" + where + "' holds a value of the wrong type", e);
        }
    }

    void tick(Instant now) {
        cloudFormation.tick(now);
        ecsScheduler.tick(now);
    }

    ObjectNode snapshot(Instant now) {
        ObjectNode out = JSON.createObjectNode();
        out.put("version", 1);
        out.put("clock", now.toEpochMilli());
        out.set("ecs", JSON.valueToTree(ecsState));
        out.set("elbv2", JSON.valueToTree(elbv2State));
        out.set("ecr", JSON.valueToTree(ecrState));
        out.set("ssm", JSON.valueToTree(ssmState));
        out.set("sts", JSON.valueToTree(stsState));
        out.set("logs", JSON.valueToTree(logsState));
        out.set("secretsmanager", JSON.valueToTree(secretsState));
        out.set("cloudformation", cloudFormation.saveState());
        return out;
    }
}
