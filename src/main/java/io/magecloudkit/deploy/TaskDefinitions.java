package io.magecloudkit.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.magecloudkit.aws.AwsSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/** Registers task definitions (or reuses the newest revision when identical) and deregisters old ones. */
final class TaskDefinitions {
    private final AwsSession aws;

    TaskDefinitions(AwsSession aws) {
        this.aws = aws;
    }

    /** The outcome: the revision to deploy, whether it already existed, and the revision as ECS holds it. */
    record Registered(String arn, boolean reused, TaskDefinition definition) {
    }

    Registered registerOrReuse(JsonNode desired) {
        String family = desired.path("family").asText();
        EcsClient ecs = aws.ecs();
        List<String> newest = aws.call("list task definitions of " + family, () -> ecs.listTaskDefinitions(r -> r
                .familyPrefix(family).status(TaskDefinitionStatus.ACTIVE).sort(SortOrder.DESC).maxResults(1)))
                .taskDefinitionArns();
        if (!newest.isEmpty()) {
            TaskDefinition td = describe(newest.get(0));
            if (TaskDefinitionMatch.identical(desired, SdkJson.toJson(td))) {
                return new Registered(td.taskDefinitionArn(), true, td);
            }
        }
        RegisterTaskDefinitionRequest request = SdkJson.fromJson(desired, RegisterTaskDefinitionRequest::builder);
        TaskDefinition registered = aws.call("register task definition " + family, () -> ecs.registerTaskDefinition(request))
                .taskDefinition();
        return new Registered(registered.taskDefinitionArn(), false, registered);
    }

    TaskDefinition describe(String arn) {
        return aws.call("describe task definition " + arn,
                () -> aws.ecs().describeTaskDefinition(r -> r.taskDefinition(arn))).taskDefinition();
    }

    /** ACTIVE revisions of a family, newest first. */
    List<String> active(String family) {
        List<String> out = new ArrayList<>();
        aws.call("list task definitions of " + family, () -> aws.ecs().listTaskDefinitionsPaginator(r -> r
                .familyPrefix(family).status(TaskDefinitionStatus.ACTIVE).sort(SortOrder.DESC)).taskDefinitionArns()
                .stream().toList()).forEach(out::add);
        return out;
    }

    /** Deregisters what {@link RevisionPruning} picks; returns the ARNs deregistered. */
    List<String> prune(String family, int keep, Set<String> protect) {
        List<String> gone = RevisionPruning.toDeregister(active(family), keep, protect);
        for (String arn : gone) {
            aws.call("deregister " + arn, () -> aws.ecs().deregisterTaskDefinition(r -> r.taskDefinition(arn)));
        }
        return gone;
    }
}
