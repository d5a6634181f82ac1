package dev.railyard.engine.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a registry whether an image's manifest exists, through the OCI distribution API: {@code HEAD
 * /v2/<name>/manifests/<reference>} (GET when a registry refuses HEAD), with the Accept header of every
 * manifest type an image can have. When the registry answers 401 with {@code WWW-Authenticate: Bearer
 * realm=...,service=...,scope=...}, an anonymous pull token is fetched from the realm and the request
 * repeated with it (distribution's docs/content/spec/auth/token.md). Registries are spoken to over https;
 * only a registry on a loopback address (a local mirror, a test's stand-in) may be plain http.
 */
public final class RegistryClient implements ImageRegistry {

    /** OCI index and manifest, Docker manifest list and schema 2 manifest: what an image's tag can point at. */
    static final String ACCEPT = String.join(", ",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v2+json");

    private static final Pattern PARAM = Pattern.compile("([A-Za-z]+)=\"([^\"]*)\"");

    public enum Status { PRESENT, MISSING, UNREACHABLE }

    /** What the registry said about one image; {@code detail} is what to show a person. */
    public record Result(String image, Status status, String detail) {}

    private final HttpClient http;
    private final Duration timeout;
    /** Every registry is asked at this base instead (a test's stand-in, a pull-through mirror); null: each registry's own. */
    private final URI override;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    public RegistryClient(Duration timeout, URI override) {
        this.timeout = timeout;
        this.override = override;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The base URL the registry of {@code ref} is asked at: https, or http for a loopback host. */
    public URI base(ImageRef ref) {
        if (override != null) return override;
        String host = ref.apiHost();
        return URI.create((isLoopback(host) ? "http://" : "https://") + host);
    }

    @Override
    public Result check(String image) {
        ImageRef ref;
        try {
            ref = ImageRef.parse(image);
        } catch (IllegalArgumentException e) {
            return new Result(image, Status.MISSING, e.getMessage());
        }
        URI url = URI.create(base(ref).toString().replaceAll("/+$", "") + "/v2/" + ref.path() + "/manifests/" + ref.reference());
        try {
            HttpResponse<Void> r = send(url, "HEAD", null);
            if (r.statusCode() == 401) {
                Optional<String> token = token(r, ref);
                if (token.isPresent()) r = send(url, "HEAD", token.get());
            }
            if (r.statusCode() == 405 || r.statusCode() == 501) {
                // some registries only answer GET for manifests
                String token = tokens.get(ref.apiHost() + "/" + ref.path());
                r = send(url, "GET", token);
            }
            return switch (r.statusCode()) {
                case 200 -> new Result(image, Status.PRESENT, "present");
                case 404 -> new Result(image, Status.MISSING, "not found (HTTP 404)");
                case 401, 403 -> new Result(image, Status.MISSING, "denied to an anonymous pull (HTTP " + r.statusCode()
                        + "): the image is gone or private");
                default -> new Result(image, Status.UNREACHABLE, url.getHost() + " answered HTTP " + r.statusCode());
            };
        } catch (IOException e) {
            return new Result(image, Status.UNREACHABLE, url.getScheme() + "://" + url.getAuthority() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(image, Status.UNREACHABLE, "interrupted");
        }
    }

    private HttpResponse<Void> send(URI url, String method, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(timeout).header("Accept", ACCEPT)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding());
    }

    /** The anonymous token flow: the challenge's realm, asked for its service and scope (pull of this repository). */
    private Optional<String> token(HttpResponse<?> challenge, ImageRef ref) throws IOException, InterruptedException {
        Map<String, String> params = bearerChallenge(challenge.headers().firstValue("WWW-Authenticate").orElse(""));
        String realm = params.get("realm");
        if (realm == null) return Optional.empty();
        URI realmUri = URI.create(realm);
        if (!"https".equals(realmUri.getScheme()) && !("http".equals(realmUri.getScheme()) && isLoopback(realmUri.getHost()))) {
            throw new IOException("the registry's token service " + realm + " is not https");
        }
        String scope = params.getOrDefault("scope", "repository:" + ref.path() + ":pull");
        StringBuilder q = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?");
        if (params.containsKey("service")) q.append("service=").append(enc(params.get("service"))).append('&');
        q.append("scope=").append(enc(scope));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(q.toString())).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) return Optional.empty();
        JsonNode body = json.readTree(r.body());
        String token = body.path("token").asText(body.path("access_token").asText(""));
        if (token.isEmpty()) return Optional.empty();
        tokens.put(ref.apiHost() + "/" + ref.path(), token);
        return Optional.of(token);
    }

    /** The parameters of a {@code Bearer} challenge; empty for any other scheme. */
    static Map<String, String> bearerChallenge(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        String h = header.strip();
        if (!h.regionMatches(true, 0, "Bearer ", 0, 7)) return out;
        Matcher m = PARAM.matcher(h.substring(7));
        while (m.find()) out.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** localhost, 127.0.0.0/8 and ::1, written as such: no name is resolved to decide. */
    static boolean isLoopback(String hostAndPort) {
        if (hostAndPort == null) return false;
        String host = hostAndPort;
        if (host.startsWith("[")) host = host.substring(1, Math.max(1, host.indexOf(']')));
        else if (host.indexOf(':') == host.lastIndexOf(':') && host.contains(":")) host = host.substring(0, host.indexOf(':'));
        if (host.equals("localhost")) return true;
        if (!host.matches("[0-9.]+") && !host.contains(":")) return false;
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
