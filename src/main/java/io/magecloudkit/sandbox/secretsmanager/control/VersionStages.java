package io.magecloudkit.sandbox.secretsmanager.control;

import io.magecloudkit.sandbox.secretsmanager.SecretsState.SecretVersion;
import java.util.List;

/**
 * How staging labels move when a version takes some, pure: a label lives on one version at a
 * time, and the version that loses AWSCURRENT gets AWSPREVIOUS (which its holder loses).
 */
public final class VersionStages {
    public static final String CURRENT = "AWSCURRENT";
    public static final String PREVIOUS = "AWSPREVIOUS";

    private VersionStages() {
    }

    public static void assign(List<SecretVersion> versions, SecretVersion target, List<String> stages) {
        for (String stage : stages) {
            for (SecretVersion v : versions) {
                if (v != target && v.stages.remove(stage) && stage.equals(CURRENT)) {
                    for (SecretVersion other : versions) {
                        other.stages.remove(PREVIOUS);
                    }
                    v.stages.add(PREVIOUS);
                }
            }
            if (!target.stages.contains(stage)) {
                target.stages.add(stage);
            }
        }
    }
}
