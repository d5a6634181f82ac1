package dev.railyard.engine.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** How big the cluster is: one of three presets, each a known-good shape. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"preset", "managers", "nodes", "autoscale", "managerType", "nodeType"})
public record Size(String preset, Integer managers, Integer nodes, Autoscale autoscale,
                   String managerType, String nodeType) {

    public static final String SMALL = "small";
    public static final String MEDIUM = "medium";
    public static final String LARGE = "large";
    public static final List<String> PRESETS = List.of(SMALL, MEDIUM, LARGE);

    @JsonIgnore
    public boolean isSmall() { return SMALL.equals(preset); }
    @JsonIgnore
    public boolean isLarge() { return LARGE.equals(preset); }
    /** medium and large keep Gitpod off the managers, which run embedded etcd. */
    @JsonIgnore
    public boolean managersTainted() { return MEDIUM.equals(preset) || LARGE.equals(preset); }

    @JsonIgnore
    public int managerCount() { return managers == null ? 0 : managers; }

    /** Nodes Terraform creates up front: the fixed count, or the autoscaler's minimum for large. */
    @JsonIgnore
    public int initialNodeCount() {
        if (isLarge()) return autoscale == null || autoscale.min() == null ? 0 : autoscale.min();
        return nodes == null ? 0 : nodes;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"min", "max"})
    public record Autoscale(Integer min, Integer max) {}
}
