// Jenkins step: what `mck provision` would change, from `mck plan` (offline render and checks; with
// AWS reachable, each stack's change-set diff, the change sets deleted). Changes nothing.
// Glue only: arguments -> flags, one mck run, its JSON result (see MckCli).
//
// Returns [environment, reachable, findings, changes, stacks: [STACK: [action, changes, problem]]].
import io.magecloudkit.pipeline.MckCli

def call(Map params = [:]) {
    String problem = MckCli.check('mckPlan', params, [:])
    if (!problem && !params.env) {
        problem = "mckPlan: env is required, e.g. mckPlan(env: 'staging')"
    }
    if (problem) {
        error(problem)
    }
    Map doc = MckCli.run(this, 'mckPlan', 'plan', params, [], "Plan ${params.env}")
    if (doc.exitCode != 0) {
        error("mckPlan failed (exit ${doc.exitCode}): see mck's output above")
    }
    return summary(doc.result ?: [:])
}

/**
 * Per stack what would happen; without AWS every rendered stack is 'not compared'.
 * changes counts the stacks that would change (create, update, recreate, or a refused change).
 */
@NonCPS
private Map summary(Map plan) {
    Map stacks = [:]
    (plan.stacks ?: []).each { name -> stacks[name] = [action: 'not compared', changes: [], problem: null] }
    (plan.diff?.stacks ?: []).each { s -> stacks[s.stack] = [action: s.action, changes: s.changes ?: [], problem: s.problem] }
    int changing = stacks.values().count { it.action.startsWith('would ') || it.action == 'refused' } as int
    return [environment: plan.environment, reachable: plan.diff != null, findings: plan.findings ?: [],
            changes: changing, stacks: stacks]
}
