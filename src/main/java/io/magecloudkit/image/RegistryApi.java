package io.magecloudkit.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magecloudkit.MckException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few Docker Registry HTTP API v2 calls the builder makes itself (Jib does the pushing):
 * does a tag exist, and with which digest. Speaks Basic auth (docker-registry with htpasswd, ECR)
 * and the Bearer token flow (Docker Hub and most hosted registries). Plain HTTP only to loopback.
 */
final class RegistryApi {
    static final String ACCEPT = String.join(", ",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    private final String host;
    private final RegistryLogin login;
    private final Map<String, String> bearerByScope = new HashMap<>();

    RegistryApi(String host, RegistryLogin login) {
        this.host = host;
        this.login = login;
    }

    private String base() {
        return (Target.isLoopback(host) ? "http://" : "https://") + host;
    }

    /** The digest the tag points at, or empty when the repository or tag does not exist. */
    Optional<String> manifestDigest(String repository, String reference) {
        HttpResponse<Void> r = send(repository, "HEAD", "/v2/" + repository + "/manifests/" + reference);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() / 100 != 2) {
            throw new MckException(MckException.Kind.OPERATION_FAILED, "registry " + host + " answered "
                    + r.statusCode() + " to HEAD manifest " + repository + ":" + reference);
        }
        return r.headers().firstValue("Docker-Content-Digest");
    }

    private HttpResponse<Void> send(String repository, String method, String path) {
        String scope = "repository:" + repository + ":pull";
        try {
            HttpResponse<Void> r = http.send(request(method, path, authorization(scope)), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() == 401) {
                String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
                String auth;
                if (challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
                    auth = "Bearer " + bearerToken(challenge, scope);
                    bearerByScope.put(scope, auth);
                } else if (login != null) {
                    auth = basic();
                } else {
                    throw refused("no credentials were given");
                }
                r = http.send(request(method, path, auth), HttpResponse.BodyHandlers.discarding());
            }
            if (r.statusCode() == 401 || r.statusCode() == 403) {
                throw refused("HTTP " + r.statusCode());
            }
            return r;
        } catch (IOException e) {
            throw new MckException(MckException.Kind.OPERATION_FAILED, "cannot reach registry " + host + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MckException(MckException.Kind.OPERATION_FAILED, "interrupted while asking registry " + host);
        }
    }

    private RegistryAccessException refused(String why) {
        String who = login == null ? "anonymous access" : "the credentials for user " + login.username();
        return new RegistryAccessException("registry " + host + " refused " + who + " (" + why + ")");
    }

    private String authorization(String scope) {
        return bearerByScope.get(scope);
    }

    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (login.username() + ":" + login.password()).getBytes(StandardCharsets.UTF_8));
    }

    private String bearerToken(String challenge, String scope) throws IOException, InterruptedException {
        Map<String, String> params = new HashMap<>();
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
        }
        String realm = params.get("realm");
        if (realm == null) {
            throw new MckException(MckException.Kind.OPERATION_FAILED, "registry " + host + " asked for a token without a realm");
        }
        StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?")
                .append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        if (params.containsKey("service")) {
            url.append("&service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8));
        }
        HttpResponse<String> r = http.send(request("GET", URI.create(url.toString()), login == null ? null : basic()),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw refused("token service answered " + r.statusCode());
        }
        if (r.statusCode() / 100 != 2) {
            throw new MckException(MckException.Kind.OPERATION_FAILED, "token service of " + host + " answered " + r.statusCode());
        }
        JsonNode body = JSON.readTree(r.body());
        JsonNode token = body.has("token") ? body.get("token") : body.get("access_token");
        if (token == null) {
            throw new MckException(MckException.Kind.OPERATION_FAILED, "token service of " + host + " gave no token");
        }
        return token.asText();
    }

    private HttpRequest request(String method, String path, String auth) {
        return request(method, URI.create(base() + path), auth);
    }

    private static HttpRequest request(String method, URI uri, String auth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Accept", ACCEPT)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return b.build();
    }
}
