package dev.railyard.cli;

import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.run.Cancellation;
import dev.railyard.engine.run.EndpointOverrides;
import dev.railyard.engine.run.Pipeline;
import dev.railyard.engine.run.Provisioning;
import dev.railyard.engine.run.RunOptions;
import dev.railyard.engine.run.StepStatus;
import dev.railyard.engine.secrets.SecretResolver;
import dev.railyard.engine.secrets.SecretStore;
import dev.railyard.engine.validate.PlanValidator;
import dev.railyard.engine.validate.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What provision, resume and destroy share: loading and validating the plan, the run folder, the
 * options remembered for resume, printing the log with step prefixes, and Ctrl-C.
 */
final class RunCommands {

    static final String EXIT_CODES_HEADING = "%nExit codes:%n";

    private RunCommands() {}

    static Optional<ClusterPlan> loadValid(Path planFile, PrintWriter err) {
        Optional<ClusterPlan> plan = PlanLoading.load(planFile, err);
        if (plan.isEmpty()) return plan;
        List<Problem> problems = new PlanValidator(Catalog.bundled()).validate(plan.get());
        if (PlanValidator.hasErrors(problems)) {
            PlanLoading.print(problems, err);
            err.println(planFile + ": invalid; fix the errors above (railyard validate " + planFile + ")");
            return Optional.empty();
        }
        return plan;
    }

    /** The run options of the CLI; coderd is reached where {@value EndpointOverrides#CODER_URL_PROPERTY} says, if set. */
    static RunOptions options(Path exportDir, Path runDir, Path terraform) {
        return RunOptions.defaults(exportDir, runDir, Path.of(System.getProperty("user.home"))).withTerraform(terraform)
                .withCoderUrl(EndpointOverrides.coderUrl().orElse(null));
    }

    /**
     * The pipelines' composition over the CLI's secret store; {@code keepsValues} (provision, resume) opens
     * it creating the vault when there is neither keychain nor vault, as the values Railyard makes need a home.
     */
    static Provisioning provisioning(ClusterPlan plan, RunOptions options, boolean keepsValues, PrintWriter err) {
        SecretStore store = keepsValues ? CliSecretStores.openCreating(err) : CliSecretStores.open();
        return new Provisioning(plan, options, new SecretResolver(store, System.getenv(), options.home()), store, System.getenv(),
                RailyardCli.CLOCK);
    }

    /**
     * Runs the pipeline with its log on {@code out}; Ctrl-C (SIGINT/SIGTERM to this JVM) cancels it and
     * waits for the steps to stop so the state file is left consistent.
     */
    static int execute(Provisioning.Run run, PrintWriter out, PrintWriter err) throws Exception {
        Cancellation cancellation = new Cancellation();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            if (finished.getCount() == 0) return;
            synchronized (out) {
                out.println("cancelling: stopping the current step (it gets a grace period, then it is killed)...");
                out.flush();
            }
            cancellation.cancel();
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "railyard-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        Pipeline.Result result;
        try (AutoCloseable printing = run.log().addListener(line -> {
            synchronized (out) {
                out.println(line.formatForConsole());
                out.flush();
            }
        })) {
            result = run.pipeline().run(cancellation);
        } finally {
            run.close();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for `finished`, which is now counted down
            }
        }
        out.println();
        for (StepStatus s : result.state().steps()) {
            out.printf("  %-10s %-18s %s%n", s.state().json(), s.name(),
                    s.durationMillis() == null ? "" : String.format(java.util.Locale.ROOT, "%.1f s", s.durationMillis() / 1000.0));
        }
        out.println("log: " + run.log().runLogFile());
        out.flush();
        switch (result.outcome()) {
            case SUCCEEDED:
                return RailyardCli.OK;
            case CANCELLED:
                err.println("cancelled during " + result.failedStep() + "; continue with `railyard resume`");
                return RailyardCli.CANCELLED;
            case PREFLIGHT_FAILED:
                err.println("preflight failed, nothing was created: " + result.message());
                return RailyardCli.PREFLIGHT_FAILED;
            default:
                err.println("step " + result.failedStep() + " failed: " + result.message());
                err.println("fix the cause, then `railyard resume` continues at that step");
                return RailyardCli.FAILED;
        }
    }
}
