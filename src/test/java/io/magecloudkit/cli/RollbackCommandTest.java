package io.magecloudkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.deploy.DeployScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Secret;

/** mck rollback runs the deploy's preflight on the target revision before it changes anything. */
class RollbackCommandTest {

    @Test
    void aTargetWhoseImageAndParameterAreGone_exit2_namesBoth_andMakesNoWriteCall(@TempDir Path dir) throws Exception {
        String yaml = DeployScenario.yaml(DeployScenario.ONE_APP, "");
        try (DeployScenario s = new DeployScenario(yaml, 20)) {
            Files.writeString(dir.resolve("magecloudkit.yml"), yaml);
            s.service("magento", "app", "nginx", 8080);
            var aws = s.f.session();
            String account = aws.sts().getCallerIdentity().account();
            aws.ecr().createRepository(r -> r.repositoryName("shop/php-fpm"));
            // A revision registered earlier whose image has since gone from ECR, as has its parameter.
            String image = account + ".dkr.ecr.us-east-1.amazonaws.com/shop/php-fpm@" + DeployScenario.digest('7');
            String target = aws.ecs().registerTaskDefinition(r -> r.family("shop-staging-magento").networkMode("awsvpc")
                    .containerDefinitions(ContainerDefinition.builder().name("php-fpm").image(image).memory(512)
                            .secrets(Secret.builder().name("DB_PASSWORD")
                                    .valueFrom("arn:aws:ssm:us-east-1:" + account + ":parameter/shop/staging/gone").build())
                            .build())).taskDefinition().taskDefinitionArn();
            String running = s.service("magento", "app").taskDefinition();
            String revision = target.substring(target.lastIndexOf(':') + 1);

            long before = s.f.lastRequest();
            InProcessMck.Run run = InProcessMck.execute(List.of("rollback", "--app", "magento", "--to", revision,
                    "--target-group-arn", s.targetGroups.get("magento"), "--config", dir.resolve("magecloudkit.yml").toString(),
                    "--env", "staging", "--endpoint-url", s.f.endpoint().toString()));

            assertEquals(2, run.exit(), run.out() + run.err());
            assertTrue(run.err().contains("app magento: image " + image + " does not exist in its registry"), run.err());
            assertTrue(run.err().contains("app magento: secret php-fpm/DB_PASSWORD: SSM parameter /shop/staging/gone does not exist"),
                    run.err());
            assertTrue(run.err().contains("preflight found 2 problems, nothing changed"), run.err());
            assertEquals(running, s.service("magento", "app").taskDefinition(), "the service still runs what it ran");
            assertEquals(List.of(), s.f.writesSince(before), "no AWS write call");
        }
    }
}
