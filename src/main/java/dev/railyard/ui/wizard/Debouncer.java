package dev.railyard.ui.wizard;

/**
 * Runs an action once after a burst of calls has settled. The UI uses {@link FxDebouncer}; view-model
 * tests use {@link #IMMEDIATE} so they need no FX toolkit and no waiting.
 */
@FunctionalInterface
public interface Debouncer {

    void schedule(Runnable action);

    Debouncer IMMEDIATE = Runnable::run;
}
