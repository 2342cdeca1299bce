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

    public PipelineHarness(Path workspace) {
        this.workspace = workspace;
    }

    /** Sets a variable of {@code env} (and of the environment {@code sh} runs in). */
    public PipelineHarness env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public List<String> log() {
        return log;
    }

    public List<ShCall> shCalls() {
        return shCalls;
    }

    /** Compiles {@code vars/<step>.groovy} as Jenkins does (a script; {@code @NonCPS} needs no import) and calls it. */
    public Object run(String step, Map<String, Object> args) {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(PipelineScript.class.getName());
        config.addCompilationCustomizers(new ImportCustomizer().addImports("com.cloudbees.groovy.cps.NonCPS"));
        GroovyShell shell = new GroovyShell(PipelineHarness.class.getClassLoader(), new Binding(), config);
        PipelineScript script;
        try {
            script = (PipelineScript) shell.parse(VARS.resolve(step + ".groovy").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        script.harness = this;
        return script.invokeMethod("call", new Object[] {new LinkedHashMap<>(args)});
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
            log.add("[sh] " + args.get("label"));
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
                out.lines().forEach(log::add);
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
        log.add("ERROR: " + message);
        throw new StepError(message);
    }

    void echo(String message) {
        checkpoint("echo");
        log.add(message);
    }

    Object readJson(Map<String, Object> args) {
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
