package dev.railyard.engine.coder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The part of Coder's REST API (coderd, {@code /api/v2}) that provisioning and health use. Paths,
 * fields, status codes and the session header were read in coder/coder's codersdk (see
 * docs/upstream-facts.md, "Coder API"). The base URL is a parameter so tests answer from a stand-in on
 * 127.0.0.1. Passwords and tokens go only into request bodies and the session header: never into an
 * exception message, so nothing here can leak them into a log.
 */
public final class CoderApi {

    /** codersdk.SessionTokenHeader. */
    public static final String SESSION_HEADER = "Coder-Session-Token";
    /** codersdk.ContentTypeTar: what POST /api/v2/files is told a template archive is. */
    public static final String CONTENT_TYPE_TAR = "application/x-tar";
    /** codersdk.DefaultOrganization: the organizations route takes a name or an id. */
    public static final String DEFAULT_ORGANIZATION = "default";
    private static final String JSON = "application/json";

    private final CoderTransport transport;
    private final URI base;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    public CoderApi(HttpClient http, URI base, Duration timeout) {
        this(CoderTransport.over(http), base, timeout);
    }

    /** {@code transport}: how requests reach coderd (HTTP, or the demo's simulation). */
    public CoderApi(CoderTransport transport, URI base, Duration timeout) {
        this.transport = transport;
        this.base = base;
        this.timeout = timeout;
    }

    public URI base() {
        return base;
    }

    /** A template as {@code GET /api/v2/organizations/{org}/templates/{name}} returns it. */
    public record Template(String id, String name, String activeVersionId) {}

    /**
     * A template version; {@code jobStatus} is codersdk.ProvisionerJobStatus (pending, running,
     * succeeded, canceling, canceled, failed) and {@code jobError} its job's error text.
     */
    public record TemplateVersion(String id, String name, String jobStatus, String jobError) {
        public boolean succeeded() {
            return "succeeded".equals(jobStatus);
        }

        public boolean finishedUnsuccessfully() {
            return "failed".equals(jobStatus) || "canceled".equals(jobStatus);
        }
    }

    /** An answer other than the one the call expects; {@code message} is coderd's {@code message} field. */
    public static final class ApiException extends IOException {
        private final int status;

        ApiException(String what, int status, String message) {
            super(what + ": Coder answered HTTP " + status + (message.isEmpty() ? "" : " (" + message + ")"));
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** {@code GET /healthz}: coderd answers 200 once it serves requests (the chart's probes use it). */
    public boolean healthz() throws IOException, InterruptedException {
        CoderTransport.Response r = send("GET", "/healthz", null, null, null);
        return r.status() == 200;
    }

    /** {@code GET /api/v2/users/first}: 200 when the first user exists, 404 when not (codersdk HasFirstUser). */
    public boolean hasFirstUser() throws IOException, InterruptedException {
        CoderTransport.Response r = send("GET", "/api/v2/users/first", null, null, null);
        if (r.status() == 200) return true;
        if (r.status() == 404) return false;
        throw error("checking for the first user", r);
    }

    /**
     * {@code POST /api/v2/users/first} with codersdk.CreateFirstUserRequest (email, username, password);
     * 201 answers the new user's and organization's ids. Returns the organization id.
     */
    public String createFirstUser(String email, String username, String password) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode().put("email", email).put("username", username).put("password", password);
        CoderTransport.Response r = send("POST", "/api/v2/users/first", null, JSON, bytes(body));
        if (r.status() != 201) throw error("creating the first user " + username, r);
        return parse(r.body()).path("organization_id").asText("");
    }

    /** {@code POST /api/v2/users/login} (email, password): 201 with {@code session_token}. */
    public String login(String email, String password) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode().put("email", email).put("password", password);
        CoderTransport.Response r = send("POST", "/api/v2/users/login", null, JSON, bytes(body));
        if (r.status() != 201) throw error("logging in as " + email, r);
        String token = parse(r.body()).path("session_token").asText("");
        if (token.isEmpty()) throw new IOException("logging in as " + email + ": Coder answered without a session_token");
        return token;
    }

    /** {@code GET /api/v2/organizations/default}: the id of the organization the first user owns. */
    public String defaultOrganizationId(String token) throws IOException, InterruptedException {
        CoderTransport.Response r = send("GET", "/api/v2/organizations/" + DEFAULT_ORGANIZATION, token, null, null);
        if (r.status() != 200) throw error("reading the default organization", r);
        return parse(r.body()).path("id").asText("");
    }

    /** {@code GET /api/v2/organizations/{org}/templates/{name}}; empty on 404. */
    public Optional<Template> templateByName(String token, String organizationId, String name) throws IOException, InterruptedException {
        CoderTransport.Response r = send("GET", "/api/v2/organizations/" + seg(organizationId) + "/templates/" + seg(name), token, null, null);
        if (r.status() == 404) return Optional.empty();
        if (r.status() != 200) throw error("looking up template " + name, r);
        JsonNode t = parse(r.body());
        return Optional.of(new Template(t.path("id").asText(), t.path("name").asText(), t.path("active_version_id").asText()));
    }

    /** {@code GET /api/v2/templates/{template}/versions/{name}}; empty on 404. */
    public Optional<TemplateVersion> templateVersionByName(String token, String templateId, String versionName)
            throws IOException, InterruptedException {
        CoderTransport.Response r = send("GET", "/api/v2/templates/" + seg(templateId) + "/versions/" + seg(versionName), token, null, null);
        if (r.status() == 404) return Optional.empty();
        if (r.status() != 200) throw error("looking up template version " + versionName, r);
        return Optional.of(version(parse(r.body())));
    }

    /** {@code POST /api/v2/files} with Content-Type application/x-tar: 201 (or 200 when known) with {@code hash}, the file id. */
    public String upload(String token, byte[] tar) throws IOException, InterruptedException {
        CoderTransport.Response r = send("POST", "/api/v2/files", token, CONTENT_TYPE_TAR, tar);
        if (r.status() != 201 && r.status() != 200) throw error("uploading the template archive", r);
        String hash = parse(r.body()).path("hash").asText("");
        if (hash.isEmpty()) throw new IOException("uploading the template archive: Coder answered without a hash");
        return hash;
    }

    /**
     * {@code POST /api/v2/organizations/{org}/templateversions} with codersdk.CreateTemplateVersionRequest:
     * storage_method "file", the uploaded file id, provisioner "terraform", and the template when it exists.
     */
    public TemplateVersion createTemplateVersion(String token, String organizationId, String name, String fileId,
                                                 String templateIdOrNull) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode().put("name", name).put("storage_method", "file").put("file_id", fileId)
                .put("provisioner", "terraform");
        body.putObject("tags");
        if (templateIdOrNull != null) body.put("template_id", templateIdOrNull);
        CoderTransport.Response r = send("POST", "/api/v2/organizations/" + seg(organizationId) + "/templateversions", token, JSON, bytes(body));
        if (r.status() != 201) throw error("creating template version " + name, r);
        return version(parse(r.body()));
    }

    /** {@code GET /api/v2/templateversions/{id}}: the version with its import job's status. */
    public TemplateVersion templateVersion(String token, String id) throws IOException, InterruptedException {
        CoderTransport.Response r = send("GET", "/api/v2/templateversions/" + seg(id), token, null, null);
        if (r.status() != 200) throw error("reading template version " + id, r);
        return version(parse(r.body()));
    }

    /** {@code POST /api/v2/organizations/{org}/templates} with codersdk.CreateTemplateRequest. */
    public Template createTemplate(String token, String organizationId, String name, String displayName, String description,
                                   String versionId) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode().put("name", name).put("display_name", displayName)
                .put("description", description).put("template_version_id", versionId);
        CoderTransport.Response r = send("POST", "/api/v2/organizations/" + seg(organizationId) + "/templates", token, JSON, bytes(body));
        if (r.status() != 201) throw error("creating template " + name, r);
        JsonNode t = parse(r.body());
        return new Template(t.path("id").asText(), t.path("name").asText(), t.path("active_version_id").asText());
    }

    /** {@code PATCH /api/v2/templates/{template}/versions} with codersdk.UpdateActiveTemplateVersion ({@code id}). */
    public void setActiveVersion(String token, String templateId, String versionId) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode().put("id", versionId);
        CoderTransport.Response r = send("PATCH", "/api/v2/templates/" + seg(templateId) + "/versions", token, JSON, bytes(body));
        // 304: that version is already the active one
        if (r.status() != 200 && r.status() != 304) throw error("making version " + versionId + " active", r);
    }

    /** {@code GET /api/v2/debug/health}: healthsdk.HealthcheckReport (owner token). */
    public JsonNode debugHealth(String token) throws IOException, InterruptedException {
        CoderTransport.Response r = send("GET", "/api/v2/debug/health", token, null, null);
        if (r.status() != 200) throw error("reading Coder's health report", r);
        return parse(r.body());
    }

    private CoderTransport.Response send(String method, String path, String token, String contentType, byte[] body)
            throws IOException, InterruptedException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (contentType != null) headers.put("Content-Type", contentType);
        if (token != null) headers.put(SESSION_HEADER, token);
        return transport.send(new CoderTransport.Request(method, base.resolve(path), headers, body, timeout));
    }

    private byte[] bytes(JsonNode body) throws IOException {
        return json.writeValueAsBytes(body);
    }

    private TemplateVersion version(JsonNode v) {
        JsonNode job = v.path("job");
        return new TemplateVersion(v.path("id").asText(), v.path("name").asText(), job.path("status").asText(""),
                job.path("error").asText(""));
    }

    private ApiException error(String what, CoderTransport.Response r) {
        return new ApiException(what, r.status(), parse(r.body()).path("message").asText(""));
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text == null || text.isBlank() ? "{}" : text);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static String seg(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
