package dev.railyard.ui.run;

import dev.railyard.engine.run.LogFeed;
import dev.railyard.engine.run.LogLine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Moves lines from the engine's bounded {@link LogFeed} to the FX thread in batches: every
 * {@code period} at most one {@code Platform.runLater} is pending, so a flood of output costs the
 * FX thread one append per pulse, never one per line.
 */
final class LogPump implements AutoCloseable {

    private final LogFeed feed;
    private final Consumer<List<LogLine>> onFxThread;
    private final int maxBatch;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong batches = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "log-pump");
        t.setDaemon(true);
        return t;
    });

    LogPump(LogFeed feed, int maxBatch, long periodMillis, Consumer<List<LogLine>> onFxThread) {
        this.feed = feed;
        this.maxBatch = maxBatch;
        this.onFxThread = onFxThread;
        timer.scheduleWithFixedDelay(this::pulse, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void pulse() {
        if (feed.isEmpty() || !pending.compareAndSet(false, true)) return;
        List<LogLine> batch = new ArrayList<>(Math.min(maxBatch, 4096));
        feed.drainTo(batch, maxBatch);
        batches.incrementAndGet();
        Platform.runLater(() -> {
            try {
                onFxThread.accept(batch);
            } finally {
                pending.set(false);
            }
        });
    }

    /** How many batches were handed to the FX thread. */
    long batches() {
        return batches.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
