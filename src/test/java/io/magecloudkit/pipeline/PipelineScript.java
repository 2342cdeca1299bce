package io.magecloudkit.pipeline;

import groovy.lang.Closure;
import groovy.lang.Script;
import java.util.List;
import java.util.Map;

/**
 * The base class a {@code vars/} step compiles against in the harness: the pipeline steps it
 * calls ({@code sh}, {@code error}, {@code echo}, {@code readJSON}, {@code readFile},
 * {@code writeFile}, {@code fileExists}) and the {@code env} global, each handed to the
 * {@link PipelineHarness} that runs it.
 */
public abstract class PipelineScript extends Script {
    PipelineHarness harness;

    public Object sh(Map<String, Object> args) {
        return harness.sh(args);
    }

    public Object sh(String script) {
        return harness.sh(Map.of("script", script));
    }

    public void error(String message) {
        harness.error(message);
    }

    public void echo(String message) {
        harness.echo(message);
    }

    public Object readJSON(Map<String, Object> args) {
        return harness.readJson(args);
    }

    public String readFile(Map<String, Object> args) {
        return harness.readFile(args);
    }

    public String readFile(String file) {
        return harness.readFile(Map.of("file", file));
    }

    public void writeFile(Map<String, Object> args) {
        harness.writeFile(args);
    }

    public boolean fileExists(String file) {
        return harness.fileExists(file);
    }

    public Map<String, String> getEnv() {
        return harness.env();
    }

    public Map<String, Object> getParams() {
        return harness.params();
    }

    public PipelineHarness.Build getCurrentBuild() {
        return harness.currentBuild();
    }

    public void unstable(String message) {
        harness.unstable(message);
    }

    public String libraryResource(String name) {
        return harness.libraryResource(name);
    }

    public Object withCredentials(List<Map<String, Object>> bindings, Closure<?> body) {
        return harness.withCredentials(bindings, body);
    }

    public Map<String, Object> usernamePassword(Map<String, Object> args) {
        Map<String, Object> binding = new java.util.LinkedHashMap<>(args);
        binding.put("$class", "UsernamePasswordMultiBinding");
        return binding;
    }

    public Object lock(String resource, Closure<?> body) {
        return harness.lock(resource, body);
    }

    public Object lock(Map<String, Object> args, Closure<?> body) {
        return harness.lock(String.valueOf(args.get("resource")), body);
    }

    /** A declarative pipeline: read, then run stage by stage (see {@link Declarative}). */
    public void pipeline(Closure<?> body) {
        harness.declarative = new Declarative(this);
        harness.declarative.run(body);
    }

    public void script(Closure<?> body) {
        body.call();
    }

    public Object input(Map<String, Object> args) {
        return harness.input(args);
    }

    /** Another step of the library, called by name as a pipeline does ({@code mckDeploy(...)}). */
    public Object methodMissing(String name, Object args) {
        Object[] a = args instanceof Object[] ? (Object[]) args : new Object[] {args};
        if (harness != null && harness.isStep(name) && a.length <= 1) {
            return harness.run(name, a.length == 0 ? Map.of() : castMap(a[0]));
        }
        throw new groovy.lang.MissingMethodException(name, getClass(), a);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }
}
