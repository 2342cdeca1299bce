package io.magecloudkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magecloudkit.demo.BaseImageTars;
import io.magecloudkit.demo.DemoProject;
import io.magecloudkit.demo.DeployOutcome;
import io.magecloudkit.demo.Expectation;
import io.magecloudkit.demo.IndentingWriter;
import io.magecloudkit.demo.LoadBalancerProbe;
import io.magecloudkit.demo.PhaseLog;
import io.magecloudkit.demo.PhaseResult.Outcome;
import io.magecloudkit.demo.RehearsalClock;
import io.magecloudkit.demo.SandboxFaultsApi;
import io.magecloudkit.demo.ServedAnswer;
import io.magecloudkit.demo.Verdict;
import io.magecloudkit.provision.Backoff;
import io.magecloudkit.sandbox.Sandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The phases of mck demo, each through the same command code path a user's pipeline takes (the
 * picocli commands with their options, result files and exit codes), against a started sandbox.
 * The demo adds only what no mck step does: the faults (through the sandbox's HTTP fault API) and its
 * own checks through the load balancer; the first deploy creates the app's ECS service.
 */
final class DemoRehearsal {
    static final String ENV = "demo";
    static final String APP = "magento";
    static final int PHASES = 9;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Sandbox sandbox;
    private final AwsCredentialsProvider credentials;
    private final Path work;
    private final PhaseLog phases;
    private final PrintWriter log;
    private final Path config;
    private final Path results;
    private final RehearsalClock clock;

    private String project;
    private JsonNode outputs;
    private URI smokeUrl;
    private DeployOutcome v1 = DeployOutcome.NOT_RUN;
    private DeployOutcome v2 = DeployOutcome.NOT_RUN;
    private ServedAnswer v1Served = ServedAnswer.unreachable("not asked");
    private ServedAnswer afterV2 = ServedAnswer.unreachable("not asked");

    private final double speed;
    private final double provisionSpeed;
    /** Tests add a real fault to v2's faults file here (one that breaks an expectation); the demo itself leaves it as it is. */
    private final java.util.function.UnaryOperator<String> v2Faults;

    /** @param credentials the sandbox's keys, for the AWS clients of every command the demo runs */
    DemoRehearsal(Sandbox sandbox, AwsCredentialsProvider credentials, Path work, PhaseLog phases, PrintWriter log, double speed,
            double provisionSpeed, java.util.function.UnaryOperator<String> v2Faults) {
        this.v2Faults = v2Faults;
        this.sandbox = sandbox;
        this.credentials = credentials;
        this.work = work;
        this.phases = phases;
        this.log = log;
        this.config = work.resolve("project/magecloudkit.yml");
        this.results = work.resolve("results");
        this.speed = speed;
        this.provisionSpeed = provisionSpeed;
        this.clock = new RehearsalClock(() -> sandbox.clock().now(), () -> sandbox.clock().speed());
    }

    /** Runs the phases after the sandbox's; stops at the first that fails unexpectedly. Returns the expectations. */
    List<Expectation> run() throws Exception {
        Files.createDirectories(results);
        boolean ok = validate() && provision() && provisionAgain();
        ok = ok && build("v1") && deployV1() && build("v2") && deployV2();
        if (ok) {
            status();
        }
        return Verdict.judge(v1, v1Served, v2, afterV2);
    }

    private boolean validate() {
        phases.begin("validate magecloudkit.yml");
        DemoProject.copyTo(work.resolve("project"));
        int exit = mck("config validate", new ConfigValidateCommand(), config.toString());
        project = readProjectName();
        return end(exit == 0, "project " + project + ", environment " + ENV);
    }

    private boolean provision() throws IOException {
        phases.begin("provision the environment");
        int exit = provisionRun("provision.json");
        JsonNode result = JSON.readTree(results.resolve("provision.json").toFile()).path("result");
        outputs = result.path("outputs");
        int stacks = result.path("stacks").size();
        String dns = outputs.path(project + "-" + ENV + "-load-balancer").path("DnsName").asText("");
        smokeUrl = URI.create(sandbox.endpoint() + "/_sandbox/lb/" + dns + "/health_check.php");
        return end(exit == 0 && !dns.isEmpty(), stacks + " stacks created");
    }

    /** Provisioning runs on a faster clock: Aurora and OpenSearch take 15 minutes on AWS, and the sandbox too. */
    private int provisionRun(String resultFile) {
        sandbox.clock().speed(provisionSpeed);
        phases.say("sandbox clock x" + DemoCommand.fmt(provisionSpeed) + " while provisioning");
        ProvisionCommand command = new ProvisionCommand();
        command.backoff = new Backoff(clock.real(Backoff.DEFAULT.first()), clock.real(Backoff.DEFAULT.max()));
        try {
            return mck("provision", command, "--config", config.toString(), "--env", ENV, "--endpoint-url", sandbox.endpoint().toString(),
                "--result-file", results.resolve(resultFile).toString());
        } finally {
            sandbox.clock().speed(speed);
        }
    }

    private boolean provisionAgain() throws IOException {
        phases.begin("provision again (nothing changed)");
        int exit = provisionRun("provision-again.json");
        JsonNode stacks = JSON.readTree(results.resolve("provision-again.json").toFile()).path("result").path("stacks");
        long unchanged = 0;
        for (JsonNode s : stacks) {
            unchanged += "unchanged".equals(s.path("action").asText()) ? 1 : 0;
        }
        return end(exit == 0 && unchanged == stacks.size(), unchanged + " of " + stacks.size() + " stacks unchanged");
    }

    private boolean build(String version) throws Exception {
        phases.begin("build images " + version + (version.equals("v2") ? " (a broken build)" : ""));
        // Written once, then reused: a registry on the internet is what the demo must not need.
        Map<String, String> bases = BaseImageTars.write(work.resolve("base-images"), List.of("nginx", "php-fpm"));
        Path release = work.resolve("project/app/app/code/Demo/Release.php");
        Files.writeString(release, Files.readString(release).replaceAll("VERSION = '[^']*'", "VERSION = '" + version + "'"));
        List<String> args = new ArrayList<>(List.of("--config", config.toString(), "--env", ENV, "--source",
                work.resolve("project/app").toString(), "--tag", "demo-" + version, "--registry-type", "tar", "--output",
                work.resolve("images").toString(), "--cache-dir", work.resolve("cache").toString(), "--result-file",
                results.resolve("build-" + version + ".json").toString()));
        bases.forEach((image, ref) -> args.addAll(List.of("--base-image", image + "=" + ref)));
        int exit = mck("build-images", new BuildImagesCommand(), args.toArray(String[]::new));
        List<String> digests = new ArrayList<>();
        for (JsonNode image : JSON.readTree(results.resolve("build-" + version + ".json").toFile()).path("result").path("images")) {
            digests.add(image.path("name").asText() + " " + image.path("digest").asText().substring(0, 19));
        }
        return end(exit == 0 && digests.size() == 2, String.join(", ", digests));
    }

    private boolean deployV1() throws IOException, InterruptedException {
        phases.begin("deploy v1 (release phase, health gate)");
        faults("faults/v1-upgrade.yml", Map.of(), java.util.function.UnaryOperator.identity());
        int exit = deploy("v1");
        v1 = DeployOutcome.read(results.resolve("deploy-v1.json"));
        v1Served = ask();
        return end(exit == 0, "gate " + v1.verdict() + ", " + v1.revision() + " serves: " + v1Served);
    }

    private boolean deployV2() throws IOException, InterruptedException {
        phases.begin("deploy v2 (its tasks crash)");
        String phpFpm = imageReference("v2", "php-fpm");
        faults("faults/v2-crash.yml", Map.of("IMAGE", phpFpm, "SERVICE", project + "-" + ENV + "-" + APP), v2Faults);
        int exit = deploy("v2");
        v2 = DeployOutcome.read(results.resolve("deploy-v2.json"));
        afterV2 = ask();
        boolean asPlanned = exit == 1 && "failed".equals(v2.verdict());
        phases.say("why v2 failed: " + v2.reason());
        phases.end(asPlanned ? Outcome.EXPECTED_FAILURE : Outcome.FAILED, "rolled back " + (v2.rollbackHow() == null ? "-"
                : "by " + v2.rollbackHow() + ": " + v2.rollbackVerdict()) + "; serving: " + afterV2);
        return asPlanned;
    }

    private int deploy(String version) {
        DeployCommand command = new DeployCommand();
        command.clock = clock;
        return mck("deploy", command, "--config", config.toString(), "--env", ENV, "--endpoint-url", sandbox.endpoint().toString(),
                "--images", results.resolve("build-" + version + ".json").toString(), "--smoke-url", smokeUrl.toString(),
                "--result-file", results.resolve("deploy-" + version + ".json").toString());
    }

    private void status() {
        phases.begin("mck status");
        // Nothing but the config: status finds cluster, service and target group in the stacks, as deploy does.
        int exit = mck("status", new StatusCommand(), "--config", config.toString(), "--env", ENV, "--endpoint-url",
                sandbox.endpoint().toString(), "--result-file", results.resolve("status.json").toString());
        end(exit == 0, null);
    }

    /** Puts a faults file of the demo project, its ${NAME}s filled, through the sandbox's fault API, and shows it. */
    private void faults(String file, Map<String, String> values, java.util.function.UnaryOperator<String> edit)
            throws IOException, InterruptedException {
        String yaml = DemoProject.text(file);
        for (var e : values.entrySet()) {
            yaml = yaml.replace("${" + e.getKey() + "}", e.getValue());
        }
        yaml = edit.apply(yaml);
        SandboxFaultsApi api = new SandboxFaultsApi(sandbox.endpoint());
        api.put(yaml);
        phases.say("PUT " + api.url() + " (examples/demo/" + file + "):");
        yaml.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(l -> phases.say("  " + l));
    }

    private ServedAnswer ask() {
        ServedAnswer answer = new LoadBalancerProbe().get(smokeUrl);
        phases.say("GET " + smokeUrl + " -> " + answer);
        return answer;
    }

    private int mck(String name, MckSubcommand command, String... args) {
        log.println("  $ mck " + name + " " + String.join(" ", args).replace(work + "/", ""));
        log.flush();
        CommandLine cl = commandLine(command, credentials);
        PrintWriter nested = new PrintWriter(new IndentingWriter(log, "    "), true);
        cl.setOut(nested);
        cl.setErr(nested);
        int exit = cl.execute(args);
        nested.flush();
        return exit;
    }

    /** A command whose AWS clients (when it has any) sign with {@code credentials}, whatever the process's default chain holds. */
    static CommandLine commandLine(MckSubcommand command, AwsCredentialsProvider credentials) {
        CommandLine cl = new CommandLine(command);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        for (CommandSpec mixin : cl.getCommandSpec().mixins().values()) {
            if (mixin.userObject() instanceof AwsOptions aws) {
                aws.credentials = credentials;
            }
        }
        return cl;
    }

    private boolean end(boolean ok, String note) {
        phases.end(ok ? Outcome.OK : Outcome.FAILED, note);
        return ok;
    }

    private String imageReference(String version, String image) throws IOException {
        for (JsonNode i : JSON.readTree(results.resolve("build-" + version + ".json").toFile()).path("result").path("images")) {
            if (image.equals(i.path("name").asText())) {
                return i.path("reference").asText();
            }
        }
        throw new IllegalStateException("build " + version + " has no " + image + " image");
    }

    private String readProjectName() {
        try {
            return io.magecloudkit.config.ConfigLoader.load(config).project();
        } catch (RuntimeException e) {
            return "?";
        }
    }
}
