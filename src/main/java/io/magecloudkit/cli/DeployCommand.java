package io.magecloudkit.cli;

import io.magecloudkit.EventSink;
import io.magecloudkit.MckException;
import io.magecloudkit.aws.AwsSession;
import io.magecloudkit.config.MckConfig;
import io.magecloudkit.deploy.DeployImages;
import io.magecloudkit.deploy.DeployResult;
import io.magecloudkit.deploy.Deployer;
import io.magecloudkit.deploy.ImageRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "deploy", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Register the task definitions, update the services and gate on health; roll back when the gate fails.",
            "The gate passes only when the new deployment is PRIMARY and COMPLETED, its targets are healthy and the smoke check passes N times in a row once only new tasks serve.",
            "Several apps deploy in parallel. Exit 0 when every app passed, 1 when any failed (rolled back unless --no-rollback), 2 for bad input.",
            "Every deploy starts with a preflight (images, secrets, log groups; exit 2 naming every problem, nothing changed;"
                + " 3 when an image registry cannot be reached or refuses the login).",
            "Magento apps: setup:upgrade runs before the service update with the app's cron and consumer services paused; those services move to the new build once the gate passes,"
                + " each through its own gate; a worker failing its gate fails the app and puts the web service and the workers back.",
            "See docs/deploy.md."})
final class DeployCommand extends GatedCommand {
    @Option(names = "--app", paramLabel = "APP", description = "App to deploy; repeatable (default: every app of the environment).")
    List<String> apps = new ArrayList<>();

    @Option(names = "--images", paramLabel = "RESULT.json", description = "The --result-file of mck build-images.")
    Path imagesFile;

    @Option(names = "--image", paramLabel = "CONTAINER=REPO@sha256:DIGEST",
            description = "Image of one container, pinned by digest; repeatable; overrides --images.")
    Map<String, String> image = new LinkedHashMap<>();

    @Option(names = "--no-rollback", description = "Leave a deployment that fails the gate as it is.")
    boolean noRollback;

    @Option(names = "--verify-only", description = "Only the preflight: images by digest, secret references and log groups"
            + " exist; changes nothing. Exit 0 when all are there, 2 naming every problem (3 when a registry cannot be asked).")
    boolean verifyOnly;

    @Override
    Object run(EventSink events) {
        MckConfig config = config();
        Map<String, ImageRef> images = new LinkedHashMap<>();
        if (imagesFile != null) {
            images.putAll(DeployImages.fromResultFile(imagesFile));
        }
        images.putAll(DeployImages.fromPairs(image));
        if (images.isEmpty() && config.environment(common.env).apps().values().stream()
                .anyMatch(a -> !"generic".equals(a.kind()))) {
            throw new MckException(MckException.Kind.USAGE, "no images: give --images RESULT.json (from mck build-images)"
                    + " or --image CONTAINER=REPO@sha256:...");
        }
        try (AwsSession session = AwsSession.open(aws.settings(project().region()))) {
            var request = request(config, apps, images, noRollback, session, events);
            if (verifyOnly) {
                return new Deployer(session, environment).verify(request, events);
            }
            DeployResult result = new Deployer(session, environment).deploy(request, events);
            summary(result);
            return result;
        }
    }
}
