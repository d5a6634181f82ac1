package dev.railyard.engine.cluster;

import java.util.List;

/** A pure function from what the cluster looks like to what is wrong with it. */
@FunctionalInterface
public interface HealthCheck {
    List<Finding> check(ClusterSnapshot snapshot, Expectations expectations);

    /** Whether the check means anything for this cluster (a Gitpod check on a Coder plan does not). */
    default boolean appliesTo(Expectations expectations) {
        return true;
    }
}
