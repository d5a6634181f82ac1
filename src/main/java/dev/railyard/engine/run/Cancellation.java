package dev.railyard.engine.run;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A cancel request shared by a run and everything it starts. Work registers what to do on cancel (stop
 * a process, close an SSH session) and checks {@link #throwIfCancelled()} between blocking calls.
 */
public final class Cancellation {

    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();

    public void cancel() {
        if (cancelled.getCount() == 0) return;
        cancelled.countDown();
        for (Runnable callback : callbacks) {
            try {
                callback.run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Cancellation.class).warn("cancel callback failed", e);
            }
        }
    }

    public boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    public void throwIfCancelled() {
        if (isCancelled()) throw new CancelledException();
    }

    /** Runs {@code callback} on cancel (at once when already cancelled); close the handle when done. */
    public AutoCloseable onCancel(Runnable callback) {
        callbacks.add(callback);
        if (isCancelled()) callback.run();
        return () -> callbacks.remove(callback);
    }

    /** Sleeps, waking early (with {@link CancelledException}) on cancel. */
    public void sleep(long millis) {
        try {
            if (cancelled.await(millis, TimeUnit.MILLISECONDS)) throw new CancelledException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
    }

    /** Thrown where work stops because the user cancelled. */
    public static final class CancelledException extends RuntimeException {
        public CancelledException() {
            super("cancelled by the user");
        }
    }
}
