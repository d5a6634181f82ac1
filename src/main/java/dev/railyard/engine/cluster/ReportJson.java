package dev.railyard.engine.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON shape of a report, shared by {@code railyard health --json} and the support bundle. */
public final class ReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode toJson(HealthReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("status", report.status().name().toLowerCase());
        root.put("exitCode", report.exitCode());
        root.put("takenAt", report.takenAt().toString());
        ObjectNode counts = root.putObject("counts");
        for (Finding.Severity s : Finding.Severity.values()) counts.put(s.name().toLowerCase(), report.count(s));
        ArrayNode facts = root.putArray("facts");
        report.facts().forEach(facts::add);
        ArrayNode findings = root.putArray("findings");
        for (Finding f : report.findings()) {
            ObjectNode node = findings.addObject();
            node.put("code", f.code());
            node.put("severity", f.severity().name().toLowerCase());
            node.put("area", f.area().label());
            node.put("title", f.title());
            ArrayNode evidence = node.putArray("evidence");
            f.evidence().forEach(evidence::add);
            node.put("fix", f.fix());
        }
        return root;
    }

    public static String toText(HealthReport report) {
        try {
            return MAPPER.writeValueAsString(toJson(report));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a report always serialises", e);
        }
    }
}
