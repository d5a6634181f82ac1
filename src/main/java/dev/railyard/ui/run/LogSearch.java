package dev.railyard.ui.run;

import dev.railyard.engine.run.LogLine;
import java.util.List;

/**
 * Finding text in the log view's window: case-insensitive, over a line's text, source and step. One
 * pass over the window both counts the matches and finds the next one, so "n of m" is always exact;
 * at 100,000 lines that pass takes a few milliseconds, short enough to run on every key press.
 */
final class LogSearch {

    /** Where a search landed: {@code index} in the list, {@code rank} (1-based) of {@code count}. */
    record Hit(int index, int rank, int count) {
        static final Hit NONE = new Hit(-1, 0, 0);

        boolean found() {
            return index >= 0;
        }
    }

    private LogSearch() {}

    static boolean matches(LogLine line, String query) {
        return containsIgnoreCase(line.text(), query) || containsIgnoreCase(line.source(), query)
                || containsIgnoreCase(line.step(), query);
    }

    /**
     * The match after {@code from} (or before it, going back), wrapping around the ends;
     * {@code from} -1 starts at the top going forward and at the bottom going back.
     */
    static Hit find(List<LogLine> lines, String query, int from, boolean forward) {
        if (query == null || query.isEmpty()) return Hit.NONE;
        int size = lines.size();
        int count = 0;
        int first = -1;
        int last = -1;
        int after = -1;
        int afterRank = 0;
        int before = -1;
        int beforeRank = 0;
        for (int i = 0; i < size; i++) {
            if (!matches(lines.get(i), query)) continue;
            count++;
            if (first < 0) first = i;
            last = i;
            if (i > from && after < 0) {
                after = i;
                afterRank = count;
            }
            if (i < from || from < 0) {
                before = i;
                beforeRank = count;
            }
        }
        if (count == 0) return new Hit(-1, 0, 0);
        if (forward) return after >= 0 ? new Hit(after, afterRank, count) : new Hit(first, 1, count);
        return before >= 0 ? new Hit(before, beforeRank, count) : new Hit(last, count, count);
    }

    /** {@code String.contains} ignoring case without allocating a lower-cased copy of every line. */
    static boolean containsIgnoreCase(String text, String query) {
        int n = query.length();
        if (n == 0) return true;
        int limit = text.length() - n;
        if (limit < 0) return false;
        char lower = Character.toLowerCase(query.charAt(0));
        char upper = Character.toUpperCase(query.charAt(0));
        for (int i = 0; i <= limit; i++) {
            char c = text.charAt(i);
            if ((c == lower || c == upper) && text.regionMatches(true, i + 1, query, 1, n - 1)) return true;
        }
        return false;
    }
}
