package dev.railyard.engine.demo;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When the simulated cluster first saw each thing happen ("helmchart", "gitpod-installed", "certificate/NS/NAME"), on
 * the demo's clock: each controller acts a fixed number of paced seconds after what it waits for, so a demo run tells
 * the same story at every pace.
 */
final class ClusterTimeline {

    private final Pace pace;
    private final Map<String, Instant> seen = new LinkedHashMap<>();

    ClusterTimeline(Pace pace) {
        this.pace = pace;
    }

    Instant now() {
        return pace.now();
    }

    /** When {@code event} was first seen; now, if this is the first time it is asked about. */
    Instant firstSeen(String event) {
        return seen.computeIfAbsent(event, k -> pace.now());
    }

    /** Records that {@code event} happened now, whether or not it had been seen before. */
    void happened(String event) {
        seen.put(event, pace.now());
    }

    /** When {@code event} happened, or null while it has not. */
    Instant at(String event) {
        return seen.get(event);
    }

    boolean passed(Instant since, int seconds) {
        return pace.passed(since, seconds);
    }

    /** The time since {@code since}, in the demo's seconds (a fast pace makes them short). */
    long secondsSince(Instant since) {
        return java.time.Duration.between(since, pace.now()).toNanos() / pace.seconds(1).toNanos();
    }
}
