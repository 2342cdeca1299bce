package io.magecloudkit.pipeline

import com.cloudbees.groovy.cps.NonCPS
import groovy.json.JsonSlurperClassic

/**
 * What every MageCloudKit step shares: the arguments common to all of them, finding the engine,
 * AWS access, one labelled `mck` run and reading its JSON result. Static and stateless: a step
 * keeps nothing on the controller between calls (Jenkins may restart in between).
 *
 * A step is then: its own argument names and types, its command's flags, and what it returns,
 * e.g. mckProvision:
 * <pre>
 * String problem = MckCli.check('mckProvision', params, [allowReplacement: 'stringOrList', lockWait: 'string'])
 * if (problem) { error(problem) }
 * Map doc = MckCli.run(this, 'mckProvision', 'provision', params,
 *         MckCli.repeated('--allow-replacement', params.allowReplacement), "Provision ${params.env}")
 * if (doc.exitCode != 0) { error("mckProvision failed (exit ${doc.exitCode}): ...") }
 * return doc.result.outputs
 * </pre>
 */
class MckCli implements Serializable {
    private static final long serialVersionUID = 1L

    /** Engine version fetched from mckRepository when none is given (the version this library is released with). */
    static final String ENGINE_VERSION = '0.1.0'

    /** Arguments every step takes, with their types (see check). */
    static final Map<String, String> COMMON = [
            env: 'string', config: 'string', region: 'string', profile: 'string',
            roleArn: 'string', externalId: 'string', credentialsId: 'string', credentialsType: 'string',
            endpointUrl: 'string', mck: 'string', mckRepository: 'string', mckVersion: 'string',
            mckSha256: 'string', mckCache: 'string']

    /** The AWS-facing arguments mapped to flags (credentials never are: they travel in the environment). */
    private static final Map<String, String> AWS_FLAGS = [
            config: '--config', env: '--env', region: '--region', profile: '--profile',
            roleArn: '--role-arn', externalId: '--external-id', endpointUrl: '--endpoint-url']

    /** The stack values deploy, rollback and status take until provision writes them (mck's StackOptions). */
    static final Map<String, String> STACK_FLAGS = [
            cluster: '--cluster', service: '--service', targetGroupArn: '--target-group-arn',
            taskRoleArn: '--task-role-arn', executionRoleArn: '--execution-role-arn',
            efsFileSystemId: '--efs-file-system-id', efsAccessPointId: '--efs-access-point-id',
            efsVarAccessPointId: '--efs-var-access-point-id', logGroup: '--log-group',
            domain: '--domain', databaseName: '--database-name', databaseSecretArn: '--database-secret-arn',
            databaseReaderHost: '--database-reader-host', cacheAuthSecretArn: '--cache-auth-secret-arn']

    /** Their types: the per-app ones take a string for every app or a map app -> value. */
    static final Map<String, String> STACK = [
            cluster: 'stringOrMap', service: 'stringOrMap', targetGroupArn: 'stringOrMap',
            taskRoleArn: 'string', executionRoleArn: 'string', efsFileSystemId: 'string', efsAccessPointId: 'string',
            efsVarAccessPointId: 'string', logGroup: 'string', domain: 'string', databaseName: 'string', databaseSecretArn: 'string',
            databaseReaderHost: 'string', cacheAuthSecretArn: 'string']

    /** The health gate's arguments (deploy and rollback). */
    static final Map<String, String> GATE = [smokeUrl: 'string', noSmokeCheck: 'boolean', gateTimeout: 'int']

    @NonCPS
    static List<String> stackFlags(Map params) {
        List<String> out = []
        STACK_FLAGS.each { name, flag -> out.addAll(repeated(flag, params[name])) }
        return out
    }

    @NonCPS
    static List<String> gateFlags(Map params) {
        List<String> out = repeated('--smoke-url', params.smokeUrl)
        if (params.noSmokeCheck) {
            out << '--no-smoke-check'
        }
        if (params.gateTimeout != null) {
            out << '--gate-timeout' << params.gateTimeout.toString()
        }
        return out
    }

    /**
     * Checks names and types of a step's arguments: the common ones plus {@code own}
     * (name -> 'string', 'list', 'map', 'boolean', 'int', 'stringOrList', 'stringOrMap').
     * Returns the first problem as one line, or null.
     */
    @NonCPS
    static String check(String step, Map params, Map<String, String> own) {
        Map<String, String> types = new LinkedHashMap<String, String>(COMMON)
        types.putAll(own)
        List<String> unknown = params.keySet().collect { it.toString() }.findAll { !types.containsKey(it) }
        if (unknown) {
            return "${step}: unknown argument${unknown.size() > 1 ? 's' : ''} ${unknown.join(', ')}; " +
                    "known: ${types.keySet().sort().join(', ')}"
        }
        for (Map.Entry e : params.entrySet()) {
            String problem = typeProblem(types[e.key.toString()], e.value)
            if (problem != null) {
                return "${step}: ${e.key} must be ${problem}, got ${describe(e.value)}"
            }
        }
        if (params.credentialsType != null && !(params.credentialsType in ['aws', 'usernamePassword'])) {
            return "${step}: credentialsType must be aws or usernamePassword, got ${describe(params.credentialsType)}"
        }
        return null
    }

    @NonCPS
    private static String typeProblem(String type, Object v) {
        if (v == null) {
            return null
        }
        boolean text = v instanceof CharSequence
        switch (type) {
            case 'string': return text ? null : 'a string'
            case 'boolean': return v instanceof Boolean ? null : 'true or false'
            case 'int': return (v instanceof Integer || v instanceof Long) ? null : 'a whole number'
            case 'list': return v instanceof List && v.every { it instanceof CharSequence } ? null : 'a list of strings'
            case 'map': return v instanceof Map ? null : 'a map'
            case 'stringOrList': return text || (v instanceof List && v.every { it instanceof CharSequence }) ? null : 'a string or a list of strings'
            case 'stringOrMap': return text || v instanceof Map ? null : 'a string or a map from app to value'
            default: return null
        }
    }

    /** The flags of the common arguments, in a fixed order. */
    @NonCPS
    static List<String> commonFlags(Map params) {
        List<String> out = []
        AWS_FLAGS.each { name, flag ->
            if (params[name]) {
                out << flag << params[name].toString()
            }
        }
        return out
    }

    /** A repeatable flag: once per list element, once per map entry as KEY=VALUE, once for a string. */
    @NonCPS
    static List<String> repeated(String flag, Object value) {
        List<String> out = []
        if (value instanceof Map) {
            value.each { k, v -> out << flag << "${k}=${v}".toString() }
        } else if (value instanceof List) {
            value.each { out << flag << it.toString() }
        } else if (value != null && value.toString() != '') {
            out << flag << value.toString()
        }
        return out
    }

    /** A string or a list of strings as one text for a label: 'magento, admin'. */
    @NonCPS
    static String listed(Object value) {
        return value instanceof List ? value.join(', ') : value.toString()
    }

    /** One POSIX-shell word holding s literally: quotes, $, backticks and newlines included. */
    @NonCPS
    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\"'\"'") + "'"
    }

    @NonCPS
    static String shellWords(List<String> words) {
        return words.collect { shellQuote(it.toString()) }.join(' ')
    }

    @NonCPS
    static String describe(Object value) {
        return value instanceof CharSequence ? "'${value}'" : "${value}"
    }

    /** A deep copy in plain LinkedHashMap / ArrayList (JSON null as null), safe to keep across pipeline steps. */
    @NonCPS
    static Object plain(Object value) {
        if (value instanceof Map) {
            Map out = [:]
            value.each { k, v -> out[k.toString()] = plain(v) }
            return out
        }
        if (value instanceof List) {
            return value.collect { plain(it) }
        }
        return value == null || value.getClass().name == 'net.sf.json.JSONNull' ? null : value
    }

    @NonCPS
    static Object parseJson(String text) {
        return plain(new JsonSlurperClassic().parseText(text))
    }

    /** The binding withCredentials takes for the step's credentialsId; the secret reaches mck only as an environment variable. */
    @NonCPS
    static Map credentialsBinding(Map params) {
        if (params.credentialsType == 'usernamePassword') {
            return [$class: 'UsernamePasswordMultiBinding', credentialsId: params.credentialsId,
                    usernameVariable: 'AWS_ACCESS_KEY_ID', passwordVariable: 'AWS_SECRET_ACCESS_KEY']
        }
        return [$class: 'AmazonWebServicesCredentialsBinding', credentialsId: params.credentialsId,
                accessKeyVariable: 'AWS_ACCESS_KEY_ID', secretKeyVariable: 'AWS_SECRET_ACCESS_KEY']
    }

    /**
     * The shell words that start the engine on this agent: the explicit path, mck on PATH, or the
     * engine jar from mckRepository (cached, SHA-256 checked). Fails the step saying what to do.
     */
    static String engine(def script, String step, Map params) {
        String finder = script.libraryResource('io/magecloudkit/pipeline/find-mck.sh')
        List<String> words = [params.mck ?: '', params.mckRepository ?: script.env.MCK_REPOSITORY ?: '',
                              params.mckVersion ?: script.env.MCK_VERSION ?: ENGINE_VERSION,
                              params.mckSha256 ?: '', params.mckCache ?: script.env.MCK_CACHE ?: '']
        String found = script.sh(script: "sh -c ${shellQuote(finder)} find-mck ${shellWords(words)}",
                label: 'Find mck', returnStdout: true).trim()
        if (found.startsWith('mck ')) {
            return shellQuote(found.substring(4))
        }
        if (found.startsWith('jar ')) {
            return 'java -jar ' + shellQuote(found.substring(4))
        }
        script.error("${step}: ${found.startsWith('err ') ? found.substring(4) : 'cannot find mck: ' + found}")
        return null
    }

    /**
     * Runs `mck COMMAND` once with the common flags and {@code args}, and returns its JSON result
     * as plain maps and lists. Fails the step with the engine's one-line reason when mck says
     * why it failed (result.error); a failure without one (a deploy's verdict) is returned for
     * the step to judge, with {@code exitCode} set.
     */
    static Map run(def script, String step, String command, Map params, List<String> args, String label) {
        String engine = engine(script, step, params)
        // Unique per call (parallel branches share a workspace) and removed before it, so a result
        // left by an earlier call can never pass for this one's.
        String resultFile = ".mck/${command}-${script.env.BUILD_NUMBER ?: 'local'}-${UUID.randomUUID()}.json"
        List<String> words = [command, '--result-file', resultFile] + commonFlags(params) + args
        String line = "rm -f -- ${shellQuote(resultFile)} && ${engine} ${shellWords(words)}"
        int status
        if (params.credentialsId) {
            script.withCredentials([credentialsBinding(params)]) {
                status = script.sh(script: line, label: label, returnStatus: true)
            }
        } else {
            status = script.sh(script: line, label: label, returnStatus: true)
        }
        Map doc = script.fileExists(resultFile) ? readResult(script, resultFile) : null
        if (doc == null) {
            script.error("${step}: mck ${command} exited with ${status} and wrote no result to ${resultFile}" +
                    (status == 0 ? ' (is the mck found MageCloudKit\'s?)' : '; see its output above'))
        }
        if (status != 0 && doc.error?.message) {
            script.error("${step} failed (exit ${status}): ${doc.error.message}")
        }
        doc.exitCode = status
        return doc
    }

    /** readJSON (pipeline-utility-steps) when installed, else JsonSlurperClassic; either way a plain copy. */
    static Map readResult(def script, String file) {
        try {
            return plain(script.readJSON(file: file)) as Map
        } catch (NoSuchMethodError ignored) {
            return parseJson(script.readFile(file: file)) as Map
        }
    }

    /** One line per app that did not pass, as mck's own summary says it. */
    @NonCPS
    static String verdictLine(Map doc) {
        List apps = doc.result?.apps ?: []
        List<String> lines = apps.findAll { it.verdict != 'passed' }.collect { a ->
            String s = "${a.app}: ${a.verdict} - ${a.reason}"
            a.rollback ? s + "; rollback (${a.rollback.how}): ${a.rollback.verdict}" : s
        }
        return lines ? lines.join('; ') : "mck ${doc.command} exited with ${doc.exitCode}"
    }

    /** True when every app that failed the gate was rolled back and the rollback passed the gate. */
    @NonCPS
    static boolean rolledBackCleanly(Map doc) {
        List apps = doc.result?.apps ?: []
        List failed = apps.findAll { it.verdict != 'passed' }
        return !failed.isEmpty() && failed.every { it.verdict == 'failed' && it.rollback?.verdict == 'passed' }
    }

    /** What mckDeploy and mckRollback return: per app the verdict and the revisions, without evidence. */
    @NonCPS
    static Map deployed(Map doc) {
        Map apps = [:]
        (doc.result?.apps ?: []).each { a ->
            apps[a.app] = [verdict: a.verdict, reason: a.reason, cluster: a.cluster, service: a.service,
                           taskDefinition: a.taskDefinition, previousTaskDefinition: a.previousTaskDefinition,
                           deploymentId: a.deploymentId, images: a.images,
                           rollback: a.rollback == null ? null : [how: a.rollback.how, verdict: a.rollback.verdict,
                                                                  taskDefinition: a.rollback.taskDefinition]]
        }
        return [environment: doc.result?.environment, passed: doc.exitCode == 0, rolledBack: rolledBackCleanly(doc), apps: apps]
    }

    /**
     * Ends a deploy or rollback that did not pass: UNSTABLE with the returned map when the user
     * asked for it and every failed app was rolled back cleanly, else a failed build.
     */
    static Map judge(def script, String step, Map doc, String onRollback) {
        Map out = deployed(doc)
        if (doc.exitCode == 0) {
            return out
        }
        if (onRollback == 'unstable' && out.rolledBack) {
            script.unstable("${step}: rolled back: ${verdictLine(doc)}")
            return out
        }
        script.error("${step} failed (exit ${doc.exitCode}): ${verdictLine(doc)}")
        return null
    }
}
