// Jenkins step: a one-off command in an environment (reindex, cache:flush) as an ECS task of the
// app's current task definition, from `mck run`. Glue only (see MckCli).
//
// Returns [exitCode, command, taskArn, taskDefinition, stoppedReason, output: [last lines]].
import io.magecloudkit.pipeline.MckCli

def call(Map params = [:]) {
    Map own = [app: 'string', command: 'stringOrList', timeout: 'int', returnStatus: 'boolean']
    own.putAll(MckCli.STACK)
    String problem = MckCli.check('mckRun', params, own)
    if (!problem && (!params.env || !params.app || !params.command)) {
        problem = "mckRun: env, app and command are required, e.g. mckRun(env: 'staging', app: 'magento', command: ['bin/magento', 'cache:flush'])"
    }
    if (problem) {
        error(problem)
    }
    // A string is one word: a command with arguments is a list, so nothing is split by a shell.
    List<String> words = []
    for (Object word : (params.command instanceof List ? params.command : [params.command])) {
        words << word.toString()
    }
    List<String> args = ['--app', params.app.toString()]
    if (params.timeout != null) {
        args += ['--timeout', params.timeout.toString()]
    }
    args += MckCli.stackFlags(params)
    args += ['--'] + words
    Map doc = MckCli.run(this, 'mckRun', 'run', params, args, "Run ${words.join(' ')} on ${params.app} in ${params.env}")
    Map task = doc.result?.task ?: [:]
    Map out = [exitCode: doc.exitCode, command: task.command, taskArn: task.taskArn, taskDefinition: doc.result?.taskDefinition,
               stoppedReason: task.stoppedReason, output: task.tail ?: []]
    if (doc.exitCode != 0 && !params.returnStatus) {
        error(task.exitCode != null
                ? "mckRun: ${task.command} exited ${task.exitCode}"
                : "mckRun: ${task.command ?: words.join(' ')} did not run to completion: ${task.stoppedReason ?: 'see mck\'s output above'}")
    }
    return out
}
