package io.magecloudkit.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magecloudkit.MckException;
import io.magecloudkit.aws.AwsSession;
import io.magecloudkit.config.AppConfig;
import io.magecloudkit.config.ClusterConfig;
import io.magecloudkit.config.DeploymentConfig;
import io.magecloudkit.config.EnvironmentConfig;
import io.magecloudkit.config.MckConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks every app of a deploy before anything changes and resolves what it needs: an unknown app or
 * environment, an image without a digest or a missing service stop the whole run here (exit 2). A task
 * too large for its cluster's instance type is refused earlier, when the configuration is loaded.
 */
final class DeployPlanner {
    private final AwsSession aws;

    DeployPlanner(AwsSession aws) {
        this.aws = aws;
    }

    /** The apps named, or every app of the environment. */
    static List<String> apps(MckConfig config, EnvironmentConfig env, List<String> named) {
        if (named.isEmpty()) {
            return List.copyOf(env.apps().keySet());
        }
        for (String app : named) {
            config.app(app);
        }
        return List.copyOf(new java.util.LinkedHashSet<>(named));
    }

    /**
     * @param images null for a rollback (no task definition is rendered)
     */
    List<AppPlan> plan(MckConfig config, String envName, List<String> named, Map<String, ImageRef> images, StackValues stack,
            DeployRequest.GateOptions options, String account) {
        EnvironmentConfig env = config.environment(envName);
        List<AppPlan> plans = new ArrayList<>();
        List<String> apps = apps(config, env, named);
        if (images != null) {
            checkContainers(env, apps, images);
        }
        for (String name : apps) {
            AppConfig app = env.apps().get(name);
            ClusterConfig cluster = env.clusterOf(name).orElseThrow(() -> new MckException(MckException.Kind.USAGE,
                    "app " + name + " runs on no cluster of environment " + envName));
            ObjectNode taskDefinition = null;
            if (images != null) {
                taskDefinition = TaskDefinitionRenderer.render(new TaskDefinitionRenderer.Input(config.project(), env, app,
                        config.integrations(), images, stack, account));
                SdkJson.fromJson(taskDefinition, software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest::builder);
            }
            StackValues.ServiceTarget target = stack.app(name);
            String clusterName = target.cluster() != null ? target.cluster()
                    : DeployNames.cluster(config.project(), envName, cluster.name());
            String service = target.service() != null ? target.service() : DeployNames.service(config.project(), envName, name);
            AppPlan.Creation creation = target.newService() == null || images == null ? null
                    : new AppPlan.Creation(target.newService(), app.desiredCount(), Map.of("Project", config.project(),
                            "Environment", envName, "App", name));
            if (creation == null) {
                requireService(clusterName, service, name);
            }
            DeploymentConfig d = app.deployment();
            URI smokeUrl = options.noSmokeCheck() ? null : smokeUrl(options, d, stack, env, app);
            int passes = smokeUrl == null ? 0 : d.smokeCheckPasses();
            int timeout = options.timeoutSeconds() != null ? options.timeoutSeconds() : d.gateTimeoutSeconds();
            GateSettings gate = new GateSettings(d.stoppedTaskThreshold(), Duration.ofSeconds(timeout),
                    target.targetGroupArn() != null, passes, passes + 2);
            Map<String, String> imageRefs = new LinkedHashMap<>();
            if (taskDefinition != null) {
                taskDefinition.path("containerDefinitions").forEach(c -> imageRefs.put(c.path("name").asText(), c.path("image").asText()));
            }
            List<WorkerTaskDefinitions.Worker> workers = taskDefinition == null ? List.of() : WorkerTaskDefinitions.of(app, taskDefinition);
            plans.add(new AppPlan(name, clusterName, service, target.targetGroupArn(), taskDefinition, imageRefs, smokeUrl,
                    d.smokeCheckStatus(), d.smokeCheckBody(), gate, d, DeployNames.parameterPrefix(config.project(), envName, name),
                    !options.noRollback(), workers, creation));
        }
        return plans;
    }

    /** Where each app's service is, without checks or rendering: what status reads. */
    List<AppPlan> planQuietly(MckConfig config, String envName, List<String> named, StackValues stack) {
        EnvironmentConfig env = config.environment(envName);
        List<AppPlan> plans = new ArrayList<>();
        for (String name : apps(config, env, named)) {
            StackValues.ServiceTarget target = stack.app(name);
            String clusterName = target.cluster() != null ? target.cluster()
                    : DeployNames.cluster(config.project(), envName, env.clusterOf(name).map(ClusterConfig::name).orElse("app"));
            String service = target.service() != null ? target.service() : DeployNames.service(config.project(), envName, name);
            AppConfig app = env.apps().get(name);
            plans.add(new AppPlan(name, clusterName, service, target.targetGroupArn(), null, Map.of(), null, 0, null, null,
                    app.deployment(), DeployNames.parameterPrefix(config.project(), envName, name), false,
                    WorkerTaskDefinitions.named(app, DeployNames.family(config.project(), envName, name)), null));
        }
        return plans;
    }

    /** An image for a container no app of this deploy has is a typo, not something to ignore. */
    private static void checkContainers(EnvironmentConfig env, List<String> apps, Map<String, ImageRef> images) {
        java.util.Set<String> containers = new java.util.TreeSet<>();
        apps.forEach(a -> env.apps().get(a).enabledContainers().forEach(c -> containers.add(c.name())));
        for (String container : images.keySet()) {
            if (!containers.contains(container)) {
                throw new MckException(MckException.Kind.USAGE, "image for '" + container + "', but no app deployed here"
                        + " runs such a container; containers: " + String.join(", ", containers));
            }
        }
    }

    private void requireService(String cluster, String service, String app) {
        var answer = aws.call("describe service " + service, () -> {
            try {
                return aws.ecs().describeServices(r -> r.cluster(cluster).services(service));
            } catch (software.amazon.awssdk.services.ecs.model.ClusterNotFoundException e) {
                throw new MckException(MckException.Kind.USAGE, "app " + app + ": cluster " + cluster + " not found"
                        + " (give it with --cluster, or provision the environment first)");
            }
        });
        if (answer.services().isEmpty() || "INACTIVE".equals(answer.services().get(0).status())) {
            throw new MckException(MckException.Kind.USAGE, "app " + app + ": service " + service + " not found in cluster "
                    + cluster + " (give it with --service, or provision the environment first)");
        }
    }

    private static URI smokeUrl(DeployRequest.GateOptions options, DeploymentConfig d, StackValues stack,
            EnvironmentConfig env, AppConfig app) {
        if (options.smokeUrl() != null) {
            return options.smokeUrl();
        }
        String text = d.smokeCheckUrl();
        if (text == null) {
            String domain = stack.domain() != null ? stack.domain() : env.domain();
            if (domain == null) {
                throw new MckException(MckException.Kind.USAGE, "app " + app.name() + ": no smoke-check URL: set the"
                        + " environment's domain or apps." + app.name() + ".deployment.smokeCheckUrl, pass --smoke-url URL,"
                        + " or --no-smoke-check");
            }
            text = "https://" + domain + app.healthCheckPath();
        }
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new MckException(MckException.Kind.USAGE, "app " + app.name() + ": smoke-check URL '" + text
                    + "' is not a URL");
        }
    }
}
