package dev.railyard.cli;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.plan.PlanLoadException;
import dev.railyard.engine.validate.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Loading a plan for a command and printing what is wrong with it, the same way everywhere. */
final class PlanLoading {

    private PlanLoading() {}

    static Optional<ClusterPlan> load(Path file, PrintWriter err) {
        try {
            return Optional.of(new PlanFormat().read(file));
        } catch (PlanLoadException e) {
            for (PlanLoadException.Error error : e.errors()) {
                String where = error.line() > 0 ? file + ":" + error.line() + ":" + error.column() : file.toString();
                String path = error.path() == null || error.path().isEmpty() ? "" : error.path() + ": ";
                err.println(where + ": error: " + path + error.message());
            }
            return Optional.empty();
        }
    }

    /** Prints problems as {@code error   spec.path: message}; returns true when any is an error. */
    static boolean print(List<Problem> problems, PrintWriter out) {
        boolean errors = false;
        for (Problem p : problems) {
            out.println(p);
            errors |= p.isError();
        }
        return errors;
    }
}
