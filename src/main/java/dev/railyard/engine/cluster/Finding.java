package dev.railyard.engine.cluster;

import java.util.List;
import java.util.Objects;

/**
 * One diagnosis about a cluster: a stable {@code code} a user can search for, what was observed
 * ({@code evidence}: the real log line, field or count) and the next step ({@code fix}).
 */
public record Finding(String code, Severity severity, String title, List<String> evidence, String fix) {

    /** ERROR: Gitpod cannot work as it is; WARNING: it works, but something will bite; INFO: worth knowing. */
    public enum Severity {
        ERROR, WARNING, INFO
    }

    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        fix = fix == null ? "" : fix;
    }

    public static Finding error(String code, String title, List<String> evidence, String fix) {
        return new Finding(code, Severity.ERROR, title, evidence, fix);
    }

    public static Finding warning(String code, String title, List<String> evidence, String fix) {
        return new Finding(code, Severity.WARNING, title, evidence, fix);
    }

    public static Finding info(String code, String title, List<String> evidence, String fix) {
        return new Finding(code, Severity.INFO, title, evidence, fix);
    }

    public Area area() {
        return Area.ofCode(code);
    }

    /** Plain text a person can paste into a ticket or chat. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append('[').append(severity).append("] ").append(code).append(": ").append(title).append('\n');
        for (String line : evidence) {
            out.append("  evidence: ").append(line).append('\n');
        }
        if (!fix.isEmpty()) {
            out.append("  fix: ").append(fix.replace("\n", "\n       ")).append('\n');
        }
        return out.toString();
    }
}
