package io.magecloudkit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magecloudkit.sandbox.SandboxFixture;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** The preflight's lookups against the sandbox through the real SDK: every problem named, read-only calls only. */
class PreflightSandboxTest {
    static final String PLANTED = "planted-s3cr3t-value-7f3a";

    /** Records the operation name of every SDK call the test's clients make. */
    static final class Operations implements ExecutionInterceptor {
        final List<String> names = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            names.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
    }

    @Test
    void missingDigestParameterAndJsonKey_areEachNamed_withReadOnlyCalls_andTheValueNeverShown() throws Exception {
        Operations ops = new Operations();
        try (SandboxFixture f = SandboxFixture.builder().interceptors(List.of(ops)).start()) {
            var aws = f.session();
            String account = aws.sts().getCallerIdentity().account();
            aws.ecr().createRepository(r -> r.repositoryName("shop/php-fpm"));
            aws.ssm().putParameter(r -> r.name("/shop/staging/present").value("x").type("SecureString"));
            String secretArn = aws.secretsManager().createSecret(r -> r.name("shop/staging/keys")
                    .secretString("{\"crypt_key\":\"" + PLANTED + "\"}")).arn();
            aws.logs().createLogGroup(r -> r.logGroupName("/shop/staging/app"));
            ops.names.clear();

            String image = account + ".dkr.ecr.us-east-1.amazonaws.com/shop/php-fpm@sha256:" + "b".repeat(64);
            ObjectNode td = (ObjectNode) new ObjectMapper().readTree("""
                    {"family":"shop-staging-magento","containerDefinitions":[{"name":"php-fpm","image":"%s",
                     "secrets":[{"name":"DB_PASSWORD","valueFrom":"arn:aws:ssm:us-east-1:%s:parameter/shop/staging/missing"},
                                {"name":"PRESENT","valueFrom":"arn:aws:ssm:us-east-1:%s:parameter/shop/staging/present"},
                                {"name":"CRYPT_KEY","valueFrom":"%s:crypt_key::"},
                                {"name":"OTHER_KEY","valueFrom":"%s:other_key::"}],
                     "logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":"/shop/staging/app"}}}]}
                    """.formatted(image, account, account, secretArn, secretArn));
            var needs = List.of(PreflightLookup.needsOf("magento", td, "task needs 8192 MiB of memory, m5.large offers 7680"));
            PreflightCheck.Result r = PreflightCheck.judge(needs, new PreflightLookup(aws, new PreflightRegistry(null, java.util.Map.of())).observe(needs));

            assertFalse(r.passed());
            assertEquals(List.of("app magento: task needs 8192 MiB of memory, m5.large offers 7680",
                    "app magento: image " + image + " does not exist in its registry",
                    "app magento: secret php-fpm/DB_PASSWORD: SSM parameter /shop/staging/missing does not exist",
                    "app magento: secret php-fpm/OTHER_KEY: Secrets Manager secret " + secretArn + " has no JSON key other_key"),
                    r.problems());
            assertTrue(r.toString().indexOf(PLANTED) < 0, "the planted secret value is not in the result");
            List<String> writes = ops.names.stream().filter(n -> !n.startsWith("Describe") && !n.startsWith("Get")
                    && !n.startsWith("List")).toList();
            assertEquals(List.of(), writes, "no AWS write call: " + ops.names);
            assertTrue(ops.names.containsAll(List.of("DescribeImages", "GetParameter", "GetSecretValue", "DescribeLogGroups")),
                    ops.names.toString());
        }
    }
}
