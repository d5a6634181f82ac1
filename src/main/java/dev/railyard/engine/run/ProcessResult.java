package dev.railyard.engine.run;

import java.time.Duration;

/** How a child process ended. {@code cancelled}: stopped on request; {@code forced}: it had to be killed. */
public record ProcessResult(int exitCode, Duration duration, boolean cancelled, boolean forced) {

    public boolean succeeded() {
        return exitCode == 0 && !cancelled;
    }
}
