package dev.railyard.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for coderd on 127.0.0.1: the endpoints Railyard calls, with the paths, status codes,
 * fields and session header of coder/coder's codersdk (docs/upstream-facts.md, "Coder API"). It keeps
 * state (the first user, sessions, uploaded files, template versions, templates) so that a second run
 * can be checked to change nothing. A template version's import job is "pending" when created and
 * "succeeded" on the next read, unless {@link #failImports} says otherwise. Ids are counters, so runs
 * are repeatable.
 */
public final class StandInCoder implements AutoCloseable {

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    public final List<String> requests = new CopyOnWriteArrayList<>();
    /** Every request body as text (to prove a password or token never went elsewhere). */
    public final List<String> bodies = new CopyOnWriteArrayList<>();

    private volatile boolean healthy = true;
    private volatile boolean failImports;
    private volatile String healthReport = "{\"severity\":\"ok\",\"healthy\":true}";
    private volatile Map<String, String> firstUser;
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> versions = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> templates = new ConcurrentHashMap<>();
    private int nextId = 1;
    public final String organizationId = id();

    /**
     * A fresh cluster's report as coderd gives it where its DERP relay runs over websockets: one warning,
     * EDERP01, which Railyard reports as RY-CODER-006 (the end-to-end tests' expected verdict).
     */
    public static final String HEALTH_DERP_OVER_WEBSOCKETS = """
            {"severity":"warning","coder_version":"v2.29.1",
             "database":{"severity":"ok","warnings":[],"dismissed":false},
             "derp":{"severity":"warning","warnings":[{"Code":"EDERP01","Message":"Node uses websockets"}],"dismissed":false},
             "provisioner_daemons":{"severity":"ok","warnings":[],"items":[{"provisioner_daemon":{"name":"built-in"}}]}}
            """;

    public StandInCoder() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void healthy(boolean value) {
        healthy = value;
    }

    public void failImports(boolean value) {
        failImports = value;
    }

    public void healthReport(String reportJson) {
        healthReport = reportJson;
    }

    public boolean hasFirstUser() {
        return firstUser != null;
    }

    public int templateCount() {
        return templates.size();
    }

    public int versionCount() {
        return versions.size();
    }

    public int fileCount() {
        return files.size();
    }

    public List<byte[]> uploadedFiles() {
        return new ArrayList<>(files.values());
    }

    /** Names of the templates with the name of their active version. */
    public synchronized Map<String, String> activeVersions() {
        Map<String, String> out = new LinkedHashMap<>();
        templates.forEach((name, t) -> out.put(name, versions.get(t.path("active_version_id").asText()).path("name").asText()));
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private synchronized String id() {
        return String.format("00000000-0000-4000-8000-%012d", nextId++);
    }

    private synchronized void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        requests.add(method + " " + path);
        byte[] raw = ex.getRequestBody().readAllBytes();
        String body = new String(raw, StandardCharsets.UTF_8);
        bodies.add(body);
        if (path.equals("/healthz")) {
            send(ex, healthy ? 200 : 503, healthy ? "OK" : "");
            return;
        }
        if (path.equals("/api/v2/users/first")) {
            if (method.equals("GET")) {
                if (firstUser == null) sendMessage(ex, 404, "The initial user has not been created!");
                else sendMessage(ex, 200, "The initial user has already been created!");
                return;
            }
            if (firstUser != null) {
                sendMessage(ex, 409, "The initial user has already been created.");
                return;
            }
            JsonNode req = json.readTree(body);
            for (String field : List.of("email", "username", "password")) {
                if (req.path(field).asText("").isEmpty()) {
                    sendMessage(ex, 400, "Validation failed: " + field + " is required");
                    return;
                }
            }
            firstUser = Map.of("email", req.path("email").asText(), "username", req.path("username").asText(),
                    "password", req.path("password").asText(), "id", id());
            send(ex, 201, "{\"user_id\":\"" + firstUser.get("id") + "\",\"organization_id\":\"" + organizationId + "\"}");
            return;
        }
        if (path.equals("/api/v2/users/login") && method.equals("POST")) {
            JsonNode req = json.readTree(body);
            if (firstUser == null || !firstUser.get("email").equals(req.path("email").asText())
                    || !firstUser.get("password").equals(req.path("password").asText())) {
                sendMessage(ex, 401, "Incorrect email or password.");
                return;
            }
            String token = "standin-session-" + id();
            sessions.add(token);
            send(ex, 201, "{\"session_token\":\"" + token + "\"}");
            return;
        }
        if (path.startsWith("/api/v2/") && !sessions.contains(String.valueOf(ex.getRequestHeaders().getFirst("Coder-Session-Token")))) {
            sendMessage(ex, 401, "You must be logged in to use this endpoint.");
            return;
        }
        Matcher m;
        if (path.equals("/api/v2/organizations/default") && method.equals("GET")) {
            send(ex, 200, "{\"id\":\"" + organizationId + "\",\"name\":\"coder\",\"is_default\":true}");
        } else if (path.equals("/api/v2/files") && method.equals("POST")) {
            if (!"application/x-tar".equals(ex.getRequestHeaders().getFirst("Content-Type"))) {
                sendMessage(ex, 400, "Unsupported content type header \"" + ex.getRequestHeaders().getFirst("Content-Type") + "\".");
                return;
            }
            String hash = id();
            files.put(hash, raw);
            send(ex, 201, "{\"hash\":\"" + hash + "\"}");
        } else if ((m = match("/api/v2/organizations/([^/]+)/templateversions", path)) != null && method.equals("POST")) {
            JsonNode req = json.readTree(body);
            if (!organizationId.equals(m.group(1)) || !"file".equals(req.path("storage_method").asText())
                    || !"terraform".equals(req.path("provisioner").asText()) || !files.containsKey(req.path("file_id").asText())) {
                sendMessage(ex, 400, "Validation failed: storage_method file, provisioner terraform and an uploaded file_id are required");
                return;
            }
            ObjectNode v = json.createObjectNode().put("id", id()).put("name", req.path("name").asText());
            if (req.hasNonNull("template_id")) v.put("template_id", req.path("template_id").asText());
            v.putObject("job").put("status", "pending");
            versions.put(v.path("id").asText(), v);
            send(ex, 201, v.toString());
        } else if ((m = match("/api/v2/templateversions/([^/]+)", path)) != null && method.equals("GET")) {
            ObjectNode v = versions.get(m.group(1));
            if (v == null) {
                sendMessage(ex, 404, "Resource not found.");
                return;
            }
            if ("pending".equals(v.path("job").path("status").asText())) {
                if (failImports) ((ObjectNode) v.path("job")).put("status", "failed").put("error", "terraform init: stand-in failure");
                else ((ObjectNode) v.path("job")).put("status", "succeeded");
            }
            send(ex, 200, v.toString());
        } else if ((m = match("/api/v2/organizations/([^/]+)/templates", path)) != null && method.equals("POST")) {
            JsonNode req = json.readTree(body);
            String name = req.path("name").asText();
            ObjectNode v = versions.get(req.path("template_version_id").asText());
            if (templates.containsKey(name)) {
                sendMessage(ex, 409, "Template with name \"" + name + "\" already exists.");
            } else if (v == null || !"succeeded".equals(v.path("job").path("status").asText())) {
                sendMessage(ex, 400, "Template version import job has not completed.");
            } else {
                ObjectNode t = json.createObjectNode().put("id", id()).put("name", name)
                        .put("display_name", req.path("display_name").asText()).put("active_version_id", v.path("id").asText())
                        .put("organization_id", organizationId);
                v.put("template_id", t.path("id").asText());
                templates.put(name, t);
                send(ex, 201, t.toString());
            }
        } else if ((m = match("/api/v2/organizations/([^/]+)/templates/([^/]+)", path)) != null && method.equals("GET")) {
            ObjectNode t = templates.get(m.group(2));
            if (t == null) sendMessage(ex, 404, "Resource not found or you do not have access to this resource");
            else send(ex, 200, t.toString());
        } else if ((m = match("/api/v2/templates/([^/]+)/versions/([^/]+)", path)) != null && method.equals("GET")) {
            String templateId = m.group(1);
            String versionName = m.group(2);
            ObjectNode found = versions.values().stream().filter(v -> templateId.equals(v.path("template_id").asText())
                    && versionName.equals(v.path("name").asText())).findFirst().orElse(null);
            if (found == null) sendMessage(ex, 404, "No template version found by name \"" + versionName + "\".");
            else send(ex, 200, found.toString());
        } else if ((m = match("/api/v2/templates/([^/]+)/versions", path)) != null && method.equals("PATCH")) {
            String versionId = json.readTree(body).path("id").asText();
            String templateId = m.group(1);
            ObjectNode t = templates.values().stream().filter(x -> x.path("id").asText().equals(templateId)).findFirst().orElse(null);
            ObjectNode v = versions.get(versionId);
            if (t == null || v == null || !templateId.equals(v.path("template_id").asText())) {
                sendMessage(ex, 400, "Template version is not attached to this template.");
            } else if (versionId.equals(t.path("active_version_id").asText())) {
                send(ex, 304, "");
            } else {
                t.put("active_version_id", versionId);
                sendMessage(ex, 200, "Updated the active template version!");
            }
        } else if (path.equals("/api/v2/debug/health") && method.equals("GET")) {
            send(ex, 200, healthReport);
        } else {
            sendMessage(ex, 404, "Route not found in the stand-in: " + method + " " + path);
        }
    }

    private static Matcher match(String regex, String path) {
        Matcher m = Pattern.compile(regex).matcher(path);
        return m.matches() ? m : null;
    }

    private void sendMessage(HttpExchange ex, int status, String message) throws IOException {
        send(ex, status, json.createObjectNode().put("message", message).toString());
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        if (status == 304 || bytes.length == 0) {
            ex.sendResponseHeaders(status, -1);
        } else {
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
        ex.close();
    }
}
