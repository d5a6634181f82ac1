package dev.railyard.engine.validate;

import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a plan and returns every problem at once, errors and warnings, each naming its field path.
 * The GUI shows them inline, the CLI prints them and exits 2; generation refuses a plan with errors.
 * Validation is pure and offline: it reads no file and asks no cloud.
 */
public final class PlanValidator {

    private final Catalog catalog;

    public PlanValidator(Catalog catalog) {
        this.catalog = catalog;
    }

    public List<Problem> validate(ClusterPlan plan) {
        Problems unsafeText = new Problems();
        TextSafetyRules.check(plan, unsafeText);

        Problems rules = new Problems();
        MetadataRules.check(plan, rules);
        Spec spec = plan.spec();
        ProviderRules.check(spec.provider(), catalog, rules);
        SizeRules.check(spec.size(), spec.provider(), rules);
        ServerTypeRules.check(spec.size(), spec.provider(), catalog, rules);
        NodeSetupRules.check(spec, rules);
        NetworkRules.check(spec.network(), spec.provider(), rules);
        platform(spec, rules);

        // A field with unsafe text gets that one message; its grammar's complaint would only repeat it.
        Set<String> unsafePaths = unsafeText.list().stream().map(Problem::path).collect(Collectors.toSet());
        Problems all = new Problems();
        unsafeText.list().forEach(all::add);
        rules.list().stream().filter(p -> !unsafePaths.contains(p.path())).forEach(all::add);
        return all.list();
    }

    /** Exactly one workspace platform, then that platform's own rules. */
    private static void platform(Spec spec, Problems out) {
        if (spec.gitpod() != null && spec.coder() != null) {
            out.error("spec", "has both gitpod and coder; a cluster runs one workspace platform, so keep one of the two sections");
        } else if (spec.gitpod() == null && spec.coder() == null) {
            out.error("spec", "has neither gitpod nor coder; add the section of the workspace platform to install "
                    + "(coder: current Kubernetes, amd64 and arm64; gitpod: Gitpod 2022.11, amd64 only)");
        }
        if (spec.gitpod() != null) GitpodRules.check(spec.gitpod(), out);
        if (spec.coder() != null) CoderRules.check(spec.coder(), out);
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
