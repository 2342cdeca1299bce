package io.magecloudkit.deploy;

import io.magecloudkit.EventSink;
import io.magecloudkit.MckException;
import io.magecloudkit.aws.AwsSession;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * {@code mck run}: one command as a one-off task of an app, the way the release phase runs its
 * commands, on the task definition the app's service runs now.
 */
public final class OneOffCommand {
    /** @param taskDefinition the service's current task definition the command ran with */
    public record Outcome(String app, String cluster, String taskDefinition, OneOffTask.Result task) {
    }

    private final AwsSession aws;

    public OneOffCommand(AwsSession aws) {
        this.aws = aws;
    }

    /** @throws MckException (usage) when the request names not exactly one app or its service is not there */
    public Outcome run(DeployRequest request, List<String> command, Duration timeout, EventSink events) {
        if (request.apps().size() != 1) {
            throw new MckException(MckException.Kind.USAGE, "run takes exactly one --app");
        }
        if (command.isEmpty()) {
            throw new MckException(MckException.Kind.USAGE, "no command to run; give it after --");
        }
        String account = aws.verify().account();
        AppPlan plan = new DeployPlanner(aws).plan(request.config(), request.environment(), request.apps(), null,
                request.stack(), request.gate(), account).get(0);
        Service service = new ServiceObserver(aws, plan.cluster(), plan.service(), null).describe();
        String taskDefinition = service.taskDefinition();
        OneOffTask.Result result = new OneOffTask(aws, plan.cluster(), service, request.clock(), request.cancelled(), events, "")
                .run(taskDefinition, ReleasePhase.CONTAINER, command, timeout);
        return new Outcome(plan.app(), plan.cluster(), taskDefinition, result);
    }
}
