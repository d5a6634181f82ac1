package dev.railyard.engine.run;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs named steps in order and saves the state after every transition. A run that finds a state file
 * of the same operation resumes: steps already done (or skipped) are not run again, and the first
 * unfinished step (pending, failed, cancelled, or running when the app died) runs again.
 */
public final class Pipeline {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    public enum Outcome { SUCCEEDED, FAILED, PREFLIGHT_FAILED, CANCELLED }

    public record Result(Outcome outcome, RunState state, String failedStep, String message) {}

    private final String cluster;
    private final String operation;
    private final List<Step> steps;
    private final RunStateStore store;
    private final RunLog log;
    private final ChildProcesses runner;
    private final Clock clock;
    private final List<Consumer<RunState>> stateListeners = new CopyOnWriteArrayList<>();
    private volatile RunState state;

    public Pipeline(String cluster, String operation, List<Step> steps, RunStateStore store, RunLog log,
                    ChildProcesses runner, Clock clock) {
        this.cluster = cluster;
        this.operation = operation;
        this.steps = List.copyOf(steps);
        this.store = store;
        this.log = log;
        this.runner = runner;
        this.clock = clock;
    }

    public List<Step> steps() {
        return steps;
    }

    public RunState state() {
        return state;
    }

    /** Called after every saved transition, on the pipeline's thread. */
    public void addStateListener(Consumer<RunState> listener) {
        stateListeners.add(listener);
    }

    /** The state a run would start from: the saved one when it matches these steps, otherwise all pending. */
    public RunState initialState() throws IOException {
        RunState fresh = new RunState(RunState.FORMAT_VERSION, cluster, operation, clock.instant().toString(),
                steps.stream().map(s -> StepStatus.pending(s.name(), s.title(),
                        log.stepLogFile(s.name()).getFileName().toString())).toList());
        RunState saved = store.load().orElse(null);
        if (saved == null) return fresh;
        List<String> savedNames = saved.steps().stream().map(StepStatus::name).toList();
        List<String> names = steps.stream().map(Step::name).toList();
        if (!operation.equals(saved.operation()) || !savedNames.equals(names)) {
            LOG.info("state file is for {} with steps {}; starting a new {} run", saved.operation(), savedNames, operation);
            return fresh;
        }
        return saved;
    }

    public Result run(Cancellation cancellation) throws IOException {
        state = initialState();
        save();
        for (Step step : steps) {
            StepStatus status = state.step(step.name()).orElseThrow();
            if (status.state().isFinished()) {
                log.append(step.name(), "", LogLine.Kind.INFO, "already " + status.state().json() + "; not running it again");
                continue;
            }
            if (cancellation.isCancelled()) {
                return finish(Outcome.CANCELLED, step, status, StepState.CANCELLED, "cancelled before it started");
            }
            if (status.state() == StepState.RUNNING) {
                log.append(step.name(), "", LogLine.Kind.WARN, "was running when Railyard stopped; running it again");
            }
            status = status.running(clock.instant());
            state = state.with(status, clock.instant());
            save();
            StepContext context = new StepContext(step.name(), log, cancellation, runner);
            context.info("started: " + step.title());
            try {
                step.run(context);
                if (cancellation.isCancelled()) throw new Cancellation.CancelledException();
                state = state.with(status.finished(StepState.DONE, clock.instant(), null), clock.instant());
                context.info("done in " + seconds(state.step(step.name()).orElseThrow()));
                save();
            } catch (Cancellation.CancelledException e) {
                context.warn("cancelled");
                return finish(Outcome.CANCELLED, step, status, StepState.CANCELLED, "cancelled by the user");
            } catch (Exception e) {
                if (cancellation.isCancelled()) {
                    context.warn("cancelled (" + e.getMessage() + ")");
                    return finish(Outcome.CANCELLED, step, status, StepState.CANCELLED, "cancelled by the user");
                }
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                if (!(e instanceof StepFailedException)) LOG.warn("step {} failed", step.name(), e);
                context.error(message);
                return finish(step.isPreflight() ? Outcome.PREFLIGHT_FAILED : Outcome.FAILED, step, status,
                        StepState.FAILED, message);
            } finally {
                log.flush();
            }
        }
        return new Result(Outcome.SUCCEEDED, state, null, null);
    }

    private Result finish(Outcome outcome, Step step, StepStatus status, StepState stepState, String message) throws IOException {
        state = state.with(status.finished(stepState, clock.instant(), log.redactor().redact(message)), clock.instant());
        save();
        log.flush();
        return new Result(outcome, state, step.name(), log.redactor().redact(message));
    }

    private void save() throws IOException {
        store.save(state);
        for (Consumer<RunState> listener : new ArrayList<>(stateListeners)) listener.accept(state);
    }

    private static String seconds(StepStatus status) {
        long millis = status.durationMillis() == null ? 0 : status.durationMillis();
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
