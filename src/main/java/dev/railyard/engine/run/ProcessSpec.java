package dev.railyard.engine.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A child process to start: the command (never holding a secret: secrets go in {@code environment}),
 * its folder, and variables added to Railyard's own environment.
 */
public record ProcessSpec(List<String> command, Path workingDir, Map<String, String> environment) {

    public ProcessSpec {
        command = List.copyOf(command);
        if (command.isEmpty()) throw new IllegalArgumentException("command: at least the program is needed");
        Objects.requireNonNull(workingDir, "workingDir");
        environment = Map.copyOf(environment);
    }

    /** For logs: the command line alone, which by construction holds no secret. */
    public String describe() {
        return String.join(" ", command);
    }
}
