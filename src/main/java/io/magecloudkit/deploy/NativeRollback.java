package io.magecloudkit.deploy;

import io.magecloudkit.aws.AwsSession;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentStopType;

/**
 * ECS's own rollback of a failed deployment: StopServiceDeployment with stop type ROLLBACK on its
 * record, after which ECS returns the service to the source revision as a new deployment. Offered
 * only where the endpoint keeps deployment records and the record is still open; otherwise the
 * caller updates the service to the previous task definition.
 */
final class NativeRollback {
    static final String HOW = "ECS rollback (StopServiceDeployment ROLLBACK)";

    /** The deployment ECS started to roll back, and the revision it returns to. */
    record Started(String deploymentId, String taskDefinition) {
    }

    private NativeRollback() {
    }

    /** Asks ECS to roll back; null when it cannot (no record, unknown operation, record already finished). */
    static Started start(AwsSession aws, ServiceObserver observer, String failedDeployment, String failedRevision) {
        String arn = observer.recordArn(failedDeployment, failedRevision);
        if (!observer.records().supported() || arn == null) {
            return null;
        }
        try {
            aws.call("stop service deployment of " + observer.service(), () -> aws.ecs().stopServiceDeployment(r -> r
                    .serviceDeploymentArn(arn).stopType(StopServiceDeploymentStopType.ROLLBACK)));
        } catch (AwsServiceException e) {
            // A finished record (ConflictException) or an endpoint without the operation: the caller updates instead.
            return null;
        }
        Service now = observer.describe();
        Deployment primary = now.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst().orElse(null);
        if (primary == null || primary.id().equals(failedDeployment)) {
            return null;
        }
        return new Started(primary.id(), primary.taskDefinition());
    }
}
