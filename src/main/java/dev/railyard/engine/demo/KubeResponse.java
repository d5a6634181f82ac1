package dev.railyard.engine.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/** An answer of the simulated API server: status, content type, body. Errors are {@code Status} objects, as fabric8 expects. */
record KubeResponse(int code, String contentType, byte[] body) {

    static KubeResponse json(int code, JsonNode body) {
        try {
            return new KubeResponse(code, "application/json", KubeApi.JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static KubeResponse text(String body) {
        return new KubeResponse(200, "text/plain", body.getBytes(StandardCharsets.UTF_8));
    }

    /** An open watch: no events ever come, and the body stays open until fabric8 cancels it. */
    static KubeResponse emptyWatch() {
        return new KubeResponse(200, "application/json", new byte[0]);
    }

    static KubeResponse status(int code, String reason, String message) {
        return json(code, statusNode(code, reason, message));
    }

    /** fabric8 reads {@code details} to tell "not found" from other failures. */
    static KubeResponse notFound(KubeKind kind, String name) {
        ObjectNode s = statusNode(404, "NotFound", kind.plural() + " \"" + name + "\" not found");
        s.putObject("details").put("name", name).put("kind", kind.plural());
        return json(404, s);
    }

    private static ObjectNode statusNode(int code, String reason, String message) {
        ObjectNode s = KubeApi.NODES.objectNode().put("kind", "Status").put("apiVersion", "v1");
        s.putObject("metadata");
        return s.put("status", code < 300 ? "Success" : "Failure").put("message", message).put("reason", reason).put("code", code);
    }
}
