package dev.railyard.engine.demo;

import dev.railyard.engine.run.Cancellation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The simulation's time: realistic durations (a server boots in about a minute) divided by the demo's speed, read
 * from an injected clock and waited out through an injected sleeper, so a test can run the whole journey with a
 * clock that jumps instead of sleeping.
 */
public record Pace(double speed, Clock clock, Sleeper sleeper) {

    /** Waits; the real one is {@link Thread#sleep(long)}. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        Sleeper THREAD = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
    }

    public Pace {
        if (!(speed >= 1 && speed <= 10_000)) throw new IllegalArgumentException("--speed: from 1 to 10000, not " + speed);
    }

    /** How long {@code realistic} takes in this demo. */
    public Duration scaled(Duration realistic) {
        return Duration.ofNanos((long) (realistic.toNanos() / speed));
    }

    public Duration seconds(double realisticSeconds) {
        return scaled(Duration.ofMillis((long) (realisticSeconds * 1000)));
    }

    public Instant now() {
        return clock.instant();
    }

    /** Whether {@code realisticSeconds} have passed since {@code since}, in this demo's time. */
    public boolean passed(Instant since, double realisticSeconds) {
        return !now().isBefore(since.plus(seconds(realisticSeconds)));
    }

    /** Waits {@code realisticSeconds} scaled; a cancelled run stops waiting. */
    public void pause(double realisticSeconds, Cancellation cancellation) {
        cancellation.throwIfCancelled();
        try {
            sleeper.sleep(seconds(realisticSeconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancellation.CancelledException();
        }
        cancellation.throwIfCancelled();
    }
}
