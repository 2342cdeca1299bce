package io.magecloudkit.deploy;

import io.magecloudkit.aws.AwsSession;
import io.magecloudkit.deploy.Observation.RecordView;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;

/**
 * ECS's own record of a deployment (ListServiceDeployments / DescribeServiceDeployments), found
 * once by its target revision's task definition and creation time, then described on every look.
 * Endpoints that do not know these operations (older regions, other emulators) are remembered as
 * such: the gate then judges from the deployments array alone.
 */
final class DeploymentRecords {
    /** The array's createdAt and the record's are set by different parts of ECS: allow a little drift. */
    private static final Duration DRIFT = Duration.ofSeconds(5);

    private final AwsSession aws;
    private final String cluster;
    private final String service;
    private boolean unsupported;
    private String unsupportedNote;
    private String matchedDeployment;
    private String recordArn;

    DeploymentRecords(AwsSession aws, String cluster, String service) {
        this.aws = aws;
        this.cluster = cluster;
        this.service = service;
    }

    /**
     * The record of the deployment that runs {@code taskDefinition} since {@code createdAt} (null once the
     * deployment left the array: a record already found is still read); null if unknown or unsupported.
     */
    RecordView record(String deploymentId, String taskDefinition, Instant createdAt) {
        if (unsupported) {
            return null;
        }
        if (!deploymentId.equals(matchedDeployment)) {
            if (createdAt == null) {
                return null;
            }
            recordArn = find(taskDefinition, createdAt);
            if (unsupported) {
                return null;
            }
            matchedDeployment = recordArn == null ? null : deploymentId;
        }
        if (recordArn == null) {
            return null;
        }
        String arn = recordArn;
        List<ServiceDeployment> found = guarded("describe service deployment", () -> aws.ecs()
                .describeServiceDeployments(r -> r.serviceDeploymentArns(arn)).serviceDeployments());
        if (found == null || found.isEmpty()) {
            return null;
        }
        ServiceDeployment d = found.get(0);
        return new RecordView(d.serviceDeploymentArn(), d.statusAsString(), d.statusReason());
    }

    /** The stop ARN of the watched deployment's record, for a native rollback; null when there is none. */
    String recordArn() {
        return recordArn;
    }

    boolean supported() {
        return !unsupported;
    }

    /** Once, the words saying the gate works without ECS's record; null afterwards and when supported. */
    String takeNote() {
        String n = unsupportedNote;
        unsupportedNote = null;
        return n;
    }

    private String find(String taskDefinition, Instant createdAt) {
        List<ServiceDeploymentBrief> briefs = guarded("list service deployments", () -> aws.ecs()
                .listServiceDeployments(r -> r.cluster(cluster).service(service)).serviceDeployments());
        if (briefs == null || briefs.isEmpty()) {
            return null;
        }
        Instant after = createdAt.minus(DRIFT);
        List<ServiceDeploymentBrief> recent = briefs.stream()
                .filter(b -> b.targetServiceRevisionArn() != null && (b.createdAt() == null || !b.createdAt().isBefore(after)))
                .toList();
        if (recent.isEmpty()) {
            return null;
        }
        List<String> revisionArns = recent.stream().map(ServiceDeploymentBrief::targetServiceRevisionArn).distinct().toList();
        List<ServiceRevision> revisions = guarded("describe service revisions", () -> aws.ecs()
                .describeServiceRevisions(r -> r.serviceRevisionArns(revisionArns)).serviceRevisions());
        if (revisions == null) {
            return null;
        }
        Map<String, String> taskDefinitionOf = revisions.stream().filter(r -> r.taskDefinition() != null)
                .collect(Collectors.toMap(ServiceRevision::serviceRevisionArn, ServiceRevision::taskDefinition, (a, b) -> a));
                return recent.stream().filter(b -> taskDefinition.equals(taskDefinitionOf.get(b.targetServiceRevisionArn())))
                .min(Comparator.comparing(b -> b.createdAt() == null ? Duration.ZERO : Duration.between(createdAt, b.createdAt()).abs()))
                .map(ServiceDeploymentBrief::serviceDeploymentArn).orElse(null);
    }

    /** Runs a record call; an endpoint that does not know the operation marks the records unsupported and gives null. */
    private <T> T guarded(String what, Supplier<T> call) {
        try {
            return aws.call(what + " of " + service, call);
        } catch (AwsServiceException e) {
            if (!unknownOperation(e)) {
                throw e;
            }
            unsupported = true;
            unsupportedNote = "this ECS endpoint does not offer service deployment records ("
                    + e.awsErrorDetails().errorCode() + "): the gate judges from the deployments array alone";
            return null;
        }
    }

    static boolean unknownOperation(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        if ("UnknownOperationException".equals(code) || "InvalidAction".equals(code)) {
            return true;
        }
        String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        return e.statusCode() == 400 && message != null && message.toLowerCase(java.util.Locale.ROOT).contains("unknown operation");
    }
}
