package io.magecloudkit.cli;

import io.magecloudkit.EventSink;
import io.magecloudkit.aws.AwsSession;
import io.magecloudkit.config.MckConfig;
import io.magecloudkit.provision.ProvisionResult;
import io.magecloudkit.provision.Provisioner;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "provision", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Create or update the environment's CloudFormation stacks, in dependency order (independent stacks"
                + " in parallel), each through a change set whose diff is shown before it runs.",
            "A stack whose template and parameters are unchanged is skipped after one DescribeStacks call. Replacing"
                + " or removing a resource that holds data is refused unless named with --allow-replacement.",
            "Exits 0 when every stack is in place, 1 when a stack failed (its root cause is shown) or a change was"
                + " refused, 2 for bad input, 3 when AWS cannot be reached."},
        footer = {"", "Example:", "  mck provision --env staging",
            "  acme-shop-staging-network: create, 12 resource change(s)",
            "  acme-shop-staging-network:   + Add Vpc (AWS::EC2::VPC)",
            "  acme-shop-staging-network  12:01:04  Vpc  AWS::EC2::VPC  CREATE_IN_PROGRESS",
            "  acme-shop-staging-network  12:01:19  Vpc  AWS::EC2::VPC  CREATE_COMPLETE",
            "  acme-shop-staging-network: created",
            "  acme-shop-staging-database: unchanged",
            "See docs/provision.md."})
final class ProvisionCommand extends MckSubcommand {
    @Mixin
    AwsOptions aws;

    @Option(names = "--allow-replacement", paramLabel = "LOGICAL_ID",
            description = "Accept replacing or removing this stateful resource (its data is lost); repeatable.")
    List<String> allowReplacement = new ArrayList<>();

    @Option(names = "--lock-wait", paramLabel = "DURATION", defaultValue = "0s",
            description = "How long to wait when another run is changing the environment (default: ${DEFAULT-VALUE}: fail at once).")
    String lockWait;

    /** How CloudFormation is polled; mck demo divides the default by the sandbox's speed. Null: the default. */
    io.magecloudkit.provision.Backoff backoff;

    @Override
    Object run(EventSink events) {
        MckConfig config = StackCommandSupport.config(this, "provision");
        var wait = StackCommandSupport.duration(lockWait, "--lock-wait");
        try (AwsSession session = AwsSession.open(aws.settings(project().region()))) {
            session.verify();
            Provisioner provisioner = new Provisioner();
            Thread hook = new Thread(() -> {
                List<String> busy = provisioner.changing();
                if (!busy.isEmpty()) {
                    events.warn("stopped; CloudFormation is still changing " + String.join(", ", busy)
                            + " (it carries on without us); run mck provision again to converge");
                }
                provisioner.releaseLease();
            }, "provision-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                return provisioner.provision(StackCommandSupport.request(config, common.env, session, false, allowReplacement, wait, backoff),
                        events);
            } finally {
                removeHook(hook);
            }
        }
    }

    static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run: nothing to remove.
        }
    }

    @Override
    int exitCodeFor(Object result) {
        return result instanceof ProvisionResult r && !r.succeeded() ? ExitCode.FAILED : ExitCode.OK;
    }
}
