package io.magecloudkit.pipeline;

import groovy.lang.Closure;
import groovy.lang.GroovyObjectSupport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough of Declarative Pipeline to run an example Jenkinsfile in the harness: parameters
 * (their defaults, overridden by the test's), environment, stages in order with {@code when {
 * expression {...} }}, their steps, and {@code post} (always / success / unstable / failure).
 * Options and triggers are recorded, not enforced. A failing stage fails the build and skips
 * the rest, as Jenkins does.
 */
final class Declarative extends GroovyObjectSupport {
    private final PipelineScript script;
    final Map<String, Object> defaults = new LinkedHashMap<>();
    final Map<String, Object> environment = new LinkedHashMap<>();
    final List<String> triggers = new ArrayList<>();
    final List<String> stagesRun = new ArrayList<>();
    private final List<Stage> stages = new ArrayList<>();
    private final Map<String, Closure<?>> post = new LinkedHashMap<>();

    private record Stage(String name, Closure<?> when, Closure<?> steps) {
    }

    Declarative(PipelineScript script) {
        this.script = script;
    }

    private static Object with(Object delegate, Closure<?> body) {
        Closure<?> c = (Closure<?>) body.clone();
        c.setDelegate(delegate);
        c.setResolveStrategy(Closure.DELEGATE_FIRST);
        return c.call();
    }

    /** Reads the pipeline block, then runs it. */
    void run(Closure<?> pipeline) {
        with(this, pipeline);
        defaults.forEach((k, v) -> script.getParams().putIfAbsent(k, v));
        environment.forEach((k, v) -> script.getEnv().put(k, String.valueOf(v)));
        RuntimeException failure = null;
        for (Stage stage : stages) {
            if (failure != null) {
                break;
            }
            if (stage.when() != null && !Boolean.TRUE.equals(with(new When(script), stage.when()))) {
                continue;
            }
            stagesRun.add(stage.name());
            try {
                with(script, stage.steps());
            } catch (RuntimeException e) {
                failure = e;
                script.getCurrentBuild().result = "FAILURE";
            }
        }
        String result = script.getCurrentBuild().result;
        run("always");
        run(result == null ? "success" : result.equals("UNSTABLE") ? "unstable" : "failure");
        if (failure != null) {
            throw failure;
        }
    }

    private void run(String condition) {
        if (post.containsKey(condition)) {
            with(script, post.get(condition));
        }
    }

    // The pipeline block's sections.
    public void agent(Object any) {
    }

    public void parameters(Closure<?> body) {
        with(new GroovyObjectSupport() {
            public void choice(Map<String, Object> p) {
                defaults.put((String) p.get("name"), ((List<?>) p.get("choices")).get(0));
            }

            public void string(Map<String, Object> p) {
                defaults.put((String) p.get("name"), p.get("defaultValue"));
            }

            public void booleanParam(Map<String, Object> p) {
                defaults.put((String) p.get("name"), p.get("defaultValue"));
            }
        }, body);
    }

    public void environment(Closure<?> body) {
        with(environment, body);
    }

    public void options(Closure<?> body) {
        with(new Ignored(), body);
    }

    public void triggers(Closure<?> body) {
        with(new GroovyObjectSupport() {
            public void cron(String spec) {
                triggers.add("cron " + spec);
            }
        }, body);
    }

    public void stages(Closure<?> body) {
        with(new GroovyObjectSupport() {
            public void stage(String name, Closure<?> stageBody) {
                StageBlock block = new StageBlock();
                with(block, stageBody);
                stages.add(new Stage(name, block.when, block.steps));
            }
        }, body);
    }

    public void post(Closure<?> body) {
        with(new PostBlock(), body);
    }

    /** A stage's sections. */
    public static final class StageBlock extends GroovyObjectSupport {
        Closure<?> when;
        Closure<?> steps;

        public void when(Closure<?> body) {
            when = body;
        }

        public void steps(Closure<?> body) {
            steps = body;
        }
    }

    /** {@code when { expression { ... } }}: the expression is evaluated with the script's params, env and currentBuild. */
    public static final class When extends GroovyObjectSupport {
        private final PipelineScript script;

        When(PipelineScript script) {
            this.script = script;
        }

        public Object expression(Closure<?> body) {
            return with(script, body);
        }
    }

    public final class PostBlock extends GroovyObjectSupport {
        @Override
        public Object invokeMethod(String name, Object args) {
            Object[] a = (Object[]) args;
            post.put(name, (Closure<?>) a[0]);
            return null;
        }
    }

    /** options { ... }: accepted and not enforced here. */
    public static final class Ignored extends GroovyObjectSupport {
        @Override
        public Object invokeMethod(String name, Object args) {
            return null;
        }
    }
}
