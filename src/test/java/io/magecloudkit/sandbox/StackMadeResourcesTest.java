package io.magecloudkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * What stacks make and other services then use: listener rules route load-balancer traffic,
 * and secrets (a stack's AWS::SecretsManager::Secret, RDS's managed master secret) are readable
 * from Secrets Manager under the ARNs the stack reported.
 */
class StackMadeResourcesTest {
    private SandboxFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    private Map<String, String> create(String stack, String template) {
        var cfn = f.session().cloudFormation();
        cfn.createStack(r -> r.stackName(stack).templateBody(template));
        f.advanceUntil(Duration.ofMinutes(30), () -> cfn.describeStacks(r -> r.stackName(stack)).stacks().get(0).stackStatus()
                == StackStatus.CREATE_COMPLETE);
        return cfn.describeStacks(r -> r.stackName(stack)).stacks().get(0).outputs().stream()
                .collect(Collectors.toMap(o -> o.outputKey(), o -> o.outputValue()));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(f.endpoint() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listenerRules_answerBeforeTheDefaultAction_lowestPriorityFirst() throws Exception {
        f = SandboxFixture.builder().sandbox(c -> c.speed(0.001)).start();
        Map<String, String> out = create("edge", """
                Resources:
                  Alb:
                    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                    Properties: {Subnets: [subnet-a, subnet-b]}
                  Https:
                    Type: AWS::ElasticLoadBalancingV2::Listener
                    Properties:
                      LoadBalancerArn: !Ref Alb
                      Port: 443
                      Protocol: HTTPS
                      Certificates: [{CertificateArn: "arn:aws:acm:us-east-1:000000000000:certificate/x"}]
                      DefaultActions:
                        - {Type: fixed-response, FixedResponseConfig: {StatusCode: "404", MessageBody: "Not found"}}
                  Admin:
                    Type: AWS::ElasticLoadBalancingV2::ListenerRule
                    Properties:
                      ListenerArn: !Ref Https
                      Priority: 5
                      Conditions: [{Field: path-pattern, PathPatternConfig: {Values: ["/admin/*"]}}]
                      Actions: [{Type: fixed-response, FixedResponseConfig: {StatusCode: "403", MessageBody: "no admin here"}}]
                  Shop:
                    Type: AWS::ElasticLoadBalancingV2::ListenerRule
                    Properties:
                      ListenerArn: !Ref Https
                      Priority: 10
                      Conditions: [{Field: path-pattern, PathPatternConfig: {Values: ["/*"]}}]
                      Actions: [{Type: fixed-response, FixedResponseConfig: {StatusCode: "200", MessageBody: "shop"}}]
                Outputs:
                  Dns: {Value: !GetAtt Alb.DNSName}
                  Rule: {Value: !Ref Shop}
                """);
        assertTrue(out.get("Rule").contains(":listener-rule/app/"), out.toString());
        HttpResponse<String> admin = get("/_sandbox/lb/" + out.get("Dns") + "/admin/login");
        assertEquals(403, admin.statusCode());
        assertEquals("no admin here", admin.body());
        HttpResponse<String> shop = get("/_sandbox/lb/" + out.get("Dns") + "/health_check.php?x=1");
        assertEquals(200, shop.statusCode());
        assertEquals("shop", shop.body());
    }

    @Test
    void stackSecrets_areReadable_underTheArnsTheStackReported() throws Exception {
        f = SandboxFixture.builder().sandbox(c -> c.speed(0.001)).start();
        Map<String, String> out = create("data", """
                Resources:
                  Auth:
                    Type: AWS::SecretsManager::Secret
                    Properties:
                      Name: shop/redis-auth
                      GenerateSecretString: {SecretStringTemplate: '{"user": "default"}', GenerateStringKey: token, PasswordLength: 40}
                  Plain:
                    Type: AWS::SecretsManager::Secret
                    Properties: {Name: shop/plain, SecretString: "s3cr3t"}
                  Cluster:
                    Type: AWS::RDS::DBCluster
                    Properties: {Engine: aurora-mysql, MasterUsername: magento, ManageMasterUserPassword: true}
                Outputs:
                  Auth: {Value: !Ref Auth}
                  Plain: {Value: !Ref Plain}
                  Master: {Value: !GetAtt Cluster.MasterUserSecret.SecretArn}
                """);
        var sm = f.session().secretsManager();
        ObjectMapper json = new ObjectMapper();
        JsonNode auth = json.readTree(sm.getSecretValue(r -> r.secretId(out.get("Auth"))).secretString());
        assertEquals("default", auth.path("user").asText());
        assertEquals(40, auth.path("token").asText().length());
        assertEquals("s3cr3t", sm.getSecretValue(r -> r.secretId(out.get("Plain"))).secretString());
        JsonNode master = json.readTree(sm.getSecretValue(r -> r.secretId(out.get("Master"))).secretString());
        assertEquals("magento", master.path("username").asText());
        assertTrue(master.path("password").asText().length() >= 8);

        f.session().cloudFormation().deleteStack(r -> r.stackName("data"));
        f.advanceUntil(Duration.ofMinutes(30), () -> {
            try {
                sm.describeSecret(r -> r.secretId(out.get("Plain")));
                return false;
            } catch (ResourceNotFoundException gone) {
                return true;
            }
        });
        assertThrows(ResourceNotFoundException.class, () -> sm.describeSecret(r -> r.secretId(out.get("Auth"))));
    }

    @Test
    void clockSpeed_changes_withoutTimeGoingBack() throws Exception {
        SandboxClock clock = new SandboxClock(1000);
        java.time.Instant before = clock.now();
        clock.speed(0.001);
        java.time.Instant after = clock.now();
        assertTrue(!after.isBefore(before), before + " then " + after);
        Thread.sleep(50);
        assertTrue(Duration.between(after, clock.now()).toMillis() < 5, "x0.001: 50 ms real is well under 5 ms simulated");
        assertEquals(0.001, clock.speed());
        assertThrows(IllegalArgumentException.class, () -> clock.speed(0));
    }
}
