package dev.railyard.cli;

import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.validate.PlanValidator;
import dev.railyard.engine.validate.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks a plan and prints every problem with its field path. Exit 0 valid (warnings allowed), 2 invalid.")
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    CommonOptions.PlanFile planFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Optional<ClusterPlan> loaded = PlanLoading.load(planFile.plan, err);
        if (loaded.isEmpty()) return RailyardCli.INVALID_PLAN;
        List<Problem> problems = new PlanValidator(Catalog.bundled()).validate(loaded.get());
        boolean errors = PlanLoading.print(problems, errors(problems) ? err : out);
        long warnings = problems.stream().filter(p -> !p.isError()).count();
        if (errors) {
            err.println(planFile.plan + ": invalid, " + (problems.size() - warnings) + " error(s), " + warnings + " warning(s)");
            return RailyardCli.INVALID_PLAN;
        }
        out.println(planFile.plan + ": valid" + (warnings > 0 ? ", " + warnings + " warning(s)" : ""));
        return RailyardCli.OK;
    }

    private static boolean errors(List<Problem> problems) {
        return PlanValidator.hasErrors(problems);
    }
}
