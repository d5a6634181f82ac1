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
        StringBuilder b = new StringBuilder(text.length() + 64);
        appendTime(b, at);
        return appendAfterTime(b).toString();
    }

    /** What {@link #format()} writes after the time stamp. */
    StringBuilder appendAfterTime(StringBuilder b) {
        b.append(' ').append('[').append(step).append(']');
        if (source != null && !source.isEmpty()) b.append(' ').append(source).append(':');
        if (kind == Kind.WARN) b.append(" WARN");
        if (kind == Kind.ERROR) b.append(" ERROR");
        return b.append(' ').append(text);
    }

    /** The line for a terminal: step and source as prefixes, no time stamp. */
    public String formatForConsole() {
        StringBuilder b = new StringBuilder(text.length() + 32).append('[').append(step).append(']');
        if (source != null && !source.isEmpty()) b.append(' ').append(source).append(':');
        if (kind == Kind.WARN) b.append(" WARN");
        if (kind == Kind.ERROR) b.append(" ERROR");
        return b.append(' ').append(text).toString();
    }

    /**
     * {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'} in UTC, written by hand: {@link DateTimeFormatter} costs
     * microseconds a line, the most expensive part of logging a million lines. Years outside
     * 0001..9999 (never in practice) go through the formatter so the text stays the same.
     */
    static void appendTime(StringBuilder b, Instant at) {
        long seconds = at.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = Math.floorMod(seconds, 86_400);
        // civil-from-days (H. Hinnant): proleptic Gregorian, the calendar ISO and java.time use
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 1 || year > 9999) {
            b.append(TIME.format(at));
            return;
        }
        pad(b, (int) year, 4).append('-');
        pad(b, month, 2).append('-');
        pad(b, day, 2).append('T');
        pad(b, secondOfDay / 3600, 2).append(':');
        pad(b, secondOfDay / 60 % 60, 2).append(':');
        pad(b, secondOfDay % 60, 2).append('.');
        pad(b, at.getNano() / 1_000_000, 3).append('Z');
    }

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        for (int divisor = width == 4 ? 1000 : width == 3 ? 100 : 10; divisor > 0; divisor /= 10) {
            b.append((char) ('0' + value / divisor % 10));
        }
        return b;
    }
}
