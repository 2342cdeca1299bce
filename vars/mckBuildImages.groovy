// Jenkins step: build the nginx / php-fpm / blackfire images from the Magento build output on the
// agent and push them (ECR, an OCI registry, or a local OCI tar). Glue only: maps the step's
// arguments to `mck build-images` flags, runs it once, reads its JSON result (see MckCli).
//
// Returns a map image name -> [repository, tag, digest, reference, pushedLayers, bytesPushed]:
// what mckDeploy takes as images.
import io.magecloudkit.pipeline.MckCli

def call(Map params = [:]) {
    String problem = MckCli.check('mckBuildImages', params, [
            source: 'string', tag: 'string', registry: 'string', registryType: 'string', images: 'list',
            baseImages: 'map', builder: 'string', cacheDir: 'string', output: 'string'])
    if (!problem && params.registryType && !(params.registryType in ['ecr', 'oci', 'tar'])) {
        problem = "mckBuildImages: registryType must be ecr, oci or tar, got '${params.registryType}'"
    }
    if (!problem && params.builder && !(params.builder in ['jib', 'docker', 'buildah'])) {
        problem = "mckBuildImages: builder must be jib, docker or buildah, got '${params.builder}'"
    }
    if (problem) {
        error(problem)
    }
    List<String> args = ['--source', params.source ?: '.']
    args += MckCli.repeated('--tag', params.tag)
    args += MckCli.repeated('--registry', params.registry)
    args += MckCli.repeated('--registry-type', params.registryType)
    args += MckCli.repeated('--builder', params.builder)
    args += MckCli.repeated('--image', params.images)
    args += MckCli.repeated('--base-image', params.baseImages)
    args += MckCli.repeated('--cache-dir', params.cacheDir)
    args += MckCli.repeated('--output', params.output)
    Map doc = MckCli.run(this, 'mckBuildImages', 'build-images', params, args,
            "Build images${params.env ? ' for ' + params.env : ''}")
    if (doc.exitCode != 0) {
        error("mckBuildImages failed (exit ${doc.exitCode}): see mck's output above")
    }
    Map built = images(doc)
    for (String line : said(built)) {
        echo line
    }
    return built
}

@NonCPS
private Map images(Map doc) {
    Map built = [:]
    (doc.result?.images ?: []).each { image ->
        built[image.name] = [repository: image.repository, tag: image.tag, digest: image.digest,
                             reference: image.reference, status: image.status, pushedLayers: image.pushedLayers,
                             bytesPushed: image.bytesPushed]
    }
    return built
}

@NonCPS
private List<String> said(Map built) {
    return built.collect { name, image -> "mckBuildImages: ${name} ${image.reference} (${image.status})".toString() }
}
