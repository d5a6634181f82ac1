package dev.railyard.engine.run;

import java.util.Map;

/**
 * One line of Terraform's or OpenTofu's {@code -json} output, reduced to what Railyard shows and counts.
 * Fields a type does not carry are null. {@code type} is {@code "text"} for a line that was not JSON
 * (a provider crash prints plain text).
 */
public record TerraformEvent(String type, String level, String message, String resourceAddress, String action,
                             Diagnostic diagnostic, ChangeSummary changes, Map<String, Output> outputs,
                             ToolVersion version) {

    public record Diagnostic(String severity, String summary, String detail, String address, String filename, Integer line) {}

    /** {@code operation}: plan, apply or destroy. */
    public record ChangeSummary(int add, int change, int remove, int importCount, int forget, String operation) {
        public int total() {
            return add + change + remove;
        }
    }

    /** After apply an output has a value; sensitive values are never kept here. */
    public record Output(boolean sensitive, String action, String valueJson) {}

    /** {@code tool}: terraform or tofu. */
    public record ToolVersion(String tool, String version, String ui) {}

    public boolean isError() {
        return "error".equals(level) || (diagnostic != null && "error".equals(diagnostic.severity()));
    }
}
