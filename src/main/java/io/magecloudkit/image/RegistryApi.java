package io.magecloudkit.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magecloudkit.MckException;
import io.magecloudkit.Messages;
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
 * Credentials go only to the registry itself and to its token realm, over HTTPS (plain HTTP only on
 * loopback); redirects are followed here, and one to another host, scheme or port goes without them
 * (registries send downloads to S3 or a CDN).
 */
final class RegistryApi {
    static final String ACCEPT = String.join(", ",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final int MAX_REDIRECTS = 5;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
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
        return headManifest(repository, reference).flatMap(r -> r.headers().firstValue("Docker-Content-Digest"));
    }

    /** Whether the manifest exists (a registry need not send Docker-Content-Digest for a HEAD by digest). */
    boolean manifestExists(String repository, String reference) {
        return headManifest(repository, reference).isPresent();
    }

    private Optional<HttpResponse<Void>> headManifest(String repository, String reference) {
        HttpResponse<Void> r = send(repository, "HEAD", "/v2/" + repository + "/manifests/" + reference);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() / 100 != 2) {
            throw new MckException(MckException.Kind.OPERATION_FAILED, "registry " + host + " answered "
                    + r.statusCode() + " to HEAD manifest " + repository + (reference.startsWith("sha256:") ? "@" : ":") + reference);
        }
        return Optional.of(r);
    }

    private HttpResponse<Void> send(String repository, String method, String path) {
        String scope = "repository:" + repository + ":pull";
        try {
            URI uri = URI.create(base() + path);
            HttpResponse<Void> r = exchange(method, uri, authorization(scope), HttpResponse.BodyHandlers.discarding());
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
                r = exchange(method, uri, auth, HttpResponse.BodyHandlers.discarding());
            }
            if (r.statusCode() == 401 || r.statusCode() == 403) {
                throw refused("HTTP " + r.statusCode());
            }
            return r;
        } catch (IOException e) {
            throw new RegistryAccessException("cannot reach registry " + host + ": " + why(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MckException(MckException.Kind.OPERATION_FAILED, "interrupted while asking registry " + host);
        }
    }

    /** The network failure in words (a user line names no Java class). */
    static String why(IOException e) {
        // The HTTP client wraps the socket's failure: the first known kind along the chain says it.
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof java.net.NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (t instanceof java.net.http.HttpTimeoutException || t instanceof java.net.SocketTimeoutException) {
                return "timed out";
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return "TLS handshake failed" + (t.getMessage() == null ? "" : " (" + Messages.firstLine(t.getMessage()) + ")");
            }
        }
        return e.getMessage() == null ? "the connection failed" : Messages.firstLine(e.getMessage());
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
        URI realmUri;
        try {
            realmUri = URI.create(url.toString());
        } catch (IllegalArgumentException e) {
            throw new RegistryAccessException("registry " + host + " named a token realm that is not a URL: " + realm);
        }
        if (login != null && !mayCarryCredentials(realmUri)) {
            throw new RegistryAccessException("registry " + host + " asked for credentials at " + realmUri.getScheme() + "://"
                    + realmUri.getAuthority() + "; they are sent only over https (plain http only to this machine)");
        }
        HttpResponse<String> r = exchange("GET", realmUri, login == null ? null : basic(), HttpResponse.BodyHandlers.ofString());
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

    /**
     * Sends a request and follows up to {@value #MAX_REDIRECTS} redirects itself: the Authorization
     * header goes along only while scheme, host and port stay those of the first request.
     */
    private <T> HttpResponse<T> exchange(String method, URI uri, String auth, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        URI at = uri;
        String credentials = auth;
        for (int hop = 0; ; hop++) {
            HttpResponse<T> r = http.send(request(method, at, credentials), body);
            int status = r.statusCode();
            boolean redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
            if (!redirect || hop == MAX_REDIRECTS) {
                return r;
            }
            String location = r.headers().firstValue("Location").orElse(null);
            if (location == null) {
                return r;
            }
            URI next = at.resolve(location);
            if (!"http".equalsIgnoreCase(next.getScheme()) && !"https".equalsIgnoreCase(next.getScheme())) {
                throw new MckException(MckException.Kind.OPERATION_FAILED, "registry " + host + " redirected to a "
                        + next.getScheme() + " URL");
            }
            if (credentials != null && !sameOrigin(uri, next)) {
                credentials = null;
            }
            at = next;
        }
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /** Credentials travel only encrypted, or to this machine. */
    static boolean mayCarryCredentials(URI u) {
        if ("https".equalsIgnoreCase(u.getScheme())) {
            return true;
        }
        String h = u.getHost();
        return "http".equalsIgnoreCase(u.getScheme()) && h != null
                && Target.isLoopback(h.startsWith("[") || !h.contains(":") ? h : "[" + h + "]");
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
