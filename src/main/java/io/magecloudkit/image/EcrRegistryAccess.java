package io.magecloudkit.image;

import io.magecloudkit.EventSink;
import io.magecloudkit.MckException;
import io.magecloudkit.aws.AwsSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * ECR: a registry login from GetAuthorizationToken (kept in memory only) and repositories created
 * on first use with scan-on-push, immutable tags and the lifecycle policy from resources.
 */
public final class EcrRegistryAccess {
    static final String LIFECYCLE_POLICY = "/io/magecloudkit/ecr/lifecycle-policy.json";

    /** The registry host (from proxyEndpoint) and its login. */
    public record Login(String host, RegistryLogin login) {
    }

    private final AwsSession aws;

    public EcrRegistryAccess(AwsSession aws) {
        this.aws = aws;
    }

    /** Turns an authorization token (base64 "AWS:password") into a registry login. */
    public Login login() {
        GetAuthorizationTokenResponse r = aws.call("get an ECR authorization token", () -> aws.ecr().getAuthorizationToken());
        if (r.authorizationData().isEmpty()) {
            throw new MckException(MckException.Kind.AWS_ACCESS, "ECR GetAuthorizationToken returned no authorization data");
        }
        AuthorizationData data = r.authorizationData().get(0);
        return new Login(hostOf(data.proxyEndpoint()), decode(data.authorizationToken()));
    }

    static RegistryLogin decode(String token) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MckException(MckException.Kind.AWS_ACCESS, "ECR authorization token is not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new MckException(MckException.Kind.AWS_ACCESS, "ECR authorization token is not user:password");
        }
        return new RegistryLogin(decoded.substring(0, colon), decoded.substring(colon + 1), "ECR GetAuthorizationToken");
    }

    static String hostOf(String proxyEndpoint) {
        if (proxyEndpoint == null || proxyEndpoint.isBlank()) {
            throw new MckException(MckException.Kind.AWS_ACCESS, "ECR GetAuthorizationToken returned no proxyEndpoint");
        }
        URI uri = URI.create(proxyEndpoint.contains("://") ? proxyEndpoint : "https://" + proxyEndpoint);
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    /** Creates the repository when missing; true when it was created. */
    public boolean ensureRepository(String name, EventSink events) {
        try {
            aws.call("describe ECR repository " + name, () -> aws.ecr().describeRepositories(r -> r.repositoryNames(name)));
            return false;
        } catch (RepositoryNotFoundException e) {
            // Created below.
        }
        aws.call("create ECR repository " + name, () -> aws.ecr().createRepository(r -> r
                .repositoryName(name)
                .imageTagMutability(ImageTagMutability.IMMUTABLE)
                .imageScanningConfiguration(s -> s.scanOnPush(true))));
        String policy = lifecyclePolicy();
        aws.call("put the lifecycle policy of ECR repository " + name,
                () -> aws.ecr().putLifecyclePolicy(r -> r.repositoryName(name).lifecyclePolicyText(policy)));
        events.info("created ECR repository " + name + " (scan on push, immutable tags, lifecycle policy)");
        return true;
    }

    static String lifecyclePolicy() {
        try (InputStream in = EcrRegistryAccess.class.getResourceAsStream(LIFECYCLE_POLICY)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + LIFECYCLE_POLICY);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
