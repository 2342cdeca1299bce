package io.magecloudkit.sandbox.secretsmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magecloudkit.sandbox.secretsmanager.SecretsState.SecretVersion;
import io.magecloudkit.sandbox.secretsmanager.control.VersionStages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Staging labels when a new version takes some. Versions are written "A:AWSCURRENT B:AWSPREVIOUS"
 * (a version with no label as "C:"); the new version is N.
 */
class VersionStagesTest {
    @ParameterizedTest(name = "{0} + N({1}) = {2}")
    @CsvSource(delimiter = '|', value = {
            "A:AWSCURRENT                 | AWSCURRENT         | A:AWSPREVIOUS N:AWSCURRENT",
            "A:AWSPREVIOUS B:AWSCURRENT   | AWSCURRENT         | A: B:AWSPREVIOUS N:AWSCURRENT",
            "A:AWSCURRENT                 | AWSPENDING         | A:AWSCURRENT N:AWSPENDING",
            "A:AWSCURRENT,AWSPENDING      | AWSPENDING         | A:AWSCURRENT N:AWSPENDING",
            "A:AWSCURRENT B:AWSPENDING    | AWSCURRENT,BLUE    | A:AWSPREVIOUS B:AWSPENDING N:AWSCURRENT,BLUE",
    })
    void assign(String before, String stages, String after) {
        List<SecretVersion> versions = new ArrayList<>();
        for (String spec : before.split(" ")) {
            versions.add(version(spec));
        }
        SecretVersion added = version("N:");
        versions.add(added);
        VersionStages.assign(versions, added, Arrays.asList(stages.split(",")));
        assertEquals(after, String.join(" ", versions.stream().map(v -> v.versionId + ":" + String.join(",", v.stages)).toList()));
    }

    private static SecretVersion version(String spec) {
        SecretVersion v = new SecretVersion();
        String[] parts = spec.split(":", -1);
        v.versionId = parts[0];
        if (!parts[1].isEmpty()) {
            v.stages.addAll(Arrays.asList(parts[1].split(",")));
        }
        return v;
    }
}
