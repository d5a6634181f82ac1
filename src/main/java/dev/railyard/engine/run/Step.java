package dev.railyard.engine.run;

/**
 * A named unit of a run. A step must be safe to run again after it failed or was interrupted:
 * resume re-runs the step that was running when the app died.
 */
public interface Step {

    /** Stable identifier, used in the state file, log file names and log prefixes ("terraform-apply"). */
    String name();

    /** What a person reads in the step list. */
    String title();

    void run(StepContext context) throws Exception;

    /** A step whose failure the user must fix before anything is spent (preflight). */
    default boolean isPreflight() {
        return false;
    }
}
