package dev.railyard.engine.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A Railyard project: the {@code railyard.yaml} document. Immutable; every edit makes a new plan
 * through the {@code with...} methods so that the UI and the CLI share one model.
 *
 * <p>The plan never holds a secret value, only {@link SecretRef references} to one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec"})
public record ClusterPlan(String apiVersion, String kind, Metadata metadata, Spec spec) {

    public static final String API_VERSION = "railyard.dev/v1";
    public static final String KIND = "Cluster";

    public ClusterPlan {
        metadata = metadata == null ? new Metadata(null) : metadata;
        spec = spec == null ? Spec.empty() : spec;
    }

    public String name() {
        return metadata.name();
    }

    public ClusterPlan withMetadata(Metadata value) {
        return new ClusterPlan(apiVersion, kind, value, spec);
    }

    public ClusterPlan withSpec(Spec value) {
        return new ClusterPlan(apiVersion, kind, metadata, value);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Metadata(String name) {}
}
