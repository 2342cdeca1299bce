package io.magecloudkit.deploy;

import com.sun.net.httpserver.HttpServer;
import io.magecloudkit.EventSink;
import io.magecloudkit.config.ConfigLoader;
import io.magecloudkit.config.MckConfig;
import io.magecloudkit.sandbox.SandboxFixture;
import io.magecloudkit.sandbox.faults.FaultConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.PortMapping;

/**
 * A sandbox with an environment's services already running (as provision would leave them), a
 * loopback HTTP server standing in for the load balancer's smoke-check answer, and a gate clock that
 * moves the sandbox's simulated time instead of sleeping.
 */
public final class DeployScenario implements AutoCloseable {
    static final String PROJECT = "shop";
    static final String ENV = "staging";

    public final SandboxFixture f;
    final HttpServer smoke;
    public final AtomicInteger smokeStatus = new AtomicInteger(200);
    final AtomicReference<String> smokeBody = new AtomicReference<>("OK");
    public final List<String> log = Collections.synchronizedList(new ArrayList<>());
    public final Map<String, String> targetGroups = new LinkedHashMap<>();
    public final MckConfig config;
    /** App → how its first deploy creates its service (what the stacks' outputs give); none: the service must exist. */
    public final Map<String, StackValues.NewService> newServices = new LinkedHashMap<>();

    DeployScenario(String yaml) throws IOException {
        this(yaml, 0.001);
    }

    /** @param speed simulated seconds per real second: 0.001 when the gate clock drives time, more for the CLI's real clock */
    public DeployScenario(String yaml, double speed) throws IOException {
        this(yaml, speed, c -> { });
    }

    /** The same with other sandbox settings too (e.g. the keys requests must be signed with). */
    public DeployScenario(String yaml, double speed, java.util.function.Consumer<io.magecloudkit.sandbox.SandboxConfig.Builder> adjust)
            throws IOException {
        f = SandboxFixture.builder().sandbox(c -> adjust.accept(c.speed(speed))).start();
        smoke = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        smoke.createContext("/", exchange -> {
            byte[] body = smokeBody.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(smokeStatus.get(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        smoke.start();
        config = ConfigLoader.parse(yaml, "magecloudkit.yml");
    }

    public static String yaml(String apps, String clusters) {
        return "project: shop\nregion: us-east-1\n" + apps + "environments:\n  staging:\n    vpcCidr: 10.1.0.0/16\n"
                + "    domain: www.shop.example\n" + clusters;
    }

    /** One Magento app without the release phase: what the gate's tests deploy. */
    public static final String ONE_APP = "apps:\n  magento:\n    desiredCount: 2\n    deployment:\n"
            + "      healthCheckGracePeriodSeconds: 0\n      release: false\n";

    /** One Magento app with the release phase as configured by default. */
    public static final String RELEASE_APP = "apps:\n  magento:\n    desiredCount: 2\n    deployment:\n"
            + "      healthCheckGracePeriodSeconds: 0\n";

    /** Fast target-group timers for tests: health checked every 10 s, healthy after 2, a 10 s drain. */
    static final Map<String, Object> QUICK_TARGETS = Map.of("HealthCheckIntervalSeconds", 10, "HealthyThresholdCount", 2,
            "TargetGroupAttributes", List.of(Map.of("Key", "deregistration_delay.timeout_seconds", "Value", "10")));

    /** Creates cluster, target group and a running service for the app, as provision would. */
    public void service(String app, String cluster, String containerName, int port) {
        service(app, cluster, containerName, port, QUICK_TARGETS);
    }

    /** @param targetTimers the target group's health-check and deregistration properties (CloudFormation's names) */
    public void service(String app, String cluster, String containerName, int port, Map<String, Object> targetTimers) {
        var ecs = f.session().ecs();
        String clusterName = PROJECT + "-" + ENV + "-" + cluster;
        String tg = clusterAndTargetGroup(app, cluster, port, targetTimers);
        String family = PROJECT + "-" + ENV + "-" + app;
        String bootstrap = ecs.registerTaskDefinition(r -> r.family(family).networkMode("awsvpc").containerDefinitions(
                ContainerDefinition.builder().name(containerName).image("bootstrap/" + containerName + "@" + digest('0'))
                        .portMappings(PortMapping.builder().containerPort(port).build()).build()))
                .taskDefinition().taskDefinitionArn();
        ecs.createService(r -> r.cluster(clusterName).serviceName(family).taskDefinition(bootstrap).desiredCount(2)
                .deploymentConfiguration(c -> c.deploymentCircuitBreaker(b -> b.enable(true).rollback(true)))
                .loadBalancers(LoadBalancer.builder().targetGroupArn(tg).containerName(containerName).containerPort(port).build()));
        f.advanceUntil(Duration.ofMinutes(3), () -> "COMPLETED".equals(ecs.describeServices(r -> r.cluster(clusterName)
                .services(family)).services().get(0).deployments().get(0).rolloutStateAsString()));
    }

    /** Creates cluster and target group, as provision does, and no service; returns the target group's ARN. */
    public String clusterAndTargetGroup(String app, String cluster, int port, Map<String, Object> targetTimers) {
        f.session().ecs().createCluster(r -> r.clusterName(PROJECT + "-" + ENV + "-" + cluster));
        Map<String, Object> properties = new LinkedHashMap<>(Map.of("Name", app, "Port", port, "Protocol", "HTTP", "TargetType", "ip"));
        properties.putAll(targetTimers);
        String tg = f.sandbox().provisioner().create("app", app + "TargetGroup", "AWS::ElasticLoadBalancingV2::TargetGroup",
                properties).physicalId();
        targetGroups.put(app, tg);
        return tg;
    }

    public static String digest(char c) {
        return "sha256:" + String.valueOf(c).repeat(64);
    }

    /** nginx and php-fpm images of one build. */
    static Map<String, ImageRef> build(char c) {
        return Map.of("nginx", ImageRef.parse("registry.example/shop/nginx@" + digest(c), "test"),
                "php-fpm", ImageRef.parse("registry.example/shop/php-fpm@" + digest(c), "test"));
    }

    /** Tasks of this build crash as they start, with this exit code. */
    void crashing(char build, int exitCode) {
        f.sandbox().faults(new FaultConfig(null, List.of(), List.of(new FaultConfig.TaskFaultRule(
                "registry.example/shop/php-fpm@" + digest(build), null, true, exitCode, false, null)), List.of()));
    }

    void faults(FaultConfig.TaskFaultRule... rules) {
        f.sandbox().faults(new FaultConfig(null, List.of(), List.of(rules), List.of()));
    }

    /**
     * An application load balancer named NAME whose HTTP listener forwards to the app's target group, as
     * provision would leave it; answers the smoke-check URL through it ({@code /_sandbox/lb/NAME/PATH}, what
     * {@code http://DNS-NAME/PATH} is in AWS).
     */
    URI loadBalancer(String name, String app) {
        var elbv2 = f.session().elbv2();
        String lb = elbv2.createLoadBalancer(r -> r.name(name).subnets("subnet-a", "subnet-b").securityGroups("sg-1"))
                .loadBalancers().get(0).loadBalancerArn();
        elbv2.createListener(r -> r.loadBalancerArn(lb).protocol("HTTP").port(80).defaultActions(
                software.amazon.awssdk.services.elasticloadbalancingv2.model.Action.builder().type("forward")
                        .targetGroupArn(targetGroups.get(app)).build()));
        return URI.create(f.endpoint() + "/_sandbox/lb/" + name + "/health_check.php");
    }

    public URI smokeUrl() {
        return URI.create("http://127.0.0.1:" + smoke.getAddress().getPort() + "/health_check.php");
    }

    StackValues stack() {
        Map<String, StackValues.ServiceTarget> apps = new LinkedHashMap<>();
        targetGroups.forEach((app, tg) -> apps.put(app, new StackValues.ServiceTarget(null, null, tg, newServices.get(app))));
        return new StackValues(apps, null, null, "fs-0123456789abcdef0", "fsap-0123456789abcdef0", null, null, null, null);
    }

    /** Moves simulated time instead of sleeping. */
    GateClock clock() {
        return new GateClock() {
            @Override
            public Instant now() {
                return f.sandbox().clock().now();
            }

            /**
             * At least as far as asked: the sandbox's clock counts whole milliseconds, and a wait with a
             * sub-millisecond rest (the gate's waits end at instants read from this clock, which carry the
             * nanoseconds of its start) would not move it at all; the gate would then spin until the slow
             * real-time part of the clock moved it, a real second per simulated millisecond.
             */
            @Override
            public void sleep(Duration d) {
                f.sandbox().advance(Duration.ofMillis((d.toNanos() + 999_999) / 1_000_000));
            }
        };
    }

    DeployRequest request(List<String> apps, Map<String, ImageRef> images, DeployRequest.GateOptions gate,
            BooleanSupplier cancelled) {
        return new DeployRequest(config, ENV, apps, images, stack(), gate, "jenkins-shop-deploy-7", clock(), cancelled);
    }

    DeployRequest request(Map<String, ImageRef> images) {
        return request(List.of(), images, new DeployRequest.GateOptions(smokeUrl(), false, false, null), () -> false);
    }

    EventSink sink() {
        return (level, message) -> log.add(level + " " + message);
    }

    Deployer deployer() {
        return new Deployer(f.session());
    }

    public software.amazon.awssdk.services.ecs.model.Service service(String app, String cluster) {
        return f.session().ecs().describeServices(r -> r.cluster(PROJECT + "-" + ENV + "-" + cluster)
                .services(PROJECT + "-" + ENV + "-" + app)).services().get(0);
    }

    @Override
    public void close() {
        smoke.stop(0);
        f.close();
    }
}
