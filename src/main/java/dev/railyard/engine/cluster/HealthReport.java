package dev.railyard.engine.cluster;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Every finding for one snapshot, most severe first, and the verdict they add up to. {@code facts}
 * are what the cluster was seen to run ("Workspace file-system shift: fuse (...)"): shown with every
 * report, healthy or not, and never counted towards the verdict.
 */
public record HealthReport(Instant takenAt, List<Finding> findings, List<String> facts) {

    public HealthReport(Instant takenAt, List<Finding> findings) {
        this(takenAt, findings, List.of());
    }

    /** READY: nothing to fix; DEGRADED: warnings only; BROKEN: at least one error. */
    public enum Status {
        READY, DEGRADED, BROKEN
    }

    public HealthReport {
        findings = findings.stream()
                .sorted(Comparator.comparing(Finding::severity).thenComparing(Finding::code))
                .toList();
        facts = facts == null ? List.of() : List.copyOf(facts);
    }

    public Status status() {
        if (count(Finding.Severity.ERROR) > 0) return Status.BROKEN;
        if (count(Finding.Severity.WARNING) > 0) return Status.DEGRADED;
        return Status.READY;
    }

    /** The CLI's exit code: 0 healthy, 1 warnings, 2 errors. */
    public int exitCode() {
        return switch (status()) {
            case READY -> 0;
            case DEGRADED -> 1;
            case BROKEN -> 2;
        };
    }

    public long count(Finding.Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append("Cluster health: ").append(status()).append(" (")
                .append(count(Finding.Severity.ERROR)).append(" errors, ")
                .append(count(Finding.Severity.WARNING)).append(" warnings, ")
                .append(count(Finding.Severity.INFO)).append(" notes) at ").append(takenAt).append('\n');
        for (String fact : facts) {
            out.append("  ").append(fact).append('\n');
        }
        for (Finding finding : findings) {
            out.append('\n').append(finding.toText());
        }
        return out.toString();
    }
}
