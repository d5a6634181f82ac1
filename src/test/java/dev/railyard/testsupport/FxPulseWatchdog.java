package dev.railyard.testsupport;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Measures how long the FX thread stays blocked: a watcher thread posts a pulse with
 * {@link Platform#runLater} every few milliseconds and times how long each takes to run. A pulse that
 * waits longer than a frame budget means the UI froze (secret store work, I/O, a process on the FX thread).
 * Use around the action under test: {@code try (var w = FxPulseWatchdog.start()) { ...; w.assertNoStallOver(budget); }}.
 */
public final class FxPulseWatchdog implements AutoCloseable {

    private final Thread watcher;
    private volatile boolean running = true;
    private volatile long longestNanos;

    private FxPulseWatchdog() {
        watcher = new Thread(this::watch, "fx-pulse-watchdog");
        watcher.setDaemon(true);
    }

    public static FxPulseWatchdog start() {
        FxPulseWatchdog w = new FxPulseWatchdog();
        w.watcher.start();
        return w;
    }

    private void watch() {
        while (running) {
            CountDownLatch ran = new CountDownLatch(1);
            long posted = System.nanoTime();
            Platform.runLater(ran::countDown);
            try {
                while (!ran.await(5, TimeUnit.MILLISECONDS)) {
                    longestNanos = Math.max(longestNanos, System.nanoTime() - posted); // counts a stall still going on
                    if (!running) return;
                }
                longestNanos = Math.max(longestNanos, System.nanoTime() - posted);
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The longest the FX thread kept a pulse waiting so far. */
    public Duration longestStall() {
        return Duration.ofNanos(longestNanos);
    }

    /** Fails when the FX thread was blocked longer than {@code budget} since {@link #start()}. */
    public void assertNoStallOver(Duration budget) {
        Duration longest = longestStall();
        if (longest.compareTo(budget) > 0) {
            throw new AssertionError("the FX thread was blocked for " + longest.toMillis() + " ms (budget " + budget.toMillis() + " ms)");
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        watcher.join(1000);
    }
}
