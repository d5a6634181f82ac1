package dev.railyard.ui.health;

import dev.railyard.engine.cluster.HealthReport;

/**
 * Where the panel's findings come from: gather a snapshot and evaluate the checks. Called off the
 * FX thread; may block on the network.
 */
@FunctionalInterface
public interface HealthSource {
    HealthReport evaluate() throws Exception;
}
