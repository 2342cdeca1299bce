package io.magecloudkit.sandbox.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magecloudkit.sandbox.SandboxClock;
import io.magecloudkit.sandbox.SandboxError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ECR API the engine uses. Image layers live in a real OCI registry (the proxy
 * endpoint GetAuthorizationToken hands out); the sandbox keeps the repositories and the
 * image manifests it is told about ({@link #putImage}, from the admin API).
 */
public final class EcrApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Repositories by name (public fields: snapshotted). */
    public static final class State {
        public Map<String, Repository> repositories = new LinkedHashMap<>();
    }

    public static final class Repository {
        public String name;
        public String arn;
        public long createdAt;
        public String imageTagMutability = "MUTABLE";
        public boolean scanOnPush;
        public String lifecyclePolicyText;
        public List<Image> images = new ArrayList<>();
    }

    public static final class Image {
        public String digest;
        public List<String> tags = new ArrayList<>();
        public String manifest;
        public String mediaType;
        public long pushedAt;
        public long sizeBytes;
    }

    private final State state;
    private final SandboxClock clock;
    private final String region;
    private final String accountId;
    private final String registryHost;
    private final String proxyEndpoint;
    private final String registryPassword;

    /**
     * @param proxyEndpoint    the registry URL clients log in to (e.g. http://127.0.0.1:5000)
     * @param registryPassword the password the authorization token carries for user AWS
     */
    public EcrApi(State state, SandboxClock clock, String region, String accountId, String proxyEndpoint, String registryPassword) {
        this.state = state;
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
        this.proxyEndpoint = proxyEndpoint;
        this.registryHost = proxyEndpoint.replaceFirst("^https?://", "").replaceFirst("/$", "");
        this.registryPassword = registryPassword;
    }

    public ObjectNode handle(String operation, JsonNode in) {
        return handle(operation, in, null);
    }

    /**
     * @param pushed what the registry holds for the request's repository, read beforehand (outside the sandbox's lock);
     *               null when no registry is read
     */
    public ObjectNode handle(String operation, JsonNode in, List<RegistryReader.TaggedManifest> pushed) {
        return switch (operation) {
            case "GetAuthorizationToken" -> getAuthorizationToken();
            case "CreateRepository" -> createRepository(in);
            case "DescribeRepositories" -> describeRepositories(in);
            case "DescribeImages" -> describeImages(in, pushed);
            case "BatchGetImage" -> batchGetImage(in, pushed);
            case "PutLifecyclePolicy" -> putLifecyclePolicy(in);
            default -> throw new SandboxError(400, "UnknownOperationException", null);
        };
    }

    /** The operations that show what was pushed to the registry, which must be read before {@link #handle}. */
    public static boolean readsRegistry(String operation) {
        return "DescribeImages".equals(operation) || "BatchGetImage".equals(operation);
    }

    public boolean hasRepository(String name) {
        return state.repositories.containsKey(name);
    }

    public static boolean mutates(String operation) {
        return operation.startsWith("Create") || operation.startsWith("Put");
    }

    private ObjectNode getAuthorizationToken() {
        ObjectNode out = JSON.createObjectNode();
        long expires = clock.now().toEpochMilli() + 12 * 3_600_000L;
        out.putArray("authorizationData").addObject()
                .put("authorizationToken", Base64.getEncoder().encodeToString(("AWS:" + registryPassword).getBytes(StandardCharsets.UTF_8)))
                .put("expiresAt", expires / 1000.0)
                .put("proxyEndpoint", proxyEndpoint);
        return out;
    }

    private ObjectNode createRepository(JsonNode in) {
        String name = in.path("repositoryName").asText("");
        if (!name.matches("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*") || name.length() < 2 || name.length() > 256) {
            throw new SandboxError(400, "InvalidParameterException", "Invalid parameter at 'repositoryName' failed to satisfy constraint: "
                    + "'must satisfy regular expression '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*''");
        }
        if (state.repositories.containsKey(name)) {
            throw new SandboxError(400, "RepositoryAlreadyExistsException", "The repository with name '" + name
                    + "' already exists in the registry with id '" + accountId + "'");
        }
        Repository r = new Repository();
        r.name = name;
        r.arn = "arn:aws:ecr:" + region + ":" + accountId + ":repository/" + name;
        r.createdAt = clock.now().toEpochMilli();
        if (in.hasNonNull("imageTagMutability")) {
            r.imageTagMutability = in.path("imageTagMutability").asText();
        }
        r.scanOnPush = in.path("imageScanningConfiguration").path("scanOnPush").asBoolean(false);
        state.repositories.put(name, r);
        ObjectNode out = JSON.createObjectNode();
        out.set("repository", render(r));
        return out;
    }

    private ObjectNode describeRepositories(JsonNode in) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode repos = out.putArray("repositories");
        JsonNode names = in.path("repositoryNames");
        if (names.isArray() && !names.isEmpty()) {
            for (JsonNode n : names) {
                repos.add(render(require(n.asText())));
            }
        } else {
            state.repositories.values().forEach(r -> repos.add(render(r)));
        }
        return out;
    }

    private ObjectNode describeImages(JsonNode in, List<RegistryReader.TaggedManifest> pushed) {
        Repository r = require(in.path("repositoryName").asText(""));
        record(r, pushed);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode details = out.putArray("imageDetails");
        JsonNode ids = in.path("imageIds");
        List<Image> images = new ArrayList<>();
        if (ids.isArray() && !ids.isEmpty()) {
            for (JsonNode id : ids) {
                Image image = find(r, id);
                if (image == null) {
                    throw new SandboxError(400, "ImageNotFoundException", "The image with imageId {imageDigest:'"
                            + id.path("imageDigest").asText("null") + "', imageTag:'" + id.path("imageTag").asText("null")
                            + "'} does not exist within the repository with name '" + r.name + "' in the registry with id '" + accountId + "'");
                }
                images.add(image);
            }
        } else {
            images.addAll(r.images);
        }
        for (Image image : images) {
            ObjectNode d = details.addObject();
            d.put("registryId", accountId).put("repositoryName", r.name).put("imageDigest", image.digest);
            ArrayNode tags = d.putArray("imageTags");
            image.tags.forEach(tags::add);
            d.put("imageSizeInBytes", image.sizeBytes).put("imagePushedAt", image.pushedAt / 1000.0)
                    .put("imageManifestMediaType", image.mediaType);
        }
        return out;
    }

    private ObjectNode batchGetImage(JsonNode in, List<RegistryReader.TaggedManifest> pushed) {
        Repository r = require(in.path("repositoryName").asText(""));
        record(r, pushed);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode images = out.putArray("images");
        ArrayNode failures = out.putArray("failures");
        for (JsonNode id : in.path("imageIds")) {
            Image image = find(r, id);
            if (image == null) {
                ObjectNode f = failures.addObject();
                f.set("imageId", id.deepCopy());
                f.put("failureCode", id.has("imageTag") ? "ImageTagDoesNotMatchDigest" : "ImageNotFound")
                        .put("failureReason", "Requested image not found");
                if (id.has("imageTag") && !id.has("imageDigest")) {
                    f.put("failureCode", "ImageNotFound");
                }
                continue;
            }
            ObjectNode n = images.addObject();
            n.put("registryId", accountId).put("repositoryName", r.name);
            ObjectNode imageId = n.putObject("imageId").put("imageDigest", image.digest);
            if (id.has("imageTag")) {
                imageId.put("imageTag", id.path("imageTag").asText());
            }
            n.put("imageManifest", image.manifest).put("imageManifestMediaType", image.mediaType);
        }
        return out;
    }

    private ObjectNode putLifecyclePolicy(JsonNode in) {
        Repository r = require(in.path("repositoryName").asText(""));
        String text = in.path("lifecyclePolicyText").asText("");
        try {
            JsonNode policy = JSON.readTree(text);
            if (policy == null || !policy.path("rules").isArray() || policy.path("rules").isEmpty()) {
                throw new IllegalArgumentException("object has missing required properties ([\"rules\"])");
            }
        } catch (Exception e) {
            throw new SandboxError(400, "InvalidParameterException", "Invalid parameter at 'LifecyclePolicyText' failed to satisfy "
                    + "constraint: 'Lifecycle policy validation failure: " + e.getMessage().split("\n")[0] + "'");
        }
        r.lifecyclePolicyText = text;
        ObjectNode out = JSON.createObjectNode();
        out.put("registryId", accountId).put("repositoryName", r.name).put("lifecyclePolicyText", text);
        return out;
    }

    private void record(Repository r, List<RegistryReader.TaggedManifest> pushed) {
        if (pushed == null) {
            return;
        }
        for (RegistryReader.TaggedManifest m : pushed) {
            putImage(r, m.tag(), m.manifest(), m.mediaType(), m.digest());
        }
    }

    /** Records an image pushed to the registry (a tag moves to it from any older image). */
    public Image putImage(String repositoryName, String tag, String manifest, String mediaType) {
        return putImage(require(repositoryName), tag, manifest, mediaType, null);
    }

    private Image putImage(Repository r, String tag, String manifest, String mediaType, String knownDigest) {
        String digest = knownDigest != null ? knownDigest : "sha256:" + sha256(manifest);
        for (Image other : r.images) {
            other.tags.remove(tag);
        }
        Image image = r.images.stream().filter(i -> i.digest.equals(digest)).findFirst().orElse(null);
        if (image == null) {
            image = new Image();
            image.digest = digest;
            image.manifest = manifest;
            image.mediaType = mediaType;
            image.pushedAt = clock.now().toEpochMilli();
            image.sizeBytes = manifest.length();
            try {
                for (JsonNode layer : JSON.readTree(manifest).path("layers")) {
                    image.sizeBytes += layer.path("size").asLong(0);
                }
            } catch (Exception e) {
                // A manifest that is not JSON still counts with its own length.
            }
            r.images.add(image);
        }
        if (tag != null && !tag.isEmpty()) {
            image.tags.add(tag);
        }
        return image;
    }

    private static Image find(Repository r, JsonNode id) {
        for (Image image : r.images) {
            boolean digestOk = !id.has("imageDigest") || image.digest.equals(id.path("imageDigest").asText());
            boolean tagOk = !id.has("imageTag") || image.tags.contains(id.path("imageTag").asText());
            if (digestOk && tagOk && (id.has("imageDigest") || id.has("imageTag"))) {
                return image;
            }
        }
        return null;
    }

    private Repository require(String name) {
        Repository r = state.repositories.get(name);
        if (r == null) {
            throw new SandboxError(400, "RepositoryNotFoundException", "The repository with name '" + name
                    + "' does not exist in the registry with id '" + accountId + "'");
        }
        return r;
    }

    private ObjectNode render(Repository r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("repositoryArn", r.arn).put("registryId", accountId).put("repositoryName", r.name)
                .put("repositoryUri", registryHost + "/" + r.name).put("createdAt", r.createdAt / 1000.0)
                .put("imageTagMutability", r.imageTagMutability);
        n.putObject("imageScanningConfiguration").put("scanOnPush", r.scanOnPush);
        n.putObject("encryptionConfiguration").put("encryptionType", "AES256");
        return n;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
