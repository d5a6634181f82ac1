package dev.railyard.engine.validate;

import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.ClusterPlan;

/** Placeholder until the full rule set lands. */
final class PlanRules {
    private PlanRules() {}

    static void check(ClusterPlan plan, Catalog catalog, PlanValidator.Problems out) {
        if (plan.spec().gitpod().domain() == null) out.error("spec.gitpod.domain", "required");
    }
}
