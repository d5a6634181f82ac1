package dev.railyard.ui.run;

import dev.railyard.engine.run.LogLine;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ObservableListBase;

/**
 * The log view's window: the newest {@code capacity} lines in an array used as a ring, so index access
 * (what a virtualised ListView does all the time) is O(1) and trimming the oldest lines is one change
 * event, not one per line. The file on disk keeps everything. FX thread only.
 */
final class LogRing extends ObservableListBase<LogLine> {

    private final LogLine[] lines;
    private int start;
    private int size;

    LogRing(int capacity) {
        this.lines = new LogLine[capacity];
    }

    @Override
    public LogLine get(int index) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException(index + " of " + size);
        return lines[(start + index) % lines.length];
    }

    @Override
    public int size() {
        return size;
    }

    int capacity() {
        return lines.length;
    }

    /** Replaces the whole content (a new filter) as one change. */
    void reset(List<LogLine> content) {
        List<LogLine> removed = new ArrayList<>(this);
        java.util.Arrays.fill(lines, null);
        start = 0;
        size = 0;
        List<LogLine> incoming = content.size() > lines.length ? content.subList(content.size() - lines.length, content.size()) : content;
        for (LogLine line : incoming) lines[size++] = line;
        beginChange();
        if (!removed.isEmpty()) nextRemove(0, removed);
        if (size > 0) nextAdd(0, size);
        endChange();
    }

    /** Appends a batch, dropping the oldest lines beyond capacity, as one change. */
    void append(List<LogLine> batch) {
        if (batch.isEmpty()) return;
        List<LogLine> incoming = batch.size() > lines.length ? batch.subList(batch.size() - lines.length, batch.size()) : batch;
        int overflow = Math.max(0, size + incoming.size() - lines.length);
        List<LogLine> removed = new ArrayList<>(overflow);
        for (int i = 0; i < overflow; i++) removed.add(get(i));
        start = (start + overflow) % lines.length;
        size -= overflow;
        int from = size;
        for (LogLine line : incoming) {
            lines[(start + size) % lines.length] = line;
            size++;
        }
        beginChange();
        if (overflow > 0) nextRemove(0, removed);
        nextAdd(from, size);
        endChange();
    }
}
