package io.magecloudkit.cli;

import io.magecloudkit.deploy.DeployScenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CLI's end-to-end tests against the sandbox: staging with one Magento app whose service runs
 * (cluster {@code app}, nginx:8080 behind a target group), its magecloudkit.yml in a folder, and
 * mck run in this JVM against that sandbox.
 */
final class OneAppCli implements AutoCloseable {
    final DeployScenario s;
    final Path config;

    OneAppCli(Path dir) throws IOException {
        String yaml = DeployScenario.yaml(DeployScenario.ONE_APP, "");
        s = new DeployScenario(yaml, 20);
        config = Files.writeString(dir.resolve("magecloudkit.yml"), yaml);
        s.service("magento", "app", "nginx", 8080);
    }

    /**
     * {@code mck <subcommand>} with {@code --config} (unless the arguments give one), {@code --env staging} and the
     * sandbox's endpoint, then the arguments: options first, so that a command after {@code --} stays last.
     */
    InProcessMck.Run mck(String subcommand, List<String> args) {
        List<String> all = new ArrayList<>(List.of(subcommand));
        if (!args.contains("--config")) {
            all.addAll(List.of("--config", config.toString()));
        }
        all.addAll(List.of("--env", "staging", "--endpoint-url", s.f.endpoint().toString()));
        all.addAll(args);
        return InProcessMck.execute(all, s.f.sandbox());
    }

    @Override
    public void close() {
        s.close();
    }
}
