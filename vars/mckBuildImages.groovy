// Jenkins step: build the nginx / php-fpm / blackfire images from the Magento build output on the
// agent and push them (ECR, an OCI registry, or a local OCI tar). Glue only: maps the step's
// arguments to `mck build-images` flags, runs it once, reads its JSON result.
//
// Returns a map image name -> [repository, tag, digest, reference, ...] for mckDeploy.

def call(Map params = [:]) {
    def known = ['env', 'source', 'tag', 'registry', 'registryType', 'images', 'baseImages', 'builder',
                 'cacheDir', 'output', 'mck', 'region', 'roleArn', 'config']
    def unknown = params.keySet().findAll { !(it in known) }
    if (unknown) {
        error("mckBuildImages: unknown argument(s) ${unknown}; known: ${known}")
    }
    String mck = params.mck ?: 'mck'
    String resultFile = ".mck/build-images-${env.BUILD_NUMBER ?: 'local'}.json"

    List<String> args = [mck, 'build-images', '--result-file', resultFile]
    if (params.config) { args += ['--config', params.config] }
    if (params.env) { args += ['--env', params.env] }
    args += ['--source', params.source ?: '.']
    if (params.tag) { args += ['--tag', params.tag] }
    if (params.registry) { args += ['--registry', params.registry] }
    if (params.registryType) {
        if (!(params.registryType in ['ecr', 'oci', 'tar'])) {
            error("mckBuildImages: registryType must be ecr, oci or tar, got \"${params.registryType}\"")
        }
        args += ['--registry-type', params.registryType]
    }
    if (params.builder) {
        if (!(params.builder in ['jib', 'docker', 'buildah'])) {
            error("mckBuildImages: builder must be jib, docker or buildah, got \"${params.builder}\"")
        }
        args += ['--builder', params.builder]
    }
    for (String image : (params.images ?: [])) {
        args += ['--image', image]
    }
    (params.baseImages ?: [:]).each { name, ref -> args += ['--base-image', "${name}=${ref}"] }
    if (params.cacheDir) { args += ['--cache-dir', params.cacheDir] }
    if (params.output) { args += ['--output', params.output] }
    if (params.region) { args += ['--region', params.region] }
    if (params.roleArn) { args += ['--role-arn', params.roleArn] }

    String script = args.collect { shellQuote(it.toString()) }.join(' ')
    int status = sh(script: script, label: "Build images${params.env ? ' for ' + params.env : ''}", returnStatus: true)
    def result = fileExists(resultFile) ? readJSON(file: resultFile) : null
    if (status != 0) {
        String message = result?.error?.message ?: "mck build-images exited with ${status}"
        error("mckBuildImages failed (exit ${status}): ${message}")
    }
    Map images = [:]
    for (def image : result.result.images) {
        images[image.name] = [repository: image.repository, tag: image.tag, digest: image.digest,
                              reference: image.reference, pushedLayers: image.pushedLayers,
                              bytesPushed: image.bytesPushed]
        echo "mckBuildImages: ${image.name} ${image.reference} (${image.status})"
    }
    return images
}

private String shellQuote(String s) {
    return "'" + s.replace("'", "'\"'\"'") + "'"
}
