package io.magecloudkit.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magecloudkit.aws.AwsSession;
import io.magecloudkit.deploy.PreflightCheck.ImageSeen;
import io.magecloudkit.deploy.PreflightCheck.ImageState;
import io.magecloudkit.deploy.PreflightCheck.LogGroup;
import io.magecloudkit.deploy.PreflightCheck.Needs;
import io.magecloudkit.deploy.PreflightCheck.Observed;
import io.magecloudkit.deploy.PreflightCheck.SecretTarget;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * Reads what the preflight needs to know, with read-only calls only (DescribeImages, GetParameter
 * without decryption, DescribeSecret / GetSecretValue, DescribeLogGroups; HEAD of a manifest for
 * images outside ECR, see {@link PreflightRegistry}). A secret's value is read
 * only to list its JSON keys and is dropped at once: it never reaches a log, a message or a result.
 */
final class PreflightLookup {
    private static final Pattern ECR = Pattern.compile(
            "^(\\d{12}|\\d+)\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/(.+)@(sha256:[0-9a-f]{64})$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AwsSession aws;
    private final PreflightRegistry registries;

    PreflightLookup(AwsSession aws, PreflightRegistry registries) {
        this.aws = aws;
        this.registries = registries;
    }

    /** What one app's rendered task definition needs; {@code fit} is config validation's size problem or null. */
    static Needs needsOf(String app, JsonNode taskDefinition, String fit) {
        List<String> images = new ArrayList<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        List<LogGroup> groups = new ArrayList<>();
        for (JsonNode c : taskDefinition.path("containerDefinitions")) {
            images.add(c.path("image").asText());
            for (JsonNode s : c.path("secrets")) {
                secrets.put(c.path("name").asText() + "/" + s.path("name").asText(), s.path("valueFrom").asText());
            }
            JsonNode log = c.path("logConfiguration");
            if ("awslogs".equals(log.path("logDriver").asText()) && log.path("options").has("awslogs-group")) {
                groups.add(new LogGroup(log.path("options").path("awslogs-group").asText(),
                        "true".equals(log.path("options").path("awslogs-create-group").asText())));
            }
        }
        return new Needs(app, images.stream().distinct().toList(), secrets, groups.stream().distinct().toList(), fit);
    }

    Observed observe(List<Needs> needs) {
        Map<String, ImageSeen> images = new LinkedHashMap<>();
        Set<String> parameters = new HashSet<>();
        Map<String, Set<String>> secretKeys = new LinkedHashMap<>();
        Set<String> groups = new HashSet<>();
        for (Needs n : needs) {
            n.images().forEach(i -> images.computeIfAbsent(i, this::image));
            for (String valueFrom : n.secrets().values()) {
                SecretTarget t = SecretTarget.of(valueFrom);
                if (t.ssm()) {
                    if (parameterExists(t.id())) {
                        parameters.add(t.id());
                    }
                } else if (!secretKeys.containsKey(t.id()) || t.jsonKey() != null && secretKeys.get(t.id()).isEmpty()) {
                    Set<String> keys = secretKeys(t.id(), t.jsonKey() != null);
                    if (keys != null) {
                        secretKeys.put(t.id(), keys);
                    }
                }
            }
            n.logGroups().forEach(g -> {
                if (logGroupExists(g.name())) {
                    groups.add(g.name());
                }
            });
        }
        return new Observed(images, parameters, secretKeys, groups);
    }

    private ImageSeen image(String reference) {
        Matcher m = ECR.matcher(reference);
        if (!m.matches()) {
            return registries.look(reference);
        }
        String repository = m.group(3);
        String digest = m.group(4);
        try {
            aws.call("describe image " + repository + "@" + digest, () -> aws.ecr().describeImages(r -> r
                    .registryId(m.group(1)).repositoryName(repository)
                    .imageIds(ImageIdentifier.builder().imageDigest(digest).build())));
            return new ImageSeen(ImageState.FOUND, null);
        } catch (ImageNotFoundException e) {
            return new ImageSeen(ImageState.MISSING, null);
        } catch (RepositoryNotFoundException e) {
            return new ImageSeen(ImageState.MISSING, "repository " + repository + " does not exist");
        }
    }

    private boolean parameterExists(String name) {
        try {
            aws.call("get parameter " + name, () -> aws.ssm().getParameter(r -> r.name(name).withDecryption(false)));
            return true;
        } catch (ParameterNotFoundException e) {
            return false;
        }
    }

    /** The secret's top-level JSON keys (empty when not asked for or not a JSON object); null when it does not exist. */
    private Set<String> secretKeys(String id, boolean keysWanted) {
        try {
            if (!keysWanted) {
                aws.call("describe secret " + id, () -> aws.secretsManager().describeSecret(r -> r.secretId(id)));
                return Set.of();
            }
            String value = aws.call("read the JSON keys of secret " + id, () -> aws.secretsManager()
                    .getSecretValue(r -> r.secretId(id))).secretString();
            return keysOf(value);
        } catch (ResourceNotFoundException e) {
            return null;
        }
    }

    /** Field names only; a value that is not a JSON object has none (its parse error is dropped: it could quote the value). */
    static Set<String> keysOf(String secretString) {
        Set<String> keys = new HashSet<>();
        if (secretString == null) {
            return keys;
        }
        try {
            JsonNode node = JSON.readTree(secretString);
            if (node != null && node.isObject()) {
                for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                    keys.add(it.next());
                }
            }
        } catch (java.io.IOException e) {
            return keys;
        }
        return keys;
    }

    private boolean logGroupExists(String name) {
        return aws.call("describe log group " + name, () -> aws.logs().describeLogGroups(r -> r.logGroupNamePrefix(name)))
                .logGroups().stream().anyMatch(g -> name.equals(g.logGroupName()));
    }
}
