package dev.railyard.engine.validate;

import java.util.Objects;

/**
 * One thing wrong with a plan. {@code path} names the field the way the YAML does
 * ({@code spec.gitpod.domain}, {@code spec.provider.existing.hosts[1].address}) so the UI can show the
 * message next to that field and the CLI can print it.
 */
public record Problem(String path, String message, Severity severity) {

    public Problem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(severity, "severity");
    }

    public static Problem error(String path, String message) {
        return new Problem(path, message, Severity.ERROR);
    }

    public static Problem warning(String path, String message) {
        return new Problem(path, message, Severity.WARNING);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return (isError() ? "error  " : "warning") + " " + path + ": " + message;
    }
}
