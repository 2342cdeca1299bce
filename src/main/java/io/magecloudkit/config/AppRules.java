package io.magecloudkit.config;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Rules over a whole app once defaults and overrides are merged. Pure functions. */
final class AppRules {
    private AppRules() {
    }

    static List<Problem> check(String path, AppConfig app) {
        return check(path, app, true, true);
    }

    /** Rules over an app as read: relations with a value that could not be read are not judged. */
    static List<Problem> check(String path, AppReader.Read read) {
        return check(path, read.app(), read.sizesRead(), read.deploymentRead());
    }

    /**
     * @param sizes      whether every cpu and memory was read as written (else sums would judge defaults)
     * @param deployment whether desiredCount and the deployment percentages were read as written
     */
    static List<Problem> check(String path, AppConfig app, boolean sizes, boolean deployment) {
        List<Problem> problems = new ArrayList<>();
        List<ContainerConfig> running = app.enabledContainers();
        if (running.isEmpty()) {
            problems.add(new Problem(path + ".containers", "app '" + app.name() + "' has no enabled container"));
            return problems;
        }
        if (sizes) {
            sizeProblems(path, app, running, problems);
        }
        for (String name : app.secrets().keySet()) {
            if (app.environment().containsKey(name)) {
                problems.add(new Problem(path + ".secrets." + name, "'" + name
                        + "' is both an environment variable and a secret: keep one"));
            }
        }
        if (deployment) {
            deploymentProblem(app.desiredCount(), app.deployment())
                    .ifPresent(m -> problems.add(new Problem(path + ".deployment", m)));
        }
        return problems;
    }

    private static void sizeProblems(String path, AppConfig app, List<ContainerConfig> running, List<Problem> problems) {
        int cpu = running.stream().mapToInt(ContainerConfig::cpu).sum();
        int memory = running.stream().mapToInt(ContainerConfig::memory).sum();
        // Without a task size the task is the containers' sum, which ECS must still accept.
        if (app.cpu() > AppReader.TASK_CPU_MAX) {
            problems.add(new Problem(path + ".containers", "the containers' cpu adds up to " + cpu + " ("
                    + breakdown(running, true) + "), above " + AppReader.TASK_CPU_MAX
                    + ", the most ECS accepts for a task on EC2 (192 vCPU)"));
        }
        if (app.memory() > AppReader.MEMORY_MAX) {
            problems.add(new Problem(path + ".containers", "the containers' memory adds up to " + memory + " MiB ("
                    + breakdown(running, false) + "), above " + AppReader.MEMORY_MAX + " MiB, the most a task may ask for"));
        }
        if (cpu > app.cpu()) {
            problems.add(new Problem(path + ".cpu", "task cpu " + app.cpu() + " is less than its containers' total " + cpu
                    + " (" + breakdown(running, true) + ")"));
        }
        if (memory > app.memory()) {
            problems.add(new Problem(path + ".memory", "task memory " + app.memory() + " MiB is less than its containers' total "
                    + memory + " MiB (" + breakdown(running, false) + ")"));
        }
    }

    /**
     * A rolling deployment replaces tasks by starting extra ones (up to maximumPercent) or
     * stopping some (down to minimumHealthyPercent); when neither leaves room it never progresses.
     */
    static java.util.Optional<String> deploymentProblem(int desiredCount, DeploymentConfig d) {
        if (d.maximumPercent() < d.minimumHealthyPercent()) {
            return java.util.Optional.of("maximumPercent " + d.maximumPercent() + " is below minimumHealthyPercent "
                    + d.minimumHealthyPercent());
        }
        if (desiredCount == 0) {
            return java.util.Optional.empty();
        }
        long most = (long) Math.floor(desiredCount * d.maximumPercent() / 100.0);
        long least = (long) Math.ceil(desiredCount * d.minimumHealthyPercent() / 100.0);
        if (most <= desiredCount && least >= desiredCount) {
            return java.util.Optional.of("with desiredCount " + desiredCount + ", minimumHealthyPercent "
                    + d.minimumHealthyPercent() + " stops no task and maximumPercent " + d.maximumPercent()
                    + " starts no extra one: a deployment could never replace a task");
        }
        return java.util.Optional.empty();
    }

    private static String breakdown(List<ContainerConfig> running, boolean cpu) {
        return running.stream().map(c -> c.name() + " " + (cpu ? c.cpu() : c.memory())).collect(Collectors.joining(" + "));
    }
}
