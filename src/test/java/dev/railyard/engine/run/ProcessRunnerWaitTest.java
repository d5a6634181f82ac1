package dev.railyard.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An interrupted run thread destroys its child once and waits for it, without spinning. The child is a
 * stand-in {@link Process} that takes 300 ms to go after it is destroyed, as a Windows process tree can.
 */
class ProcessRunnerWaitTest {

    static final class SlowToDie extends Process {
        final AtomicInteger destroyCalls = new AtomicInteger();
        final CountDownLatch gone = new CountDownLatch(1);

        @Override public OutputStream getOutputStream() { return OutputStream.nullOutputStream(); }
        @Override public InputStream getInputStream() { return InputStream.nullInputStream(); }
        @Override public InputStream getErrorStream() { return InputStream.nullInputStream(); }
        @Override public int exitValue() { return 137; }
        @Override public void destroy() { destroyForcibly(); }

        @Override
        public Process destroyForcibly() {
            if (destroyCalls.incrementAndGet() == 1) {
                Thread reaper = new Thread(() -> {
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException ignored) {
                        // the test ends anyway
                    }
                    gone.countDown();
                });
                reaper.setDaemon(true);
                reaper.start();
            }
            return this;
        }

        @Override
        public int waitFor() throws InterruptedException {
            if (gone.getCount() == 0) return 137; // like the JDK's: an exited process answers even to an interrupted thread
            gone.await(); // otherwise it throws at once while the caller's interrupt flag is set
            return 137;
        }
    }

    @Test
    void anInterruptDestroysTheChildOnceWaitsForItAndRestoresTheFlag() throws Exception {
        SlowToDie child = new SlowToDie();
        AtomicInteger exit = new AtomicInteger(-1);
        AtomicBoolean flagAfterwards = new AtomicBoolean();
        Thread run = new Thread(() -> {
            exit.set(ProcessRunner.waitFor(child));
            flagAfterwards.set(Thread.currentThread().isInterrupted());
        });
        run.start();
        Thread.sleep(100);
        run.interrupt();
        run.join(TimeUnit.SECONDS.toMillis(5));

        assertThat(run.isAlive()).isFalse();
        assertThat(exit.get()).isEqualTo(137);
        assertThat(child.destroyCalls.get()).as("destroyForcibly calls while the child went away").isEqualTo(1);
        assertThat(flagAfterwards.get()).as("the interrupt is kept for the caller").isTrue();
    }
}
