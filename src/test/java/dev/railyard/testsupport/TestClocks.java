package dev.railyard.testsupport;

import java.time.Clock;
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
        return new Ticking(new AtomicLong(NOW.toEpochMilli()));
    }

    private static final class Ticking extends Clock {
        private final AtomicLong millis;

        Ticking(AtomicLong millis) {
            this.millis = millis;
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
            return Instant.ofEpochMilli(millis.getAndIncrement());
        }
    }
}
