package dev.railyard.engine.validate;

import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.ClusterPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a plan and returns every problem at once, errors and warnings, each naming its field path.
 * The GUI shows them inline, the CLI prints them and exits 2; generation refuses a plan with errors.
 */
public final class PlanValidator {

    private final Catalog catalog;

    public PlanValidator(Catalog catalog) {
        this.catalog = catalog;
    }

    public List<Problem> validate(ClusterPlan plan) {
        Problems out = new Problems();
        TextSafetyRules.check(plan, out);
        PlanRules.check(plan, catalog, out);
        return out.list();
    }

    public static boolean hasErrors(List<Problem> problems) {
        return problems.stream().anyMatch(Problem::isError);
    }

    /** Collects problems; one per path and message. */
    static final class Problems {
        private final List<Problem> list = new ArrayList<>();

        void error(String path, String message) {
            add(Problem.error(path, message));
        }

        void warning(String path, String message) {
            add(Problem.warning(path, message));
        }

        void add(Problem p) {
            if (!list.contains(p)) list.add(p);
        }

        List<Problem> list() {
            return List.copyOf(list);
        }
    }
}
