// Jenkins step: what runs in an environment, from `mck status` (revision, images, task counts,
// deployments, target health, the last deploys). Glue only (see MckCli).
//
// Returns mck's status report: [environment, apps: [[app, cluster, service, state, revision, ...]]].
import io.magecloudkit.pipeline.MckCli

def call(Map params = [:]) {
    Map own = [app: 'stringOrList']
    own.putAll(MckCli.STACK)
    String problem = MckCli.check('mckStatus', params, own)
    if (!problem && !params.env) {
        problem = "mckStatus: env is required, e.g. mckStatus(env: 'production')"
    }
    if (problem) {
        error(problem)
    }
    List<String> args = MckCli.repeated('--app', params.app)
    args += MckCli.stackFlags(params)
    Map doc = MckCli.run(this, 'mckStatus', 'status', params, args, "Status of ${params.env}")
    if (doc.exitCode != 0) {
        error("mckStatus failed (exit ${doc.exitCode}): see mck's output above")
    }
    return doc.result ?: [:]
}
