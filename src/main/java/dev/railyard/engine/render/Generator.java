package dev.railyard.engine.render;

import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.validate.PlanValidator;
import dev.railyard.engine.validate.Problem;
import java.util.List;
import java.util.Optional;

/**
 * The one entry point the CLI and the GUI both use to turn a plan into files: validate, refuse on
 * errors, render. Same plan in, same bytes out (unless secrets are included, which adds fresh keys).
 */
public final class Generator {

    /** A plan with errors cannot be generated; the problems say why, field by field. */
    public static final class InvalidPlanException extends Exception {
        private final List<Problem> problems;

        public InvalidPlanException(List<Problem> problems) {
            super(problems.stream().filter(Problem::isError).count() + " error(s) in the plan");
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    private final Catalog catalog;
    private final PlanValidator validator;
    private final PlanRenderer renderer;

    public Generator(Catalog catalog, PlanValidator validator, PlanRenderer renderer) {
        this.catalog = catalog;
        this.validator = validator;
        this.renderer = renderer;
    }

    public static Generator standard(Catalog catalog) {
        return new Generator(catalog, new PlanValidator(catalog), PlanRenderer.standard());
    }

    public List<Problem> validate(ClusterPlan plan) {
        return validator.validate(plan);
    }

    public List<GeneratedFile> generate(ClusterPlan plan, Optional<SecretValues> secrets) throws InvalidPlanException {
        List<Problem> problems = validator.validate(plan);
        if (PlanValidator.hasErrors(problems)) throw new InvalidPlanException(problems);
        return renderer.render(new RenderInput(plan, catalog, secrets));
    }
}
