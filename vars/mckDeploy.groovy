// Jenkins step: deploy apps of an environment with `mck deploy` (register the task definitions,
// update the services, gate on health, roll back automatically when the gate fails).
// Glue only: arguments -> flags, one mck run, its JSON result (see MckCli).
//
// Returns [environment, passed, rolledBack, apps: [APP: [verdict, reason, cluster, service,
// taskDefinition, previousTaskDefinition, deploymentId, images, rollback]]].
import io.magecloudkit.pipeline.MckCli

def call(Map params = [:]) {
    Map own = [app: 'stringOrList', images: 'map', imagesFile: 'string', noRollback: 'boolean', onRollback: 'string']
    own.putAll(MckCli.STACK)
    own.putAll(MckCli.GATE)
    String problem = MckCli.check('mckDeploy', params, own)
    if (!problem && !params.env) {
        problem = "mckDeploy: env is required, e.g. mckDeploy(env: 'staging', images: built)"
    }
    if (!problem && params.onRollback && !(params.onRollback in ['fail', 'unstable'])) {
        problem = "mckDeploy: onRollback must be fail or unstable, got '${params.onRollback}'"
    }
    if (!problem) {
        problem = imageProblem(params.images)
    }
    if (problem) {
        error(problem)
    }
    List<String> args = MckCli.repeated('--app', params.app)
    args += MckCli.repeated('--images', params.imagesFile)
    args += MckCli.repeated('--image', references(params.images ?: [:]))
    if (params.noRollback) {
        args << '--no-rollback'
    }
    args += MckCli.gateFlags(params)
    args += MckCli.stackFlags(params)
    Map doc = MckCli.run(this, 'mckDeploy', 'deploy', params, args,
            "Deploy ${params.app ? MckCli.listed(params.app) : 'every app'} to ${params.env}")
    return MckCli.judge(this, 'mckDeploy', doc, params.onRollback ?: 'fail')
}

/** images: what mckBuildImages returned (name -> [reference: ...]) or name -> 'repo@sha256:...'. */
@NonCPS
private String imageProblem(Object images) {
    if (images == null) {
        return null
    }
    def bad = images.find { name, image -> !(image instanceof CharSequence || (image instanceof Map && image.reference)) }
    return bad == null ? null : "mckDeploy: images.${bad.key} must be an image reference (repo@sha256:...) or " +
            "mckBuildImages' entry with a reference, got ${MckCli.describe(bad.value)}"
}

@NonCPS
private Map references(Map images) {
    Map out = [:]
    images.each { name, image -> out[name] = image instanceof Map ? image.reference : image }
    return out
}
