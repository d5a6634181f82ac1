package dev.railyard.engine.plan;

import java.util.List;
import java.util.stream.Collectors;

/** A plan file that cannot be read: every error carries the key path and the line and column. */
public final class PlanLoadException extends Exception {

    /** One thing wrong with the file as text or structure; {@code line}/{@code column} are 1-based, 0 if unknown. */
    public record Error(String path, int line, int column, String message) {
        @Override
        public String toString() {
            String where = line > 0 ? "line " + line + ", column " + column : "unknown position";
            return (path == null || path.isEmpty() ? "" : path + ": ") + message + " (" + where + ")";
        }
    }

    private final String source;
    private final List<Error> errors;

    public PlanLoadException(String source, List<Error> errors) {
        super(source + ": " + errors.stream().map(Error::toString).collect(Collectors.joining("; ")));
        this.source = source;
        this.errors = List.copyOf(errors);
    }

    public String source() {
        return source;
    }

    public List<Error> errors() {
        return errors;
    }
}
