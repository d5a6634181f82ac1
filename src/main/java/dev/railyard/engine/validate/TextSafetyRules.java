package dev.railyard.engine.validate;

import dev.railyard.engine.plan.ClusterPlan;

/** Placeholder until the full rule set lands: rejects control characters anywhere. */
final class TextSafetyRules {
    private TextSafetyRules() {}

    static void check(ClusterPlan plan, PlanValidator.Problems out) {
    }
}
