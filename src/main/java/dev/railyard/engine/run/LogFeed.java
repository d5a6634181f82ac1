package dev.railyard.engine.run;

import java.util.Collection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded hand-over from the threads that produce log lines to one consumer that drains them in
 * batches. Producers never wait: when the consumer falls behind, the newest lines are counted as
 * dropped (the files on disk still have them) so a slow screen cannot stall terraform's pipes.
 */
public final class LogFeed {

    private final ArrayBlockingQueue<LogLine> queue;
    private final AtomicLong dropped = new AtomicLong();

    LogFeed(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    void offer(LogLine line) {
        if (!queue.offer(line)) dropped.incrementAndGet();
    }

    /** Moves up to {@code max} lines into {@code into}; returns how many. */
    public int drainTo(Collection<? super LogLine> into, int max) {
        return queue.drainTo(into, max);
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Lines not delivered because the queue was full, since the feed was created. */
    public long dropped() {
        return dropped.get();
    }
}
