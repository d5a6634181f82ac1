package dev.railyard.engine.cluster;

import java.util.Optional;

/**
 * Fixes a finding on the user's behalf, where that can be done. The real world has none: Railyard never changes a
 * firewall or a cloud account by itself, it says what to do ({@link Finding#fix()}). The demo's simulated world
 * carries out a finding's own fix on the simulated servers, so the health panel can show it working.
 */
@FunctionalInterface
public interface Remedies {

    /** What would be done for {@code finding}, if anything can be. */
    Optional<Remedy> forFinding(Finding finding);

    /** {@code summary}: what {@code apply} changes, in words for a button's confirmation and the log. */
    record Remedy(String code, String summary, Runnable apply) {}

    Remedies NONE = finding -> Optional.empty();
}
