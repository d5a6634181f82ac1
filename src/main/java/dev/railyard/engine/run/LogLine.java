package dev.railyard.engine.run;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One line of a run's log, already redacted. {@code source} is where it came from: a host name for
 * remote output, {@code terraform}, or empty for Railyard's own messages.
 */
public record LogLine(Instant at, String step, String source, Kind kind, String text) {

    public enum Kind { OUT, ERR, INFO, WARN, ERROR }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** The line as written to the log files: time, step, source, text. */
    public String format() {
        StringBuilder b = new StringBuilder(text.length() + 48);
        b.append(TIME.format(at)).append(' ').append('[').append(step).append(']');
        if (source != null && !source.isEmpty()) b.append(' ').append(source).append(':');
        if (kind == Kind.WARN) b.append(" WARN");
        if (kind == Kind.ERROR) b.append(" ERROR");
        return b.append(' ').append(text).toString();
    }

    /** The line for a terminal: step and source as prefixes, no time stamp. */
    public String formatForConsole() {
        StringBuilder b = new StringBuilder(text.length() + 32).append('[').append(step).append(']');
        if (source != null && !source.isEmpty()) b.append(' ').append(source).append(':');
        if (kind == Kind.WARN) b.append(" WARN");
        if (kind == Kind.ERROR) b.append(" ERROR");
        return b.append(' ').append(text).toString();
    }
}
