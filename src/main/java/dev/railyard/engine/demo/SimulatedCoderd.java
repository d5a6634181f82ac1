package dev.railyard.engine.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.railyard.engine.coder.CoderApi;
import dev.railyard.engine.coder.CoderTransport;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's coderd, answering in memory (no socket: the demo runs with the network down) the part of Coder's API
 * Railyard calls, with the paths, status codes and fields of codersdk that {@link CoderApi} parses: {@code /healthz},
 * the first user, login, the default organization, file upload, template versions and templates, and
 * {@code /api/v2/debug/health}. It answers only once the simulated cluster has coderd rolled out, and its state (the
 * owner, sessions, files, versions, templates) is kept so a second run changes nothing. When the template exists it
 * tells the cluster, which then starts the owner's first workspace from it, as a person following the run's summary
 * would.
 */
final class SimulatedCoderd implements CoderTransport {

    /** The version the simulated coderd reports. */
    static final String VERSION = "v2.24.2";

    private final ObjectMapper json = new ObjectMapper();
    private final SimulatedCluster cluster;
    private final String organizationId;
    private Map<String, String> firstUser;
    private final Set<String> sessions = new HashSet<>();
    private final Set<String> files = new HashSet<>();
    private final Map<String, ObjectNode> versions = new LinkedHashMap<>();
    private final Map<String, ObjectNode> templates = new LinkedHashMap<>();
    private int nextId = 1;

    SimulatedCoderd(SimulatedCluster cluster) {
        this.cluster = cluster;
        this.organizationId = id();
    }

    private String id() {
        return String.format("5e7a1d00-0000-4000-8000-%012d", nextId++);
    }

    @Override
    public synchronized Response send(Request request) throws IOException {
        if (!cluster.coderdServing()) {
            throw new java.net.ConnectException("simulated coderd: connection refused (coderd is not running yet)");
        }
        String method = request.method();
        String path = request.uri().getPath();
        boolean jsonBody = request.body() != null && "application/json".equals(request.header("Content-Type")) && !request.bodyText().isBlank();
        JsonNode body = jsonBody ? json.readTree(request.bodyText()) : json.createObjectNode();
        if (path.equals("/healthz")) return new Response(200, "OK");
        if (path.equals("/api/v2/users/first")) {
            if (method.equals("GET")) {
                return firstUser == null ? message(404, "The initial user has not been created!") : message(200, "The initial user has already been created!");
            }
            if (firstUser != null) return message(409, "The initial user has already been created.");
            for (String field : List.of("email", "username", "password")) {
                if (body.path(field).asText("").isEmpty()) return message(400, "Validation failed: " + field + " is required");
            }
            firstUser = Map.of("email", body.path("email").asText(), "username", body.path("username").asText(),
                    "password", body.path("password").asText(), "id", id());
            return ok(201, json.createObjectNode().put("user_id", firstUser.get("id")).put("organization_id", organizationId));
        }
        if (path.equals("/api/v2/users/login") && method.equals("POST")) {
            if (firstUser == null || !firstUser.get("email").equals(body.path("email").asText())
                    || !firstUser.get("password").equals(body.path("password").asText())) {
                return message(401, "Incorrect email or password.");
            }
            String token = "simulated-session-" + id();
            sessions.add(token);
            return ok(201, json.createObjectNode().put("session_token", token));
        }
        if (path.startsWith("/api/v2/") && !sessions.contains(String.valueOf(request.header(CoderApi.SESSION_HEADER)))) {
            return message(401, "You must be logged in to use this endpoint.");
        }
        Matcher m;
        if (path.equals("/api/v2/organizations/" + CoderApi.DEFAULT_ORGANIZATION) && method.equals("GET")) {
            return ok(200, json.createObjectNode().put("id", organizationId).put("name", "coder").put("is_default", true));
        }
        if (path.equals("/api/v2/files") && method.equals("POST")) {
            if (!CoderApi.CONTENT_TYPE_TAR.equals(request.header("Content-Type"))) {
                return message(400, "Unsupported content type header \"" + request.header("Content-Type") + "\".");
            }
            String hash = id();
            files.add(hash);
            return ok(201, json.createObjectNode().put("hash", hash));
        }
        if ((m = match("/api/v2/organizations/([^/]+)/templateversions", path)) != null && method.equals("POST")) {
            if (!organizationId.equals(m.group(1)) || !"file".equals(body.path("storage_method").asText())
                    || !"terraform".equals(body.path("provisioner").asText()) || !files.contains(body.path("file_id").asText())) {
                return message(400, "Validation failed: storage_method file, provisioner terraform and an uploaded file_id are required");
            }
            ObjectNode v = json.createObjectNode().put("id", id()).put("name", body.path("name").asText());
            if (body.hasNonNull("template_id")) v.put("template_id", body.path("template_id").asText());
            v.putObject("job").put("status", "pending");
            versions.put(v.path("id").asText(), v);
            return ok(201, v);
        }
        if ((m = match("/api/v2/templateversions/([^/]+)", path)) != null && method.equals("GET")) {
            ObjectNode v = versions.get(m.group(1));
            if (v == null) return message(404, "Resource not found.");
            // the built-in provisioner imports the template (terraform init and plan) between two reads
            if ("pending".equals(v.path("job").path("status").asText())) ((ObjectNode) v.path("job")).put("status", "succeeded");
            return ok(200, v);
        }
        if ((m = match("/api/v2/organizations/([^/]+)/templates", path)) != null && method.equals("POST")) {
            String name = body.path("name").asText();
            ObjectNode v = versions.get(body.path("template_version_id").asText());
            if (templates.containsKey(name)) return message(409, "Template with name \"" + name + "\" already exists.");
            if (v == null || !"succeeded".equals(v.path("job").path("status").asText())) return message(400, "Template version import job has not completed.");
            ObjectNode t = json.createObjectNode().put("id", id()).put("name", name).put("display_name", body.path("display_name").asText())
                    .put("active_version_id", v.path("id").asText()).put("organization_id", organizationId);
            v.put("template_id", t.path("id").asText());
            templates.put(name, t);
            cluster.templatePushed(firstUser.get("username"));
            return ok(201, t);
        }
        if ((m = match("/api/v2/organizations/([^/]+)/templates/([^/]+)", path)) != null && method.equals("GET")) {
            ObjectNode t = templates.get(m.group(2));
            return t == null ? message(404, "Resource not found or you do not have access to this resource") : ok(200, t);
        }
        if ((m = match("/api/v2/templates/([^/]+)/versions/([^/]+)", path)) != null && method.equals("GET")) {
            String templateId = m.group(1);
            String versionName = m.group(2);
            return versions.values().stream().filter(v -> templateId.equals(v.path("template_id").asText()) && versionName.equals(v.path("name").asText()))
                    .findFirst().map(v -> ok(200, v)).orElseGet(() -> message(404, "No template version found by name \"" + versionName + "\"."));
        }
        if ((m = match("/api/v2/templates/([^/]+)/versions", path)) != null && method.equals("PATCH")) {
            String versionId = body.path("id").asText();
            String templateId = m.group(1);
            ObjectNode t = templates.values().stream().filter(x -> x.path("id").asText().equals(templateId)).findFirst().orElse(null);
            ObjectNode v = versions.get(versionId);
            if (t == null || v == null || !templateId.equals(v.path("template_id").asText())) {
                return message(400, "Template version is not attached to this template.");
            }
            if (versionId.equals(t.path("active_version_id").asText())) return new Response(304, "");
            t.put("active_version_id", versionId);
            return message(200, "Updated the active template version!");
        }
        if (path.equals("/api/v2/debug/health") && method.equals("GET")) return ok(200, healthReport());
        return message(404, "Route not found: " + method + " " + path);
    }

    /**
     * healthsdk.HealthcheckReport as far as Railyard reads it: coderd itself runs on the manager, beside CoreDNS and its
     * database, so its own checks pass; what breaks is the workspace on the other node (RY-DNS-001 shows that).
     */
    private ObjectNode healthReport() {
        ObjectNode r = json.createObjectNode().put("healthy", true).put("severity", "ok").put("coder_version", VERSION);
        for (String section : List.of("access_url", "database", "websocket", "derp", "workspace_proxy")) {
            r.putObject(section).put("healthy", true).put("severity", "ok").putArray("warnings");
        }
        ObjectNode daemons = r.putObject("provisioner_daemons").put("severity", "ok");
        daemons.putArray("warnings");
        daemons.putArray("items").addObject().putObject("provisioner_daemon").put("name", "coder-built-in").put("version", VERSION);
        return r;
    }

    private Response ok(int status, JsonNode body) {
        return new Response(status, body.toString());
    }

    private Response message(int status, String message) {
        return new Response(status, json.createObjectNode().put("message", message).toString());
    }

    private static Matcher match(String regex, String path) {
        Matcher m = Pattern.compile(regex).matcher(path);
        return m.matches() ? m : null;
    }
}
