package io.magecloudkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.magecloudkit.sandbox.botocore.AwsCli;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionStatusCodeEnum;

/**
 * Load balancers and listeners through the SDK and the awscli, and HTTP through them: what a
 * deploy's smoke check sees under {@code /_sandbox/lb/NAME/PATH}.
 */
class LoadBalancerTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private SandboxFixture f;
    private ElasticLoadBalancingV2Client elbv2;
    private EcsClient ecs;

    @BeforeEach
    void start() {
        f = SandboxFixture.builder().sandbox(c -> c.speed(0.001)).start();
        elbv2 = f.session().elbv2();
        ecs = f.session().ecs();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private String targetGroup(String name) {
        return f.sandbox().provisioner().create("app", "TG", "AWS::ElasticLoadBalancingV2::TargetGroup", java.util.Map.of(
                "Name", name, "Port", 80, "Protocol", "HTTP", "TargetType", "ip", "VpcId", "vpc-1",
                "HealthCheckIntervalSeconds", 5, "HealthyThresholdCount", 2)).physicalId();
    }

    private LoadBalancer createLoadBalancer(String name) {
        return elbv2.createLoadBalancer(r -> r.name(name).subnets("subnet-a", "subnet-b").securityGroups("sg-1"))
                .loadBalancers().get(0);
    }

    private Listener forward(String lbArn, int port, String tg) {
        return elbv2.createListener(r -> r.loadBalancerArn(lbArn).protocol("HTTP").port(port)
                .defaultActions(Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(tg).build())).listeners().get(0);
    }

    private HttpResponse<String> get(String path) {
        return get(f.endpoint(), path);
    }

    private HttpResponse<String> get(URI endpoint, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(endpoint + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String register(String image) {
        return ecs.registerTaskDefinition(r -> r.family("web").networkMode("awsvpc").containerDefinitions(ContainerDefinition.builder()
                .name("web").image(image).portMappings(PortMapping.builder().containerPort(80).build()).build()))
                .taskDefinition().taskDefinitionArn();
    }

    private long healthyTargets(String tg) {
        return elbv2.describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions().stream()
                .filter(d -> "healthy".equals(d.targetHealth().stateAsString())).count();
    }

    private void service(String tg, String taskDefinition, int count) {
        ecs.createCluster(r -> r.clusterName("shop"));
        ecs.createService(r -> r.cluster("shop").serviceName("web").taskDefinition(taskDefinition).desiredCount(count)
                .loadBalancers(software.amazon.awssdk.services.ecs.model.LoadBalancer.builder().targetGroupArn(tg)
                        .containerName("web").containerPort(80).build()));
    }

    @Test
    void loadBalancersAndListeners_throughTheSdk() {
        LoadBalancer lb = createLoadBalancer("shop-alb");
        assertTrue(lb.loadBalancerArn().startsWith("arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/shop-alb/"),
                lb.loadBalancerArn());
        assertTrue(lb.dnsName().matches("shop-alb-\\d{10}\\.us-east-1\\.elb\\.amazonaws\\.com"), lb.dnsName());
        assertEquals("active", lb.state().codeAsString());
        assertEquals(List.of("us-east-1a", "us-east-1b"), lb.availabilityZones().stream().map(z -> z.zoneName()).toList());
        // The same settings again answer the same load balancer, as AWS does.
        assertEquals(lb.loadBalancerArn(), createLoadBalancer("shop-alb").loadBalancerArn());
        assertEquals("DuplicateLoadBalancerName", code(() -> elbv2.createLoadBalancer(r -> r.name("shop-alb").scheme("internal")
                .subnets("subnet-a", "subnet-b"))));
        assertEquals("ValidationError", code(() -> elbv2.createLoadBalancer(r -> r.name("one-subnet").subnets("subnet-a"))));

        assertEquals(lb.dnsName(), elbv2.describeLoadBalancers(r -> r.names("shop-alb")).loadBalancers().get(0).dnsName());
        assertEquals("shop-alb", elbv2.describeLoadBalancers(r -> r.loadBalancerArns(lb.loadBalancerArn())).loadBalancers().get(0)
                .loadBalancerName());
        assertEquals(1, elbv2.describeLoadBalancers(r -> { }).loadBalancers().size());
        ElasticLoadBalancingV2Exception missing = assertThrows(ElasticLoadBalancingV2Exception.class,
                () -> elbv2.describeLoadBalancers(r -> r.names("nope")));
        assertEquals("LoadBalancerNotFound", missing.awsErrorDetails().errorCode());
        assertEquals("Load balancers '[nope]' not found", missing.awsErrorDetails().errorMessage());

        String tg = targetGroup("web");
        Listener http = elbv2.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol("HTTP").port(80)
                .defaultActions(Action.builder().type(ActionTypeEnum.REDIRECT).redirectConfig(c -> c.protocol("HTTPS").port("443")
                        .statusCode(RedirectActionStatusCodeEnum.HTTP_301)).build())).listeners().get(0);
        Listener https = elbv2.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol("HTTPS").port(443)
                .certificates(c -> c.certificateArn("arn:aws:acm:us-east-1:000000000000:certificate/abc"))
                .defaultActions(Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(tg).build())).listeners().get(0);
        assertTrue(https.listenerArn().startsWith(lb.loadBalancerArn().replace(":loadbalancer/", ":listener/") + "/"), https.listenerArn());
        assertEquals("DuplicateListener", code(() -> forward(lb.loadBalancerArn(), 80, tg)));
        assertEquals("TargetGroupNotFound", code(() -> forward(lb.loadBalancerArn(), 8080, "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/x/0123456789abcdef")));
        assertEquals("ValidationError", code(() -> elbv2.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol("HTTPS")
                .port(8443).defaultActions(Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(tg).build()))));

        List<Listener> listeners = elbv2.describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn())).listeners();
        assertEquals(Set.of(80, 443), Set.copyOf(listeners.stream().map(Listener::port).toList()));
        Listener read = elbv2.describeListeners(r -> r.listenerArns(https.listenerArn())).listeners().get(0);
        assertEquals(tg, read.defaultActions().get(0).targetGroupArn());
        assertEquals("HTTPS", elbv2.describeListeners(r -> r.listenerArns(http.listenerArn(), https.listenerArn())).listeners()
                .get(1).protocolAsString());
        ElasticLoadBalancingV2Exception noListener = assertThrows(ElasticLoadBalancingV2Exception.class,
                () -> elbv2.describeListeners(r -> r.listenerArns(https.listenerArn() + "0")));
        assertEquals("ListenerNotFound", noListener.awsErrorDetails().errorCode());
        assertEquals("LoadBalancerNotFound", code(() -> elbv2.describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn() + "0"))));
        assertEquals("ValidationError", code(() -> elbv2.describeListeners(r -> { })));
        // The forward links the target group to the load balancer.
        assertEquals(List.of(lb.loadBalancerArn()), elbv2.describeTargetGroups(r -> r.loadBalancerArn(lb.loadBalancerArn()))
                .targetGroups().get(0).loadBalancerArns());

        elbv2.deleteListener(r -> r.listenerArn(http.listenerArn()));
        assertEquals(1, elbv2.describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn())).listeners().size());
        elbv2.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn()));
        assertEquals(0, elbv2.describeLoadBalancers(r -> { }).loadBalancers().size());
        assertEquals("ListenerNotFound", code(() -> elbv2.describeListeners(r -> r.listenerArns(https.listenerArn()))));
        assertTrue(elbv2.describeTargetGroups(r -> r.targetGroupArns(tg)).targetGroups().get(0).loadBalancerArns().isEmpty());
    }

    @Test
    void targetGroupAttributes_showTheDeregistrationDelay() {
        String tg = f.sandbox().provisioner().create("app", "Slow", "AWS::ElasticLoadBalancingV2::TargetGroup", java.util.Map.of(
                "Name", "slow", "Port", 80, "Protocol", "HTTP", "TargetType", "ip", "VpcId", "vpc-1", "TargetGroupAttributes",
                List.of(java.util.Map.of("Key", "deregistration_delay.timeout_seconds", "Value", "30")))).physicalId();
        var attributes = elbv2.describeTargetGroupAttributes(r -> r.targetGroupArn(tg)).attributes();
        assertEquals("30", attributes.stream().filter(a -> a.key().equals("deregistration_delay.timeout_seconds")).findFirst()
                .orElseThrow().value());
        String defaults = targetGroup("plain");
        assertTrue(elbv2.describeTargetGroupAttributes(r -> r.targetGroupArn(defaults)).attributes().stream()
                .anyMatch(a -> a.key().equals("deregistration_delay.timeout_seconds") && a.value().equals("300")), "ELB's default");
        assertEquals("TargetGroupNotFound", code(() -> elbv2.describeTargetGroupAttributes(r -> r.targetGroupArn(tg + "0"))));
    }

    private static String code(Runnable call) {
        return assertThrows(ElasticLoadBalancingV2Exception.class, call::run).awsErrorDetails().errorCode();
    }

    @Test
    void http_answersFromHealthyTasks_roundRobin_andFollowsARollingDeployment() {
        LoadBalancer lb = createLoadBalancer("shop");
        String tg = targetGroup("web");
        forward(lb.loadBalancerArn(), 80, tg);
        String v1 = register("registry/web:1");
        service(tg, v1, 2);

        // Tasks are starting: no healthy target yet.
        HttpResponse<String> starting = get("/_sandbox/lb/shop/health_check.php");
        assertEquals(503, starting.statusCode());
        assertTrue(starting.body().contains("503 Service Temporarily Unavailable"), starting.body());

        f.advanceUntil(Duration.ofMinutes(3), () -> healthyTargets(tg) == 2);
        Set<String> tasks = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> r = get("/_sandbox/lb/shop/health_check.php?x=1");
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("of web:1 answered /health_check.php?x=1"), r.body());
            assertTrue(r.body().contains("images: registry/web:1"), r.body());
            tasks.add(r.headers().firstValue("X-Sandbox-Task").orElseThrow());
        }
        assertEquals(2, tasks.size(), "round robin over both healthy tasks: " + tasks);
        // The DNS name DescribeLoadBalancers shows reaches the same load balancer.
        assertEquals(200, get("/_sandbox/lb/" + lb.dnsName() + "/").statusCode());
        assertEquals(200, get("/_sandbox/lb/shop:80/").statusCode());
        assertEquals(503, get("/_sandbox/lb/shop:81/").statusCode());
        assertEquals(404, get("/_sandbox/lb/nope/").statusCode());

        String v2 = register("registry/web:2");
        ecs.updateService(r -> r.cluster("shop").service("web").taskDefinition(v2));
        Set<String> seen = new HashSet<>();
        f.advanceUntil(Duration.ofMinutes(15), () -> {
            HttpResponse<String> r = get("/_sandbox/lb/shop/");
            if (r.statusCode() == 200) {
                seen.add(r.body().contains("of web:2 ") ? "web:2" : "web:1");
            }
            var s = ecs.describeServices(d -> d.cluster("shop").services("web")).services().get(0);
            return s.deployments().size() == 1 && "COMPLETED".equals(s.deployments().get(0).rolloutStateAsString());
        });
        assertTrue(seen.contains("web:2"), "the new revision served during the rollout: " + seen);
        f.advanceUntil(Duration.ofMinutes(5), () -> healthyTargets(tg) == 2 && elbv2.describeTargetHealth(r -> r.targetGroupArn(tg))
                .targetHealthDescriptions().size() == 2);
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> r = get("/_sandbox/lb/shop/");
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("of web:2 answered /"), r.body());
            assertEquals(v2, r.headers().firstValue("X-Sandbox-Task-Definition").orElseThrow());
        }
    }

    @Test
    void http_faultedImageAnswers500_orABodyWithoutTheExpectedText() {
        LoadBalancer lb = createLoadBalancer("shop");
        String tg = targetGroup("web");
        forward(lb.loadBalancerArn(), 80, tg);
        service(tg, register("registry/web:broken"), 1);
        f.advanceUntil(Duration.ofMinutes(3), () -> healthyTargets(tg) == 1);

        f.admin("PUT", "faults", """
                answers:
                  - image: registry/web:broken
                    path: /health_check.php
                    status: 500
                    body: "database unreachable"
                  - family: web
                    body: "maintenance"
                """);
        HttpResponse<String> health = get("/_sandbox/lb/shop/health_check.php");
        assertEquals(500, health.statusCode());
        assertEquals("database unreachable", health.body());
        HttpResponse<String> home = get("/_sandbox/lb/shop/");
        assertEquals(200, home.statusCode());
        assertEquals("maintenance", home.body());
        assertEquals("registry/web:broken", f.admin("GET", "faults", null).at("/answers/0/image").asText());

        HttpResponse<String> bad = f.adminRaw("PUT", "faults", "answers:\n  - image: x\n    status: 700\n");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("status must be an HTTP status"), bad.body());

        f.admin("PUT", "faults", "{}");
        HttpResponse<String> healthy = get("/_sandbox/lb/shop/health_check.php");
        assertEquals(200, healthy.statusCode());
        assertTrue(healthy.body().contains("images: registry/web:broken"), healthy.body());
    }

    @Test
    void stackLoadBalancerAndListener_areRealForTheApiAndServeHttp() {
        String template = """
                Resources:
                  Alb:
                    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                    Properties: {Subnets: [subnet-a, subnet-b], SecurityGroups: [sg-1]}
                  TargetGroup:
                    Type: AWS::ElasticLoadBalancingV2::TargetGroup
                    Properties: {Port: 80, Protocol: HTTP, VpcId: vpc-1, TargetType: ip}
                  Http:
                    Type: AWS::ElasticLoadBalancingV2::Listener
                    Properties:
                      LoadBalancerArn: !Ref Alb
                      Port: 80
                      Protocol: HTTP
                      DefaultActions:
                        - Type: fixed-response
                          FixedResponseConfig: {StatusCode: "418", ContentType: text/plain, MessageBody: teapot}
                Outputs:
                  Dns: {Value: !GetAtt Alb.DNSName}
                  Name: {Value: !GetAtt Alb.LoadBalancerName}
                  Listener: {Value: !Ref Http}
                """;
        var cfn = f.session().cloudFormation();
        cfn.createStack(r -> r.stackName("edge").templateBody(template));
        f.advanceUntil(Duration.ofMinutes(10), () -> cfn.describeStacks(r -> r.stackName("edge")).stacks().get(0).stackStatus()
                == StackStatus.CREATE_COMPLETE);
        var outputs = cfn.describeStacks(r -> r.stackName("edge")).stacks().get(0).outputs();
        String dns = outputs.stream().filter(o -> o.outputKey().equals("Dns")).findFirst().orElseThrow().outputValue();
        String name = outputs.stream().filter(o -> o.outputKey().equals("Name")).findFirst().orElseThrow().outputValue();
        String listener = outputs.stream().filter(o -> o.outputKey().equals("Listener")).findFirst().orElseThrow().outputValue();
        assertTrue(name.startsWith("edge-Alb-") && name.length() <= 32, name);
        LoadBalancer lb = elbv2.describeLoadBalancers(r -> r.names(name)).loadBalancers().get(0);
        assertEquals(dns, lb.dnsName());
        assertEquals(lb.loadBalancerArn(), elbv2.describeListeners(r -> r.listenerArns(listener)).listeners().get(0).loadBalancerArn());
        HttpResponse<String> r = get("/_sandbox/lb/" + dns + "/anything");
        assertEquals(418, r.statusCode());
        assertEquals("teapot", r.body());

        cfn.deleteStack(d -> d.stackName("edge"));
        f.advanceUntil(Duration.ofMinutes(10), () -> elbv2.describeLoadBalancers(d -> { }).loadBalancers().isEmpty());
        assertFalse(get("/_sandbox/lb/" + name + "/").statusCode() == 418);
    }

    @Test
    void loadBalancersAndListeners_surviveARestartOnTheStateDir(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String dns;
        String listenerArn;
        try (SandboxFixture first = SandboxFixture.builder().sandbox(c -> c.stateDir(dir).speed(0.001)).start()) {
            var api = first.session().elbv2();
            LoadBalancer lb = api.createLoadBalancer(r -> r.name("kept").subnets("subnet-a", "subnet-b")).loadBalancers().get(0);
            dns = lb.dnsName();
            listenerArn = api.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).port(80).defaultActions(Action.builder()
                    .type(ActionTypeEnum.FIXED_RESPONSE).fixedResponseConfig(c -> c.statusCode("200").messageBody("kept")).build()))
                    .listeners().get(0).listenerArn();
        }
        try (SandboxFixture second = SandboxFixture.builder().sandbox(c -> c.stateDir(dir).speed(0.001)).start()) {
            assertEquals(dns, second.session().elbv2().describeLoadBalancers(r -> r.names("kept")).loadBalancers().get(0).dnsName());
            assertEquals(80, second.session().elbv2().describeListeners(r -> r.listenerArns(listenerArn)).listeners().get(0).port());
            assertEquals("kept", get(second.endpoint(), "/_sandbox/lb/kept/").body());
        }
    }

    @Test
    void awscli_describesLoadBalancersAndListeners() {
        assertTrue(AwsCli.isInstalled(), "/usr/bin/aws is missing: install the Debian package awscli");
        LoadBalancer lb = createLoadBalancer("cli-alb");
        Listener listener = forward(lb.loadBalancerArn(), 80, targetGroup("web"));
        AwsCli aws = new AwsCli(f.endpoint());
        AwsCli.Result lbs = aws.run("elbv2", "describe-load-balancers", "--names", "cli-alb");
        lbs.assertOk();
        JsonNode described = lbs.json().orElseThrow().at("/LoadBalancers/0");
        assertEquals(lb.dnsName(), described.path("DNSName").asText());
        assertEquals("active", described.at("/State/Code").asText());
        AwsCli.Result listeners = aws.run("elbv2", "describe-listeners", "--load-balancer-arn", lb.loadBalancerArn());
        listeners.assertOk();
        assertEquals(listener.listenerArn(), listeners.json().orElseThrow().at("/Listeners/0/ListenerArn").asText());
        AwsCli.Result missing = aws.run("elbv2", "describe-load-balancers", "--names", "nope");
        assertFalse(missing.exitCode() == 0);
        assertTrue(missing.stderr().contains("LoadBalancerNotFound"), missing.stderr());
    }
}
