package dev.railyard.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A stand-in for an OCI registry on 127.0.0.1 (never a real one): answers {@code HEAD}/{@code GET
 * /v2/<name>/manifests/<reference>} as the distribution spec says, 200 with a Docker-Content-Digest for the
 * manifests it holds and 404 {@code MANIFEST_UNKNOWN} for the rest. With {@code tokenRequired} it first answers
 * 401 with a {@code WWW-Authenticate: Bearer realm,service,scope} challenge and hands anonymous pull tokens at
 * {@code /token}, as Docker Hub and gcr.io do; with {@code refuseHead} it answers HEAD with 405.
 */
public final class StandInRegistry implements AutoCloseable {

    public static final String TOKEN = "stand-in-anonymous-pull-token";
    public static final String SERVICE = "stand-in-registry";

    private final HttpServer server;
    private final Set<String> manifests = ConcurrentHashMap.newKeySet();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean tokenRequired;
    private volatile boolean refuseHead;

    private StandInRegistry(HttpServer server) {
        this.server = server;
    }

    public static StandInRegistry start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        StandInRegistry registry = new StandInRegistry(server);
        server.createContext("/", registry::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return registry;
    }

    /** host:port, as an image reference's registry part. */
    public String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public URI url() {
        return URI.create("http://" + hostPort());
    }

    /** Holds the manifest of {@code path:reference} from now on ({@code path} without the registry). */
    public StandInRegistry add(String path, String reference) {
        manifests.add(path + ":" + reference);
        return this;
    }

    public StandInRegistry tokenRequired(boolean value) {
        tokenRequired = value;
        return this;
    }

    public StandInRegistry refuseHead(boolean value) {
        refuseHead = value;
        return this;
    }

    /** "METHOD path [Authorization]" of every request so far. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        requests.add(ex.getRequestMethod() + " " + ex.getRequestURI() + (auth == null ? "" : " [" + auth + "]"));
        try (ex) {
            if (path.equals("/token")) {
                String query = ex.getRequestURI().getQuery();
                if (query == null || !query.contains("service=" + SERVICE) || !query.contains("scope=repository")) {
                    send(ex, 400, "{\"errors\":[{\"code\":\"UNSUPPORTED\"}]}");
                } else {
                    send(ex, 200, "{\"token\":\"" + TOKEN + "\",\"expires_in\":300}");
                }
                return;
            }
            if (!path.startsWith("/v2/") || !path.contains("/manifests/")) {
                send(ex, 404, "{\"errors\":[{\"code\":\"NOT_FOUND\"}]}");
                return;
            }
            String name = path.substring(4, path.indexOf("/manifests/"));
            String reference = path.substring(path.indexOf("/manifests/") + "/manifests/".length());
            if (tokenRequired && !("Bearer " + TOKEN).equals(auth)) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + url() + "/token\",service=\"" + SERVICE
                        + "\",scope=\"repository:" + name + ":pull\"");
                send(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
                return;
            }
            if (refuseHead && ex.getRequestMethod().equals("HEAD")) {
                send(ex, 405, "");
                return;
            }
            String accept = String.valueOf(ex.getRequestHeaders().getFirst("Accept"));
            if (!manifests.contains(name + ":" + reference)) {
                send(ex, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}");
            } else if (!accept.contains("application/vnd.oci.image.index.v1+json")
                    || !accept.contains("application/vnd.docker.distribution.manifest.v2+json")) {
                // a registry may refuse to convert an index it cannot serve in an accepted type
                send(ex, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"no acceptable media type\"}]}");
            } else {
                ex.getResponseHeaders().add("Content-Type", "application/vnd.oci.image.index.v1+json");
                ex.getResponseHeaders().add("Docker-Content-Digest", "sha256:" + "0".repeat(64));
                send(ex, 200, "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}");
            }
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Docker-Distribution-API-Version", "registry/2.0");
        if (ex.getRequestMethod().equals("HEAD") || bytes.length == 0) {
            ex.sendResponseHeaders(status, -1);
        } else {
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
