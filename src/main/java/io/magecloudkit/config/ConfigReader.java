package io.magecloudkit.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;

/** Walks the document's root mapping into an {@link MckConfig}, reporting into {@link Problems}. */
final class ConfigReader {
    static final List<String> KEYS = List.of("project", "region", "images", "environments", "apps", "integrations");
    private static final String PROJECT_EXPECTED =
            "2-24 lower-case letters, digits and -, starting with a letter (it prefixes every AWS resource name)";

    private ConfigReader() {
    }

    static MckConfig read(MappingNode rootNode, Problems problems) {
        Section root = Section.root(problems, rootNode);
        root.allowOnly(KEYS);
        String project = root.required("project", Pattern.compile(".*"), PROJECT_EXPECTED);
        if (project != null) {
            Names.problem("project", project, 2, 24)
                    .ifPresent(m -> root.error("project", m + " (it prefixes every AWS resource name)"));
        }
        String region = root.required("region", EnvironmentReader.REGION, EnvironmentReader.REGION_EXPECTED);
        ImagesConfig images = ImagesReader.read(root.section("images"), ImagesReader.defaults());

        Map<String, AppReader.Read> apps = apps(root.section("apps"));
        Map<String, AppConfig> projectApps = new LinkedHashMap<>();
        apps.forEach((name, read) -> {
            projectApps.put(name, read.app());
            problems.addAll(AppRules.check(root.pathOf("apps") + "." + name, read));
        });

        Section envs = root.section("environments");
        Map<String, EnvironmentConfig> environments = new LinkedHashMap<>();
        List<NetworkRules.Vpc> vpcs = new ArrayList<>();
        if (!envs.wrongType() && (!envs.present() || envs.entries().isEmpty())) {
            problems.add(envs.present() ? envs.at() : root.keyAt("environments"), "environments",
                    "at least one environment is required, e.g. environments: {production: {vpcCidr: 10.0.0.0/16}}");
        }
        for (Section.Entry e : envs.entries()) {
            // A bad name is reported and the entry read all the same: skipping it would add errors
            // about everything that refers to it.
            Names.problem("environment name", e.key(), 1, 20)
                    .ifPresent(message -> problems.add(e.keyNode(), e.path(), message));
            Section s = Section.of(problems, e.path(), Location.of(e.keyNode().getStartMark()), e.value());
            if (s.wrongType()) {
                continue;
            }
            EnvironmentReader.Read read = EnvironmentReader.read(s, e.key(), region, images, apps);
            environments.put(e.key(), read.environment());
            if (read.vpc() != null) {
                vpcs.add(new NetworkRules.Vpc(e.key(), read.environment().region(), read.vpc(), read.vpcPath()));
            }
        }
        problems.addAll(NetworkRules.checkOverlaps(vpcs));

        IntegrationsConfig integrations = integrations(root.section("integrations"));
        return new MckConfig(problems.file(), project, region, images, environments, projectApps, integrations,
                root.keyAt("environments"), root.keyAt("apps"), problems.sortedWarnings());
    }

    private static Map<String, AppReader.Read> apps(Section s) {
        Map<String, AppReader.Read> apps = new LinkedHashMap<>();
        if (!s.present()) {
            // A small shop runs one Magento app and need not say so.
            apps.put("magento", AppReader.read(s, "magento", null));
            return apps;
        }
        for (Section.Entry e : s.entries()) {
            // A bad name is reported and the entry read all the same: skipping it would add errors
            // about everything that refers to it.
            Names.problem("app name", e.key(), 1, 20)
                    .ifPresent(message -> s.problems().add(e.keyNode(), e.path(), message));
            Section app = Section.of(s.problems(), e.path(), Location.of(e.keyNode().getStartMark()), e.value());
            apps.put(e.key(), AppReader.read(app, e.key(), null));
        }
        if (s.entries().isEmpty()) {
            s.problems().add(s.at(), s.path(), "no app: leave 'apps' out for one Magento app named magento, or declare yours");
        }
        return apps;
    }

    private static IntegrationsConfig integrations(Section s) {
        s.allowOnly(IntegrationsConfig.NAMES);
        Map<String, Map<String, SecretRef>> all = new LinkedHashMap<>();
        for (Section.Entry e : s.entries()) {
            if (IntegrationsConfig.NAMES.contains(e.key())) {
                all.put(e.key(), AppReader.secrets(s.secretsSection(e.key())));
            }
        }
        return new IntegrationsConfig(all);
    }
}
