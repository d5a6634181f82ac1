package dev.railyard.engine.validate;

import dev.railyard.engine.plan.ClusterPlan;

/** The document header: what kind of file this is and the cluster's name. */
final class MetadataRules {

    static final int MAX_NAME = 40;

    private MetadataRules() {}

    static void check(ClusterPlan plan, PlanValidator.Problems out) {
        if (!ClusterPlan.API_VERSION.equals(plan.apiVersion())) {
            out.error("apiVersion", "must be " + ClusterPlan.API_VERSION);
        }
        if (!ClusterPlan.KIND.equals(plan.kind())) {
            out.error("kind", "must be " + ClusterPlan.KIND);
        }
        String name = plan.metadata().name();
        if (name == null || name.isEmpty()) {
            out.error("metadata.name", "required: the cluster's name, e.g. acme-gitpod (" + DnsNames.LABEL_RULE + ", at most 40 characters)");
        } else if (name.length() > MAX_NAME) {
            out.error("metadata.name", "is " + name.length() + " characters long; at most 40 are allowed, because cloud resource names are built from it");
        } else if (!DnsNames.isLabel(name)) {
            out.error("metadata.name", "must be a DNS-1123 label: " + DnsNames.LABEL_RULE + ", e.g. acme-gitpod");
        }
    }
}
