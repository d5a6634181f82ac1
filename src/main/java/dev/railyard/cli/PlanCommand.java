package dev.railyard.cli;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.run.EndpointOverrides;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A command about one plan file (provision, resume, destroy, kubeconfig): the PLAN argument, and loading
 * and validating it before anything else, exiting with {@link RailyardCli#INVALID_PLAN} when it is not valid.
 */
abstract class PlanCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PLAN", description = "the plan file (railyard.yaml)")
    Path plan;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            EndpointOverrides.coderUrl(); // a refused override stops here, before anything is created
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return RailyardCli.USAGE;
        }
        Optional<ClusterPlan> loaded = RunCommands.loadValid(plan, err);
        if (loaded.isEmpty()) return RailyardCli.INVALID_PLAN;
        return run(loaded.get(), out, err);
    }

    /** The command itself, on the valid plan read from {@link #plan}; returns the exit code. */
    abstract int run(ClusterPlan cluster, PrintWriter out, PrintWriter err) throws Exception;
}
