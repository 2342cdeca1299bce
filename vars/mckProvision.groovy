// Jenkins step: bring an environment's CloudFormation stacks to what magecloudkit.yml renders, with
// `mck provision` (change sets, the replacement guard, the environment's lease, live events).
// Glue only: arguments -> flags, one mck run, its JSON result (see MckCli).
//
// Returns the stack outputs: [STACK: [OUTPUT_KEY: value]] (cluster names, target group ARNs, ...).
import io.magecloudkit.pipeline.MckCli

def call(Map params = [:]) {
    String problem = MckCli.check('mckProvision', params, [allowReplacement: 'stringOrList', lockWait: 'string'])
    if (!problem && !params.env) {
        problem = "mckProvision: env is required, e.g. mckProvision(env: 'staging')"
    }
    if (problem) {
        error(problem)
    }
    List<String> args = MckCli.repeated('--allow-replacement', params.allowReplacement)
    args += MckCli.repeated('--lock-wait', params.lockWait)
    Map doc = MckCli.run(this, 'mckProvision', 'provision', params, args, "Provision ${params.env}")
    if (doc.exitCode != 0) {
        error("mckProvision failed (exit ${doc.exitCode}): ${failedStacks(doc)}")
    }
    return doc.result?.outputs ?: [:]
}

/** One line naming each stack that failed or was refused, with its root cause, as mck reports it. */
@NonCPS
private String failedStacks(Map doc) {
    List stacks = doc.result?.stacks ?: []
    List<String> lines = stacks.findAll { it.action in ['failed', 'refused'] }.collect { s ->
        // A refusal names its stack itself ("STACK: Cluster (...) would be replaced ..."): said once is enough.
        s.problem ? "${s.stack}: ${s.action} - ${s.problem.toString().replace(s.stack + ': ', '')}" : "${s.stack}: ${s.action}"
    }
    return lines ? lines.join('; ') : "mck provision exited with ${doc.exitCode}; see its output above"
}
