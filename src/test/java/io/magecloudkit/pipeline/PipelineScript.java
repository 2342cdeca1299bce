package io.magecloudkit.pipeline;

import groovy.lang.Script;
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
}
