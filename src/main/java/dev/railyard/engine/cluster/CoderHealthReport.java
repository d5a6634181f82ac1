package dev.railyard.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Coder's own health report ({@code GET /api/v2/debug/health}, healthsdk.HealthcheckReport) reduced to
 * its problems: per section, the {@code error} ("EDB01: ...") and each warning ({@code Code},
 * {@code Message}: health.Message has no JSON tags, so the keys are capitalised).
 */
public record CoderHealthReport(String severity, String coderVersion, List<Problem> problems, int provisionerDaemons) {

    /** {@link #provisionerDaemons()} when the report does not list them. */
    public static final int UNKNOWN = -1;

    /** The sections of the report, their JSON keys as in healthsdk. */
    public static final List<String> SECTIONS = List.of("access_url", "database", "websocket", "derp", "workspace_proxy",
            "provisioner_daemons");

    public record Problem(String section, String severity, String code, String message, boolean dismissed) {
        public String evidence() {
            return section + ": " + (code.isEmpty() ? "" : code + ": ") + message + (dismissed ? " (dismissed in Coder)" : "");
        }
    }

    public CoderHealthReport {
        severity = severity == null ? "" : severity;
        coderVersion = coderVersion == null ? "" : coderVersion;
        problems = List.copyOf(problems);
    }

    public static CoderHealthReport parse(JsonNode report) {
        List<Problem> problems = new ArrayList<>();
        for (String section : SECTIONS) {
            JsonNode s = report.path(section);
            if (s.isMissingNode()) continue;
            String sev = s.path("severity").asText("");
            boolean dismissed = s.path("dismissed").asBoolean(false);
            String error = s.path("error").asText("");
            if (!error.isEmpty()) {
                String[] codeAndText = splitCode(error);
                problems.add(new Problem(section, "error", codeAndText[0], codeAndText[1], dismissed));
            }
            for (JsonNode w : s.path("warnings")) {
                String code = w.path("Code").asText(w.path("code").asText(""));
                String message = w.path("Message").asText(w.path("message").asText(""));
                problems.add(new Problem(section, "warning", code, message, dismissed));
            }
            if (problems.stream().noneMatch(p -> p.section().equals(section)) && "error".equals(sev)) {
                problems.add(new Problem(section, "error", "", "severity error without a message", dismissed));
            }
        }
        JsonNode items = report.path("provisioner_daemons").path("items");
        return new CoderHealthReport(report.path("severity").asText(""), report.path("coder_version").asText(""), problems,
                items.isArray() ? items.size() : UNKNOWN);
    }

    private static String[] splitCode(String error) {
        int colon = error.indexOf(": ");
        if (colon > 0 && error.substring(0, colon).matches("E[A-Z]+[0-9]*")) {
            return new String[] {error.substring(0, colon), error.substring(colon + 2)};
        }
        return new String[] {"", error};
    }
}
