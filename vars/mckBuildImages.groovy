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
    // A string would be iterated letter by letter, and a list of pairs is not a map: refuse both plainly.
    def images = params.images
    if (images != null && !(images instanceof List)) {
        error("mckBuildImages: images must be a list of image names, e.g. images: ['nginx', 'php-fpm'], got ${describe(images)}")
    }
    for (def image : (images ?: [])) {
        if (!(image instanceof CharSequence)) {
            error("mckBuildImages: images must be a list of image names, e.g. images: ['nginx', 'php-fpm'], got ${describe(image)} in it")
        }
    }
    def baseImages = params.baseImages
    if (baseImages != null && !(baseImages instanceof Map)) {
        error("mckBuildImages: baseImages must be a map from image name to base image, "
                + "e.g. baseImages: ['php-fpm': 'php:8.2-fpm-alpine'], got ${describe(baseImages)}")
    }
    String mck = params.mck ?: 'mck'
    // Unique to this call (parallel branches share a workspace) and removed before it, so that a
    // result left by an earlier call can never pass for this one's.
    String resultFile = ".mck/build-images-${env.BUILD_NUMBER ?: 'local'}-${UUID.randomUUID()}.json"

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
    for (def image : (images ?: [])) {
        args += ['--image', image.toString()]
    }
    for (def entry : plain(baseImages ?: [:]).entrySet()) {
        args += ['--base-image', "${entry.key}=${entry.value}".toString()]
    }
    if (params.cacheDir) { args += ['--cache-dir', params.cacheDir] }
    if (params.output) { args += ['--output', params.output] }
    if (params.region) { args += ['--region', params.region] }
    if (params.roleArn) { args += ['--role-arn', params.roleArn] }

    String script = "rm -f -- ${shellQuote(resultFile)} && " + args.collect { shellQuote(it.toString()) }.join(' ')
    int status = sh(script: script, label: "Build images${params.env ? ' for ' + params.env : ''}", returnStatus: true)
    // readJSON's objects (net.sf.json) must not live across a step: CPS serialises the program at each one.
    Map result = fileExists(resultFile) ? plain(readJSON(file: resultFile)) : null
    if (status != 0) {
        String message = result?.error?.message ?: "${mck} build-images exited with ${status} and wrote no result; see its output above"
        error("mckBuildImages failed (exit ${status}): ${message}")
    }
    if (result == null) {
        error("mckBuildImages: ${mck} build-images exited 0 but wrote no result to ${resultFile} (is ${mck} MageCloudKit's mck?)")
    }
    Map built = [:]
    for (Map image : (result.result?.images ?: [])) {
        built[image.name] = [repository: image.repository, tag: image.tag, digest: image.digest,
                             reference: image.reference, pushedLayers: image.pushedLayers,
                             bytesPushed: image.bytesPushed]
        echo "mckBuildImages: ${image.name} ${image.reference} (${image.status})"
    }
    return built
}

/** A deep copy in plain LinkedHashMap / ArrayList (JSON null as null), safe to keep across pipeline steps. */
@NonCPS
private Object plain(Object value) {
    if (value instanceof Map) {
        Map out = [:]
        for (def e : value.entrySet()) {
            out[e.key.toString()] = plain(e.value)
        }
        return out
    }
    if (value instanceof List) {
        List out = []
        for (def v : value) {
            out.add(plain(v))
        }
        return out
    }
    return value == null || value.getClass().name == 'net.sf.json.JSONNull' ? null : value
}

@NonCPS
private String describe(Object value) {
    return value instanceof CharSequence ? "the text '${value}'" : "${value}"
}

private String shellQuote(String s) {
    return "'" + s.replace("'", "'\"'\"'") + "'"
}
