package dev.railyard.engine.run;

/** A step could not do its job; the message says what happened and what to do, for a person. */
public class StepFailedException extends Exception {
    public StepFailedException(String message) {
        super(message);
    }

    public StepFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
