package io.magecloudkit.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.magecloudkit.EventSink;
import io.magecloudkit.MckException;
import io.magecloudkit.aws.AwsSession;
import java.util.List;

/**
 * The check before every deploy and rollback (and alone with {@code mck deploy --verify-only}): the
 * images, secret references and log groups the task definitions need are there. Read-only; every
 * problem is reported at once before anything changed: exit 2, or 3 when a registry could not be
 * reached or refused us (an access failure, as everywhere else). The task's fit on its instance type
 * is config validation's, done when the configuration loaded.
 */
final class Preflight {
    private final AwsSession aws;
    private final PreflightRegistry registries;

    Preflight(AwsSession aws, PreflightRegistry registries) {
        this.aws = aws;
        this.registries = registries;
    }

    /** What the planned (rendered) task definitions need. */
    static List<PreflightCheck.Needs> needsOf(List<AppPlan> plans) {
        return plans.stream().map(p -> PreflightLookup.needsOf(p.app(), p.taskDefinition(), null)).toList();
    }

    /** What an existing revision needs (a rollback's target), from its DescribeTaskDefinition answer. */
    static PreflightCheck.Needs needsOf(String app, JsonNode describedTaskDefinition) {
        return PreflightLookup.needsOf(app, describedTaskDefinition, null);
    }

    PreflightCheck.Result check(List<PreflightCheck.Needs> needs) {
        return PreflightCheck.judge(needs, new PreflightLookup(aws, registries).observe(needs));
    }

    /** Logs the notes and problems; throws naming every problem when there is one. */
    PreflightCheck.Result require(List<PreflightCheck.Needs> needs, EventSink events) {
        PreflightCheck.Result r = check(needs);
        r.notes().forEach(n -> events.info("preflight: " + n));
        if (r.passed()) {
            events.info("preflight: passed");
            return r;
        }
        r.problems().forEach(p -> events.warn("preflight: " + p));
        throw new MckException(r.accessFailed() ? MckException.Kind.AWS_ACCESS : MckException.Kind.USAGE,
                "preflight found " + r.problems().size() + " problem" + (r.problems().size() == 1 ? "" : "s")
                        + ", nothing changed: " + String.join("; ", r.problems()));
    }
}
