package io.magecloudkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.sandbox.botocore.AwsCli;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** Secrets Manager as the preflight resolves secret references: by name or ARN, the current version, stages moving on a new value. */
class SecretsManagerTest {
    @Test
    void secretVersionsAndStages_asAwsKeepsThem() {
        try (SandboxFixture f = SandboxFixture.builder().sandbox(c -> c.speed(0.001)).start()) {
            SecretsManagerClient sm = f.session().secretsManager();
            CreateSecretResponse created = sm.createSecret(r -> r.name("shop/prod/db").description("Aurora master")
                    .secretString("{\"username\":\"magento\",\"password\":\"one\"}"));
            assertTrue(created.arn().matches("arn:aws:secretsmanager:us-east-1:000000000000:secret:shop/prod/db-[A-Za-z0-9]{6}"),
                    created.arn());
            assertEquals("one", password(sm.getSecretValue(r -> r.secretId("shop/prod/db")).secretString()));

            PutSecretValueResponse put = sm.putSecretValue(r -> r.secretId(created.arn()).secretString("{\"password\":\"two\"}"));
            assertEquals(List.of("AWSCURRENT"), put.versionStages());
            DescribeSecretResponse described = sm.describeSecret(r -> r.secretId("shop/prod/db"));
            assertEquals(Map.of(created.versionId(), List.of("AWSPREVIOUS"), put.versionId(), List.of("AWSCURRENT")),
                    described.versionIdsToStages());
            assertEquals("Aurora master", described.description());
            // The ARN without its random suffix names the secret too.
            String partial = created.arn().substring(0, created.arn().length() - 7);
            assertEquals("two", password(sm.getSecretValue(r -> r.secretId(partial)).secretString()));
            assertEquals("one", password(sm.getSecretValue(r -> r.secretId("shop/prod/db").versionStage("AWSPREVIOUS")).secretString()));

            sm.putSecretValue(r -> r.secretId("shop/prod/db").secretString("{\"password\":\"three\"}"));
            assertEquals(2, sm.describeSecret(r -> r.secretId("shop/prod/db")).versionIdsToStages().size(),
                    "a version with no stage left is no longer listed");

            ResourceNotFoundException missing = assertThrows(ResourceNotFoundException.class,
                    () -> sm.getSecretValue(r -> r.secretId("shop/prod/nope")));
            assertEquals("Secrets Manager can't find the specified secret.", missing.awsErrorDetails().errorMessage());
            ResourceNotFoundException noStage = assertThrows(ResourceNotFoundException.class,
                    () -> sm.getSecretValue(r -> r.secretId("shop/prod/db").versionStage("AWSPENDING")));
            assertEquals("Secrets Manager can't find the specified secret value for staging label: AWSPENDING",
                    noStage.awsErrorDetails().errorMessage());
            assertThrows(ResourceExistsException.class, () -> sm.createSecret(r -> r.name("shop/prod/db").secretString("x")));
            // The awscli (botocore's parser) reads the same secret.
            AwsCli.Result cli = new AwsCli(f.endpoint()).run("secretsmanager", "get-secret-value", "--secret-id", "shop/prod/db",
                    "--version-stage", "AWSPREVIOUS");
            cli.assertOk();
            assertEquals("two", password(cli.json().orElseThrow().path("SecretString").asText()));
            assertTrue(f.validator().validatedOperations().containsKey("secretsmanager:GetSecretValue"),
                    String.valueOf(f.validator().validatedOperations()));
        }
    }

    private static String password(String json) {
        return json.replaceAll(".*\"password\":\"([^\"]*)\".*", "$1");
    }
}
