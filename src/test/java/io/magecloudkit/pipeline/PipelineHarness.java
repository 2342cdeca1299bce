package io.magecloudkit.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ImportCustomizer;

/**
 * Runs a shared-library step from {@code vars/} without Jenkins, on the Groovy Jenkins uses,
 * with stand-ins for the pipeline steps: {@code sh} really runs the command (in the
 * workspace, {@code /bin/sh -c}), {@code error} throws {@link StepError}, files are the
 * workspace's, {@code readJSON} returns Jenkins-like JSON objects whose open loops make any
 * further step fail (as CPS serialisation would), and everything said goes to {@link #log()}.
 *
 * <pre>
 * PipelineHarness jenkins = new PipelineHarness(workspace).env("BUILD_NUMBER", "7");
 * Object images = jenkins.run("mckBuildImages", Map.of("source", "magento"));
 * </pre>
 */
public final class PipelineHarness {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path VARS = Path.of("vars").toAbsolutePath();
    private static final Path SRC = Path.of("src").toAbsolutePath();
    private static final Path RESOURCES = Path.of("resources").toAbsolutePath();

    /** What the {@code error} step throws (Jenkins: hudson.AbortException), and a failing {@code sh}. */
    public static final class StepError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StepError(String message) {
            super(message);
        }
    }

    /** One {@code sh} call: its arguments and exit status. */
    public record ShCall(Map<String, Object> args, int status) {
        public String script() {
            return String.valueOf(args.get("script"));
        }
    }

    private final Path workspace;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> log = new ArrayList<>();
    private final List<ShCall> shCalls = new ArrayList<>();
    private final Set<Iterator<?>> openLoops = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<String> printed = new ArrayList<>();
    private final Map<String, List<String>> credentials = new LinkedHashMap<>();
    private final Set<String> masked = new java.util.LinkedHashSet<>();
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final Build currentBuild = new Build();
    private final List<String> locks = new ArrayList<>();
    private boolean readJsonInstalled = true;
    private final Map<String, Map<String, Object>> laterSteps = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private boolean approve = true;
    Declarative declarative;

    /** {@code currentBuild}: what a pipeline sets on it. */
    public static final class Build {
        public String result;
        public String description;
        public String displayName;
        public int number = 1;
    }

    public PipelineHarness(Path workspace) {
        this.workspace = workspace;
    }

    /** Sets a variable of {@code env} (and of the environment {@code sh} runs in). */
    public PipelineHarness env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** What the build log shows: secrets bound by withCredentials masked as ****. */
    public List<String> log() {
        return log;
    }

    /** Everything said, before masking: what a test searches for a secret that was printed at all. */
    public String unmasked() {
        return String.join("\n", printed);
    }

    /** A Jenkins credentials entry: an AWS access key pair or a username / password. */
    public PipelineHarness credentials(String id, String user, String secret) {
        credentials.put(id, List.of(user, secret));
        return this;
    }

    public PipelineHarness param(String name, Object value) {
        params.put(name, value);
        return this;
    }

    /** Without pipeline-utility-steps: readJSON is no DSL method. */
    public PipelineHarness withoutReadJson() {
        readJsonInstalled = false;
        return this;
    }

    /**
     * A step that lands later (mckPlan, mckProvision): the pipeline's call is recorded and answered
     * with {@code result}, so an example pipeline can run before its engine command exists.
     */
    public PipelineHarness laterStep(String name, Map<String, Object> result) {
        laterSteps.put(name, result);
        return this;
    }

    /** Each library step called, with its arguments, in order. */
    public List<String> calls() {
        return calls;
    }

    /** What the approver answers to {@code input}. */
    public PipelineHarness approve(boolean approve) {
        this.approve = approve;
        return this;
    }

    /** The declarative pipeline last run: its stages that ran, parameters, triggers. */
    public Declarative pipeline() {
        return declarative;
    }

    public Build currentBuild() {
        return currentBuild;
    }

    /** Every lock taken, in order. */
    public List<String> locks() {
        return locks;
    }

    public List<ShCall> shCalls() {
        return shCalls;
    }

    /** Compiles {@code vars/<step>.groovy} as Jenkins does (a script; {@code @NonCPS} needs no import) and calls it. */
    public Object run(String step, Map<String, Object> args) {
        calls.add(step + " " + args);
        if (laterSteps.containsKey(step)) {
            return new LinkedHashMap<>(laterSteps.get(step));
        }
        return load(VARS.resolve(step + ".groovy")).invokeMethod("call", new Object[] {new LinkedHashMap<>(args)});
    }

    /**
     * Compiles a pipeline script as Jenkins does: {@code @NonCPS} needs no import, and the library's
     * {@code src/} is on the class path (its classes compiled from source, like the vars' steps).
     * Calling another step of {@code vars/} by name runs it too.
     */
    public PipelineScript load(Path file) {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(PipelineScript.class.getName());
        config.addCompilationCustomizers(new ImportCustomizer().addImports("com.cloudbees.groovy.cps.NonCPS",
                "org.jenkinsci.plugins.workflow.libs.Library"));
        Binding binding = new Binding();
        binding.setVariable("_", null); // what @Library('name') _ annotates
        GroovyShell shell = new GroovyShell(PipelineHarness.class.getClassLoader(), binding, config);
        shell.getClassLoader().addClasspath(SRC.toString());
        try {
            PipelineScript script = (PipelineScript) shell.parse(file.toFile());
            script.harness = this;
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isStep(String name) {
        return laterSteps.containsKey(name) || Files.isRegularFile(VARS.resolve(name + ".groovy"));
    }

    Object input(Map<String, Object> args) {
        checkpoint("input");
        say("[input] " + args.get("message"));
        if (!approve) {
            throw new StepError("Rejected by the approver");
        }
        return null;
    }

    Map<String, String> env() {
        return env;
    }

    /** Every step is a CPS checkpoint in Jenkins: the program state, open loops included, is serialised there. */
    private void checkpoint(String step) {
        if (!openLoops.isEmpty()) {
            throw new IllegalStateException("the step '" + step + "' ran inside a loop over readJSON's result: Jenkins would fail to "
                    + "serialise the loop (NotSerializableException); copy the result into plain lists and maps first");
        }
    }

    Object sh(Map<String, Object> args) {
        checkpoint("sh");
        boolean returnStatus = Boolean.TRUE.equals(args.get("returnStatus"));
        boolean returnStdout = Boolean.TRUE.equals(args.get("returnStdout"));
        if (args.get("label") != null) {
            say("[sh] " + args.get("label"));
        }
        try {
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", String.valueOf(args.get("script"))).directory(workspace.toFile());
            pb.environment().putAll(env);
            pb.redirectErrorStream(!returnStdout);
            if (returnStdout) {
                pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            }
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new StepError("sh: still running after 60 s: " + args.get("script"));
            }
            int status = p.exitValue();
            shCalls.add(new ShCall(Map.copyOf(args), status));
            if (!returnStdout) {
                out.lines().forEach(this::say);
            }
            if (status != 0 && !returnStatus) {
                throw new StepError("script returned exit code " + status);
            }
            return returnStatus ? (Object) status : returnStdout ? out : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepError("sh: interrupted");
        }
    }

    void error(String message) {
        checkpoint("error");
        say("ERROR: " + message);
        throw new StepError(message);
    }

    void echo(String message) {
        checkpoint("echo");
        say(message);
    }

    private void say(String line) {
        printed.add(line);
        String shown = line;
        for (String secret : masked) {
            shown = shown.replace(secret, "****");
        }
        log.add(shown);
    }

    void unstable(String message) {
        checkpoint("unstable");
        say("WARNING: " + message);
        if (!"FAILURE".equals(currentBuild.result)) {
            currentBuild.result = "UNSTABLE";
        }
    }

    String libraryResource(String name) {
        checkpoint("libraryResource");
        try {
            return Files.readString(RESOURCES.resolve(name));
        } catch (IOException e) {
            throw new StepError("No such library resource " + name + " could be found.");
        }
    }

    /** withCredentials with the two bindings the library uses; the variables exist inside the body only, the secret is masked. */
    Object withCredentials(List<Map<String, Object>> bindings, groovy.lang.Closure<?> body) {
        checkpoint("withCredentials");
        Map<String, String> saved = new LinkedHashMap<>(env);
        for (Map<String, Object> b : bindings) {
            List<String> entry = credentials.get(String.valueOf(b.get("credentialsId")));
            if (entry == null) {
                throw new StepError("Could not find credentials entry with ID '" + b.get("credentialsId") + "'");
            }
            String kind = String.valueOf(b.get("$class"));
            String userVar = String.valueOf(b.get(kind.equals("AmazonWebServicesCredentialsBinding") ? "accessKeyVariable" : "usernameVariable"));
            String secretVar = String.valueOf(b.get(kind.equals("AmazonWebServicesCredentialsBinding") ? "secretKeyVariable" : "passwordVariable"));
            if (!kind.equals("AmazonWebServicesCredentialsBinding") && !kind.equals("UsernamePasswordMultiBinding")) {
                throw new StepError("withCredentials: unsupported binding " + kind);
            }
            env.put(userVar, entry.get(0));
            env.put(secretVar, entry.get(1));
            masked.add(entry.get(1));
        }
        try {
            return body.call();
        } finally {
            env.clear();
            env.putAll(saved);
        }
    }

    Object lock(String resource, groovy.lang.Closure<?> body) {
        checkpoint("lock");
        locks.add(resource);
        return body.call();
    }

    Map<String, Object> params() {
        return params;
    }

    void requireReadJson() {
        if (!readJsonInstalled) {
            throw new NoSuchMethodError("No such DSL method 'readJSON' found among steps");
        }
    }

    Object readJson(Map<String, Object> args) {
        requireReadJson();
        checkpoint("readJSON");
        String text = args.containsKey("text") ? String.valueOf(args.get("text")) : readFile(args);
        try {
            return JenkinsJson.wrap(JSON.readTree(text), new JenkinsJson.Loops() {
                @Override
                public void opened(Iterator<?> loop) {
                    openLoops.add(loop);
                }

                @Override
                public void closed(Iterator<?> loop) {
                    openLoops.remove(loop);
                }
            });
        } catch (IOException e) {
            throw new StepError("readJSON: not JSON: " + e.getMessage());
        }
    }

    String readFile(Map<String, Object> args) {
        checkpoint("readFile");
        try {
            return Files.readString(workspace.resolve(String.valueOf(args.get("file"))));
        } catch (IOException e) {
            throw new StepError("readFile: " + e);
        }
    }

    void writeFile(Map<String, Object> args) {
        checkpoint("writeFile");
        try {
            Path file = workspace.resolve(String.valueOf(args.get("file")));
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.valueOf(args.get("text")));
        } catch (IOException e) {
            throw new StepError("writeFile: " + e);
        }
    }

    boolean fileExists(String file) {
        checkpoint("fileExists");
        return Files.exists(workspace.resolve(file));
    }
}
