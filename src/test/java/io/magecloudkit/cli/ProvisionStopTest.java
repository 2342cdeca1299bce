package io.magecloudkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.provision.ProvisionSandboxTest;
import io.magecloudkit.provision.Provisioner;
import io.magecloudkit.testing.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/** `mck provision` stopped with SIGTERM mid-create, in its own JVM, then run again. */
class ProvisionStopTest {

    @Test
    void sigtermSaysWhichStacksAreStillChangingAndARerunConverges(@TempDir Path home) throws Exception {
        // A slow clock, so the first stack is still creating when the signal comes.
        try (var f = ProvisionSandboxTest.seededSandbox(20)) {
            String endpoint = f.endpoint().toString();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "io.magecloudkit.cli.Main",
                    "provision", "--config", "examples/magecloudkit.yml", "--env", "staging", "--endpoint-url", endpoint));
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().clear();
            pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            pb.environment().put("HOME", home.toString());
            pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
            pb.environment().put("AWS_ACCESS_KEY_ID", f.sandbox().config().accessKey());
            pb.environment().put("AWS_SECRET_ACCESS_KEY", f.sandbox().config().secretKey());
            Path err = home.resolve("stderr.txt");
            pb.redirectError(err.toFile());
            pb.redirectOutput(home.resolve("stdout.txt").toFile());
            Process p = pb.start();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(Files.exists(err) && Files.readString(err, StandardCharsets.UTF_8).contains("CREATE_IN_PROGRESS"))) {
                assertTrue(p.isAlive() && System.nanoTime() < until, "no stack started creating: " + (Files.exists(err) ? Files.readString(err) : ""));
                Thread.sleep(50);
            }
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            String said = Files.readString(err, StandardCharsets.UTF_8);
            assertTrue(said.contains("warning: stopped; CloudFormation is still changing acme-shop-staging-"), said);
            assertTrue(said.contains("run mck provision again to converge"), said);
            assertThrows(ParameterNotFoundException.class, () -> f.session().ssm().getParameter(
                    r -> r.name(Provisioner.leaseName("acme-shop", "staging"))), "the stopped run gave its lease back");

            StackCommandSupport.backoffOverride = ProvisionSandboxTest.FAST;
            // The rerun waits for the stack still creating, then goes on; the clock is pushed along meanwhile.
            CliRun.Result[] again = new CliRun.Result[1];
            Thread rerun = new Thread(() -> again[0] = CliRun.run(Main.commandLine(), "provision", "--config", "examples/magecloudkit.yml",
                    "--env", "staging", "--endpoint-url", endpoint));
            rerun.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (rerun.isAlive() && System.nanoTime() < deadline) {
                f.sandbox().advance(java.time.Duration.ofSeconds(5));
                rerun.join(20);
            }
            assertTrue(!rerun.isAlive(), "the rerun did not finish within 120 s");
            assertEquals(0, again[0].exitCode(), again[0].stderr());
            assertEquals(0, f.session().cloudFormation().describeStacks().stacks().stream()
                    .filter(s -> s.stackName().startsWith("acme-shop-staging-"))
                    .filter(s -> s.stackStatus() != StackStatus.CREATE_COMPLETE && s.stackStatus() != StackStatus.UPDATE_COMPLETE).count());
            ProvisionSandboxTest.forgiveReviewEvents(f);
        } finally {
            StackCommandSupport.backoffOverride = null;
        }
    }
}
