package dev.railyard.engine.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the Coder checks need beyond the core objects: CloudNativePG {@code Cluster}s, what the access
 * URL's name and a name under the wildcard resolve to (from this machine), and Coder's own health report
 * when an owner token was available. Empty for a cluster without Coder.
 *
 * @param resolved name to its addresses; a name that did not resolve maps to an empty list
 * @param healthReport Coder's {@code /api/v2/debug/health}, when read
 * @param healthReportProblem why the report could not be read (empty when it was, or was not tried)
 */
public record CoderFacts(List<GenericKubernetesResource> databaseClusters, Map<String, List<String>> resolved,
                         Optional<CoderHealthReport> healthReport, String healthReportProblem) {

    public CoderFacts {
        databaseClusters = List.copyOf(databaseClusters);
        resolved = Map.copyOf(resolved);
        healthReport = healthReport == null ? Optional.empty() : healthReport;
        healthReportProblem = healthReportProblem == null ? "" : healthReportProblem;
    }

    public static CoderFacts none() {
        return new CoderFacts(List.of(), Map.of(), Optional.empty(), "");
    }

    public CoderFacts withDatabaseClusters(List<GenericKubernetesResource> v) {
        return new CoderFacts(v, resolved, healthReport, healthReportProblem);
    }

    public CoderFacts withResolved(Map<String, List<String>> v) {
        return new CoderFacts(databaseClusters, v, healthReport, healthReportProblem);
    }

    public CoderFacts withHealthReport(Optional<CoderHealthReport> v, String problem) {
        return new CoderFacts(databaseClusters, resolved, v, problem);
    }
}
