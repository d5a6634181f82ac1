package dev.railyard.engine.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads Terraform's machine-readable UI ({@code plan|apply|destroy -json}): one JSON object per line,
 * {@code type} saying what it is. Unknown keys are ignored and unknown types keep their
 * {@code @message}, as the format's documentation asks; an unknown major {@code ui} version is refused
 * because its lines may mean something else. OpenTofu writes the same format with {@code @module
 * tofu.ui} and a {@code tofu} key in its version line.
 */
public final class TerraformJsonParser {

    /** Major versions of the UI format this parser understands ("0.1.0" before v1.1, then "1.x"). */
    static final java.util.Set<String> KNOWN_MAJORS = java.util.Set.of("0", "1");

    private final ObjectMapper json = new ObjectMapper();

    public TerraformEvent parse(String line) {
        String trimmed = line.strip();
        if (!trimmed.startsWith("{")) return text(line);
        JsonNode node;
        try {
            node = json.readTree(trimmed);
        } catch (JsonProcessingException e) {
            return text(line);
        }
        if (node == null || !node.isObject()) return text(line);
        String type = node.path("type").asText("");
        String level = node.path("@level").asText("info");
        String message = node.path("@message").asText("");
        switch (type) {
            case "version":
                return versionEvent(node, level, message);
            case "diagnostic":
                return diagnosticEvent(node, level, message);
            case "change_summary": {
                JsonNode c = node.path("changes");
                TerraformEvent.ChangeSummary summary = new TerraformEvent.ChangeSummary(c.path("add").asInt(0),
                        c.path("change").asInt(0), c.path("remove").asInt(0), c.path("import").asInt(0),
                        c.path("forget").asInt(0), c.path("operation").asText("plan"));
                return new TerraformEvent(type, level, message, null, null, null, summary, null, null);
            }
            case "planned_change":
            case "resource_drift": {
                JsonNode change = node.path("change");
                return new TerraformEvent(type, level, message, change.path("resource").path("addr").asText(null),
                        change.path("action").asText(null), null, null, null, null);
            }
            case "outputs":
                return new TerraformEvent(type, level, message, null, null, null, null, outputs(node.path("outputs")), null);
            default: {
                JsonNode hook = node.path("hook");
                if (hook.isObject()) {
                    return new TerraformEvent(type, level, message, hook.path("resource").path("addr").asText(null),
                            hook.path("action").asText(null), null, null, null, null);
                }
                return new TerraformEvent(type.isEmpty() ? "unknown" : type, level, message, null, null, null, null, null, null);
            }
        }
    }

    private TerraformEvent versionEvent(JsonNode node, String level, String message) {
        String ui = node.path("ui").asText("");
        String major = ui.contains(".") ? ui.substring(0, ui.indexOf('.')) : ui;
        if (!KNOWN_MAJORS.contains(major)) {
            throw new UnsupportedUiVersionException("this Terraform speaks machine-readable UI version '" + ui
                    + "', and Railyard reads versions 0.x and 1.x; use Terraform 1.x or OpenTofu 1.x");
        }
        boolean tofu = node.has("tofu") || "tofu.ui".equals(node.path("@module").asText());
        String version = tofu ? node.path("tofu").asText("") : node.path("terraform").asText("");
        return new TerraformEvent("version", level, message, null, null, null, null, null,
                new TerraformEvent.ToolVersion(tofu ? "tofu" : "terraform", version, ui));
    }

    private TerraformEvent diagnosticEvent(JsonNode node, String level, String message) {
        JsonNode d = node.path("diagnostic");
        JsonNode range = d.path("range");
        TerraformEvent.Diagnostic diagnostic = new TerraformEvent.Diagnostic(d.path("severity").asText("unknown"),
                d.path("summary").asText(""), d.path("detail").asText(""), d.path("address").asText(null),
                range.path("filename").asText(null), range.path("start").has("line") ? range.path("start").path("line").asInt() : null);
        return new TerraformEvent("diagnostic", level, message, diagnostic.address(), null, diagnostic, null, null, null);
    }

    private static Map<String, TerraformEvent.Output> outputs(JsonNode outputs) {
        Map<String, TerraformEvent.Output> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : outputs.properties()) {
            boolean sensitive = e.getValue().path("sensitive").asBoolean(false);
            JsonNode value = e.getValue().get("value");
            result.put(e.getKey(), new TerraformEvent.Output(sensitive, e.getValue().path("action").asText(null),
                    sensitive || value == null ? null : value.toString()));
        }
        return result;
    }

    private static TerraformEvent text(String line) {
        return new TerraformEvent("text", "info", line, null, null, null, null, null, null);
    }

    /** A version line with a major UI version this parser does not know. */
    public static final class UnsupportedUiVersionException extends RuntimeException {
        public UnsupportedUiVersionException(String message) {
            super(message);
        }
    }
}
