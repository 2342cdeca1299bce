// Jenkins step: put an app back on an earlier task definition revision with `mck rollback`,
// through the same health gate as a deploy. Glue only (see MckCli).
//
// Returns [environment, passed, rolledBack, apps: [APP: [verdict, reason, taskDefinition, ...]]].
import io.magecloudkit.pipeline.MckCli

def call(Map params = [:]) {
    Map own = [app: 'string', to: 'int']
    own.putAll(MckCli.STACK)
    own.putAll(MckCli.GATE)
    String problem = MckCli.check('mckRollback', params, own)
    if (!problem && (!params.env || !params.app)) {
        problem = "mckRollback: env and app are required, e.g. mckRollback(env: 'production', app: 'magento')"
    }
    if (!problem && params.to != null && params.to < 1) {
        problem = "mckRollback: to must be a task definition revision (1 or more), got ${params.to}"
    }
    if (problem) {
        error(problem)
    }
    List<String> args = ['--app', params.app]
    args += MckCli.repeated('--to', params.to?.toString())
    args += MckCli.gateFlags(params)
    args += MckCli.stackFlags(params)
    Map doc = MckCli.run(this, 'mckRollback', 'rollback', params, args,
            "Roll back ${params.app} in ${params.env}${params.to ? ' to revision ' + params.to : ''}")
    return MckCli.judge(this, 'mckRollback', doc, 'fail')
}
