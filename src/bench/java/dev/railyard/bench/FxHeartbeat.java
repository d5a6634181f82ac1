package dev.railyard.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * Watches the FX thread while a benchmark floods it: an {@link AnimationTimer} records when each pulse
 * runs (the gap between two is what a person sees as a frame), and a probe thread posts a
 * {@code Platform.runLater} every 5 ms and records how long it waited (the longest wait is the
 * longest stall: nothing, not even a click, got through in that time).
 */
final class FxHeartbeat {

    private long[] pulses = new long[1 << 12];
    private int pulseCount;
    private volatile long longestWaitNanos;
    private final AtomicBoolean running = new AtomicBoolean();
    private AnimationTimer timer;
    private Thread probe;

    /** Call on the FX thread. */
    void start() {
        running.set(true);
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (pulseCount == pulses.length) pulses = Arrays.copyOf(pulses, pulseCount * 2);
                pulses[pulseCount++] = System.nanoTime();
            }
        };
        timer.start();
        probe = new Thread(() -> {
            AtomicBoolean answered = new AtomicBoolean(true);
            while (running.get()) {
                if (answered.compareAndSet(true, false)) {
                    long posted = System.nanoTime();
                    Platform.runLater(() -> {
                        long waited = System.nanoTime() - posted;
                        if (waited > longestWaitNanos) longestWaitNanos = waited;
                        answered.set(true);
                    });
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fx-probe");
        probe.setDaemon(true);
        probe.start();
    }

    /** Call on the FX thread; the figures since {@link #start()}. */
    Figures stop() {
        timer.stop();
        running.set(false);
        probe.interrupt();
        double[] gaps = new double[Math.max(0, pulseCount - 1)];
        double maxGapAt = 0;
        double widest = 0;
        for (int i = 1; i < pulseCount; i++) {
            gaps[i - 1] = (pulses[i] - pulses[i - 1]) / 1e6;
            if (gaps[i - 1] > widest) {
                widest = gaps[i - 1];
                maxGapAt = (pulses[i - 1] - pulses[0]) / 1e9;
            }
        }
        Arrays.sort(gaps);
        double p95 = gaps.length == 0 ? 0 : gaps[(int) Math.ceil(gaps.length * 0.95) - 1];
        double max = gaps.length == 0 ? 0 : gaps[gaps.length - 1];
        return new Figures(pulseCount, p95, max, maxGapAt, longestWaitNanos / 1e6);
    }

    /** {@code maxGapAtSeconds}: when the widest gap began, counted from the first pulse. */
    record Figures(int pulses, double p95GapMillis, double maxGapMillis, double maxGapAtSeconds, double longestStallMillis) {}
}
