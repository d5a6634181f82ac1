package dev.railyard.engine.project;

import dev.railyard.engine.plan.AtomicFiles;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.plan.PlanLoadException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a draft of the plan being edited, so a crash or a closed window loses nothing: written
 * {@code delay} after the last change (a burst of typing is one write), atomically. The plan holds only
 * secret references, so the draft holds no secret.
 */
public final class DraftAutosave implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DraftAutosave.class);

    /** Runs a task after a delay: a daemon thread in the app; in tests, a timer the test advances by hand. */
    public interface Scheduler {
        Future<?> schedule(Runnable task, Duration delay);

        void shutdown();

        static Scheduler daemonThread(String name) {
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
            return new Scheduler() {
                @Override
                public Future<?> schedule(Runnable task, Duration delay) {
                    return timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
                }

                @Override
                public void shutdown() {
                    timer.shutdown();
                }
            };
        }
    }

    private final Path file;
    private final PlanFormat format;
    private final Duration delay;
    private final Scheduler timer;
    private Future<?> pending;
    private ClusterPlan latest;

    public DraftAutosave(Path file, PlanFormat format, Duration delay) {
        this(file, format, delay, Scheduler.daemonThread("railyard-draft-autosave"));
    }

    public DraftAutosave(Path file, PlanFormat format, Duration delay, Scheduler timer) {
        this.file = file;
        this.format = format;
        this.delay = delay;
        this.timer = timer;
    }

    public Path file() {
        return file;
    }

    /** Notes a change; the draft is written once no change came for {@code delay}. */
    public synchronized void changed(ClusterPlan plan) {
        latest = plan;
        if (pending != null) pending.cancel(false);
        pending = timer.schedule(this::flush, delay);
    }

    /** Writes the latest change now (on close, before quitting). */
    public void flush() {
        ClusterPlan plan;
        synchronized (this) {
            plan = latest;
            latest = null;
            pending = null;
        }
        if (plan == null) return;
        try {
            AtomicFiles.write(file, format.write(plan).getBytes(StandardCharsets.UTF_8), true);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not save the draft to {}: {}", file, e.toString());
        }
    }

    public Optional<ClusterPlan> load() {
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            return Optional.of(format.read(file));
        } catch (PlanLoadException e) {
            LOG.warn("ignoring a draft that does not load: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** Forgets the draft (after the plan was saved for real). */
    public synchronized void discard() {
        if (pending != null) pending.cancel(false);
        pending = null;
        latest = null;
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete the draft {}: {}", file, e.toString());
        }
    }

    @Override
    public void close() {
        flush();
        timer.shutdown();
    }
}
