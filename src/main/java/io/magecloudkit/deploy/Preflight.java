package io.magecloudkit.deploy;

import io.magecloudkit.EventSink;
import io.magecloudkit.MckException;
import io.magecloudkit.aws.AwsSession;
import java.util.List;

/**
 * The check before every deploy (and alone with {@code mck deploy --verify-only}): the images, secret
 * references and log groups the planned task definitions need are there. Read-only; every problem is
 * reported at once as a usage error (exit 2) before anything changed. The task's fit on its instance
 * type is config validation's, done when the configuration loaded.
 */
final class Preflight {
    private Preflight() {
    }

    static PreflightCheck.Result check(AwsSession aws, List<AppPlan> plans) {
        List<PreflightCheck.Needs> needs = plans.stream()
                .map(p -> PreflightLookup.needsOf(p.app(), p.taskDefinition(), null)).toList();
        return PreflightCheck.judge(needs, new PreflightLookup(aws).observe(needs));
    }

    /** Logs the notes and problems; throws a usage error naming every problem when there is one. */
    static PreflightCheck.Result require(AwsSession aws, List<AppPlan> plans, EventSink events) {
        PreflightCheck.Result r = check(aws, plans);
        r.notes().forEach(n -> events.info("preflight: " + n));
        if (r.passed()) {
            events.info("preflight: passed");
            return r;
        }
        r.problems().forEach(p -> events.warn("preflight: " + p));
        throw new MckException(MckException.Kind.USAGE, "preflight found " + r.problems().size() + " problem"
                + (r.problems().size() == 1 ? "" : "s") + ", nothing changed: " + String.join("; ", r.problems()));
    }
}
