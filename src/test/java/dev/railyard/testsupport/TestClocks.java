package dev.railyard.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clocks for tests: no test reads the wall clock (WallClockGuardTest keeps the engine honest, this
 * keeps the tests so), so a test's verdict never depends on the day it runs.
 */
public final class TestClocks {

    /** The instant the tests' runs, logs and reports happen at. */
    public static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private TestClocks() {}

    public static Clock fixed() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    /** Starts at {@link #NOW} and moves one millisecond forward each time it is read, from any thread. */
    public static Clock ticking() {
        return stepping(Duration.ofMillis(1));
    }

    /** Starts at {@link #NOW} and moves {@code step} forward each time it is read, from any thread. */
    public static Stepping stepping(Duration step) {
        return new Stepping(step.toNanos());
    }

    /** A clock that moves by itself at each reading, and by {@link #advance} for a sleeper that returns at once. */
    public static final class Stepping extends Clock {
        private final AtomicLong nanos = new AtomicLong(NOW.getEpochSecond() * 1_000_000_000L + NOW.getNano());
        private final long step;

        private Stepping(long step) {
            this.step = step;
        }

        /** What a sleeper asked to wait: the clock moves, the caller goes on at once. */
        public void advance(Duration by) {
            nanos.addAndGet(by.toNanos());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(0, nanos.getAndAdd(step));
        }
    }
}
