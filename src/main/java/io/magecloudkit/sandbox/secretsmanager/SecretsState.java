package io.magecloudkit.sandbox.secretsmanager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything the simulated Secrets Manager keeps, by secret name. Public fields: snapshotted; times in epoch milliseconds. */
public final class SecretsState {
    public Map<String, Secret> secrets = new LinkedHashMap<>();

    public static final class Secret {
        public String name;
        public String arn;
        public String description;
        public long createdDate;
        public long lastChangedDate;
        public Long lastAccessedDate;
        public Map<String, String> tags = new LinkedHashMap<>();
        /** Versions in creation order; a version with no stage left is deprecated and no longer listed. */
        public List<SecretVersion> versions = new ArrayList<>();
    }

    public static final class SecretVersion {
        public String versionId;
        public String secretString;
        /** Base64, as the JSON protocol carries blobs. */
        public String secretBinary;
        public long createdDate;
        public List<String> stages = new ArrayList<>();
    }
}
