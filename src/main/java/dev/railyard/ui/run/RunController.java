package dev.railyard.ui.run;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.run.Cancellation;
import dev.railyard.engine.run.LogFeed;
import dev.railyard.engine.run.Pipeline;
import dev.railyard.engine.run.Provisioning;
import dev.railyard.engine.run.RunEta;
import dev.railyard.engine.run.RunFolders;
import dev.railyard.engine.run.RunOptions;
import dev.railyard.engine.run.RunState;
import dev.railyard.engine.run.RunStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run screen's model: starts provision, resume or destroy of one saved plan through the same
 * engine composition and run folders as the CLI (so either can resume what the other started), runs
 * the pipeline on a background thread, and publishes its state on the FX thread. Properties are
 * read and changed on the FX thread only.
 */
public final class RunController implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunController.class);
    static final int FEED_CAPACITY = 1 << 18;

    public enum Phase {
        IDLE, RUNNING, CANCELLING, SUCCEEDED, FAILED, CANCELLED;

        public boolean isActive() {
            return this == RUNNING || this == CANCELLING;
        }
    }

    /** What one started run hands to the view: where its lines arrive and where its full log is. */
    public record Started(String operation, LogFeed feed, Path runLogFile) {}

    private final ClusterPlan plan;
    private final Path planFile;
    private final Path exportDir;
    private final BiFunction<Path, Path, RunOptions> optionsFor;
    private final Function<RunOptions, Provisioning> provisioningFor;
    private final Executor background;
    private final Executor fx;
    private final RunEta eta;

    private final ObjectProperty<Phase> phase = new SimpleObjectProperty<>(Phase.IDLE);
    private final ObjectProperty<RunState> state = new SimpleObjectProperty<>();
    private final ObjectProperty<Started> started = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private Cancellation cancellation;

    /**
     * @param optionsFor      the run options for (export folder, run folder): the app's defaults, or a test's
     * @param provisioningFor the engine composition for those options (secret store, environment, clock)
     */
    public RunController(ClusterPlan plan, Path planFile, Path exportDir, BiFunction<Path, Path, RunOptions> optionsFor,
                         Function<RunOptions, Provisioning> provisioningFor, Executor background, Executor fx) {
        this.plan = plan;
        this.planFile = planFile;
        this.exportDir = exportDir;
        this.optionsFor = optionsFor;
        this.provisioningFor = provisioningFor;
        this.background = background;
        this.fx = fx;
        this.eta = RunEta.forPlan(plan);
        loadSavedState(RunFolders.PROVISION);
    }

    public ClusterPlan plan() {
        return plan;
    }

    public RunEta eta() {
        return eta;
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase;
    }

    public ReadOnlyObjectProperty<RunState> stateProperty() {
        return state;
    }

    public ReadOnlyObjectProperty<Started> startedProperty() {
        return started;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    /** The kubeconfig the provision fetched, once it exists. */
    public Optional<Path> kubeconfig() {
        Path file = RunFolders.kubeconfig(planFile, plan);
        return Files.isReadable(file) ? Optional.of(file) : Optional.empty();
    }

    /** True when a provision was started earlier (here or with the CLI) and has steps left. */
    public boolean canResume() {
        RunState s = state.get();
        return !phase.get().isActive() && s != null && RunFolders.PROVISION.equals(s.operation()) && !s.isComplete();
    }

    /** Starts (or continues, when the run folder holds an unfinished state) the provision. */
    public void provision() {
        start(RunFolders.PROVISION, false);
    }

    /**
     * Continues the provision accepting each server's SSH host key the first time it is seen, printing
     * its fingerprint in the log and pinning it; only after the user chose it (servers that existed
     * before Railyard, whose keys it could not make in advance).
     */
    public void provisionTrustingNewHostKeys() {
        start(RunFolders.PROVISION, true);
    }

    /** True when the last run stopped because a server's SSH host key is not known yet. */
    public boolean stoppedAtUnknownHostKey() {
        RunState s = state.get();
        return !phase.get().isActive() && s != null && s.steps().stream().anyMatch(step -> step.state() == dev.railyard.engine.run.StepState.FAILED
                && step.message() != null && step.message().contains(dev.railyard.engine.run.KnownHosts.UNKNOWN_KEY_MARK));
    }

    /** Destroys the cluster; the caller has already had the user type its name. */
    public void destroy(String typedName) {
        if (!plan.name().equals(typedName)) {
            message.set("Not destroyed: '" + typedName + "' is not the cluster's name '" + plan.name() + "'.");
            return;
        }
        start(RunFolders.DESTROY, false);
    }

    public void cancel() {
        if (phase.get() != Phase.RUNNING || cancellation == null) return;
        phase.set(Phase.CANCELLING);
        message.set("Cancelling: the current step gets a grace period, then it is stopped.");
        cancellation.cancel();
    }

    /**
     * Starts a run without touching the secret store on the FX thread: opening it (the vault's key
     * derivation, keychain calls over D-Bus, making the k3s token and host keys) takes seconds, so the
     * run is composed on the background executor while the screen says so; a vault passphrase is still
     * asked on the FX thread by the store's prompt.
     */
    private void start(String operation, boolean trustOnFirstUse) {
        if (phase.get().isActive()) return;
        Path runDir = RunFolders.runDir(planFile, plan, operation);
        Cancellation c = new Cancellation();
        cancellation = c;
        phase.set(Phase.RUNNING);
        message.set("Opening the secret store and preparing the " + (operation.equals(RunFolders.DESTROY) ? "destroy" : "run") + "…");
        background.execute(() -> {
            Provisioning.Run created = null;
            RunState initial;
            try {
                Files.createDirectories(runDir);
                RunOptions options = optionsFor.apply(exportDir, runDir).withTrustOnFirstUse(trustOnFirstUse);
                if (operation.equals(RunFolders.PROVISION)) {
                    RunFolders.remember(runDir, exportDir, options.terraformExecutable());
                    created = provisioningFor.apply(options).provision();
                } else {
                    RunFolders.prepareDestroy(planFile, plan, options);
                    created = provisioningFor.apply(options).destroy();
                }
                initial = created.pipeline().initialState();
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot start {}", operation, e);
                if (created != null) closeQuietly(created);
                fx.execute(() -> {
                    phase.set(Phase.FAILED);
                    message.set("Could not start: " + e.getMessage());
                });
                return;
            }
            Provisioning.Run run = created;
            LogFeed feed = run.log().subscribe(FEED_CAPACITY);
            run.pipeline().addStateListener(s -> fx.execute(() -> state.set(s)));
            fx.execute(() -> {
                state.set(initial);
                if (phase.get() == Phase.RUNNING) {
                    message.set((operation.equals(RunFolders.DESTROY) ? "Destroying " : "Provisioning ") + plan.name() + "…");
                }
                started.set(new Started(operation, feed, run.log().runLogFile()));
            });
            Pipeline.Result result = null;
            Exception failure = null;
            try {
                result = run.pipeline().run(c);
                if (result.outcome() == Pipeline.Outcome.SUCCEEDED && operation.equals(RunFolders.DESTROY)) {
                    RunFolders.destroyed(planFile, plan);
                }
            } catch (Exception e) {
                failure = e;
                LOG.warn("{} stopped", operation, e);
            } finally {
                closeQuietly(run);
            }
            Pipeline.Result r = result;
            Exception f = failure;
            fx.execute(() -> finished(operation, r, f));
        });
    }

    private static void closeQuietly(Provisioning.Run run) {
        try {
            run.close();
        } catch (Exception e) {
            LOG.warn("closing the run", e);
        }
    }

    private void finished(String operation, Pipeline.Result result, Exception failure) {
        if (result == null) {
            phase.set(Phase.FAILED);
            message.set("Stopped: " + (failure == null ? "unknown error" : failure.getMessage()));
            return;
        }
        state.set(result.state());
        boolean destroy = operation.equals(RunFolders.DESTROY);
        switch (result.outcome()) {
            case SUCCEEDED -> {
                phase.set(Phase.SUCCEEDED);
                message.set(destroy ? plan.name() + " is destroyed: its servers, load balancers and volumes are gone."
                        : plan.name() + " is ready: https://" + plan.spec().platformDomain());
            }
            case CANCELLED -> {
                phase.set(Phase.CANCELLED);
                message.set("Cancelled during " + result.failedStep() + ". Resume continues there.");
            }
            case PREFLIGHT_FAILED -> {
                phase.set(Phase.FAILED);
                message.set("Preflight failed, nothing was created: " + result.message());
            }
            case FAILED -> {
                phase.set(Phase.FAILED);
                message.set("Step " + result.failedStep() + " failed: " + result.message() + (destroy ? "" : " Fix the cause, then Resume."));
            }
        }
    }

    private void loadSavedState(String operation) {
        try {
            new RunStateStore(RunFolders.runDir(planFile, plan, operation)).load().ifPresent(state::set);
        } catch (IOException e) {
            LOG.info("no readable state of an earlier {}: {}", operation, e.getMessage());
        }
    }

    @Override
    public void close() {
        if (cancellation != null && phase.get().isActive()) cancellation.cancel();
    }
}
