package dev.railyard.ui.run;

import dev.railyard.engine.run.LogLine;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The log view's window: the newest {@code capacity} lines in an array used as a ring, so index access
 * is O(1) and trimming the oldest lines costs nothing per line. Not observable on purpose: the view
 * that draws it ({@link LogLines}) is told once per batch, not once per change. The file on disk keeps
 * everything. FX thread only.
 */
final class LogRing extends AbstractList<LogLine> implements RandomAccess {

    private final LogLine[] lines;
    private int start;
    private int size;
    private long evicted;

    LogRing(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("window: at least 1 line, was " + capacity);
        this.lines = new LogLine[capacity];
    }

    @Override
    public LogLine get(int index) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException(index + " of " + size);
        int at = start + index;
        return lines[at < lines.length ? at : at - lines.length];
    }

    @Override
    public int size() {
        return size;
    }

    int capacity() {
        return lines.length;
    }

    /** Lines pushed out of the front since the ring was made or reset: index + evicted is a stable position. */
    long evicted() {
        return evicted;
    }

    /** Replaces the whole content (a new filter). */
    void reset(List<LogLine> content) {
        Arrays.fill(lines, null);
        start = 0;
        size = 0;
        evicted = 0;
        append(content);
    }

    /** Appends a batch, dropping the oldest lines beyond capacity. */
    void append(List<LogLine> batch) {
        if (batch.isEmpty()) return;
        List<LogLine> incoming = batch.size() > lines.length ? batch.subList(batch.size() - lines.length, batch.size()) : batch;
        int overflow = Math.max(0, size + incoming.size() - lines.length);
        evicted += overflow + (batch.size() - incoming.size());
        start = (start + overflow) % lines.length;
        size -= overflow;
        for (LogLine line : incoming) {
            lines[(start + size) % lines.length] = line;
            size++;
        }
    }
}
