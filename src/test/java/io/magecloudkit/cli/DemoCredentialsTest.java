package io.magecloudkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.magecloudkit.TestProperties;
import io.magecloudkit.sandbox.SandboxFixture;
import io.magecloudkit.testing.CliRun;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * mck demo hands the sandbox's keys to the AWS clients of each command it runs, not to the process:
 * the SDK's default chain (here: keys the sandbox refuses) is neither used nor changed.
 */
class DemoCredentialsTest {
    private static final AwsCredentialsProvider SANDBOX_KEYS = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    @Test
    void aCommandOfTheDemo_signsWithTheSandboxKeys_whateverTheProcessHolds() {
        try (SandboxFixture f = SandboxFixture.start()) {
            String identity = f.session().sts().getCallerIdentity().arn();
            try (TestProperties process = TestProperties.set("aws.accessKeyId", "AKIAPROCESSKEYSDEMO1", "aws.secretAccessKey", "process-secret")) {
                whoami(f, identity);
            }
        }
    }

    private static void whoami(SandboxFixture f, String identity) {
        String[] args = {"--region", "us-east-1", "--endpoint-url", f.endpoint().toString()};
        CliRun.Result throughTheDemo = CliRun.run(DemoRehearsal.commandLine(new WhoamiCommand(), SANDBOX_KEYS), args);
        assertEquals(ExitCode.OK, throughTheDemo.exitCode(), throughTheDemo.stderr());
        assertEquals(identity, throughTheDemo.stdout().strip());

        // The same command with the process's own chain is refused: the keys above came from the demo alone.
        CliRun.Result ownChain = CliRun.run(Main.commandLine(), "whoami", args[0], args[1], args[2], args[3]);
        assertEquals(ExitCode.AWS_ACCESS, ownChain.exitCode(), ownChain.stderr());
        assertEquals("AKIAPROCESSKEYSDEMO1", System.getProperty("aws.accessKeyId"), "nothing process-wide changed");
    }

    @Test
    void everyAwsCommandOfTheDemo_getsTheKeys_includingThoseWhoseOptionsAreInherited() {
        for (MckSubcommand command : List.of(new ProvisionCommand(), new BuildImagesCommand(), new DeployCommand(), new StatusCommand())) {
            DemoRehearsal.commandLine(command, SANDBOX_KEYS);
            AwsOptions aws = command instanceof GatedCommand gated ? gated.aws
                    : command instanceof ProvisionCommand c ? c.aws
                    : command instanceof BuildImagesCommand c ? c.aws
                    : ((StatusCommand) command).aws;
            assertSame(SANDBOX_KEYS, aws.credentials, command.getClass().getSimpleName());
        }
    }
}
