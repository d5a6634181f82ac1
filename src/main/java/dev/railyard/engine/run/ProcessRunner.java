package dev.railyard.engine.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs real child processes. stdout and stderr are read on threads of their own (a full pipe must
 * never block the child), line by line, and handed to a {@link OutputHandler} on those threads.
 *
 * <p>Cancel is polite first: the OS's {@link PoliteStop} (SIGINT on POSIX, what Terraform documents as a
 * graceful stop; Ctrl-Break on Windows; {@link ProcessHandle#destroy()} when it cannot be sent), then
 * after the grace period every process of the tree still alive is killed, descendants included, so
 * nothing holds the pipes open.
 */
public final class ProcessRunner implements ChildProcesses {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);

    /** Receives each line of output; called from the reader threads. */
    @FunctionalInterface
    public interface OutputHandler {
        void line(LogLine.Kind stream, String text);

        /** Called when a reader has no more buffered input: a good moment to flush files. */
        default void idle() {}
    }

    /** How often a stop looks at the child's process tree again during the grace period. */
    static final Duration TREE_POLL = Duration.ofMillis(100);
    private final Duration grace;
    private final PoliteStop politeStop;

    public ProcessRunner(Duration grace) {
        this(grace, PoliteStop.current());
    }

    public ProcessRunner(Duration grace, PoliteStop politeStop) {
        this.grace = grace;
        this.politeStop = politeStop;
    }

    public Duration grace() {
        return grace;
    }

    @Override
    public ProcessResult run(ProcessSpec spec, OutputHandler handler, Cancellation cancellation) throws IOException {
        cancellation.throwIfCancelled();
        ProcessBuilder builder = new ProcessBuilder(spec.command()).directory(spec.workingDir().toFile());
        builder.environment().putAll(spec.environment());
        long started = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        Thread out = drain(process.getInputStream(), LogLine.Kind.OUT, handler, spec.command().get(0) + "-stdout");
        Thread err = drain(process.getErrorStream(), LogLine.Kind.ERR, handler, spec.command().get(0) + "-stderr");
        Stopper stopper = new Stopper(process);
        try (AutoCloseable registration = cancellation.onCancel(stopper::stopInBackground)) {
            int exit = waitFor(process);
            joinReaders(out, err, process);
            return new ProcessResult(exit, Duration.ofNanos(System.nanoTime() - started), stopper.requested, stopper.forced);
        } catch (IOException | RuntimeException e) {
            stopper.stopNow();
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits for the child's exit. An interrupt of the run's thread destroys the child once and keeps
     * waiting for it to be gone (its exit status and the state file depend on it); the interrupt is
     * restored afterwards. Re-setting the flag inside the loop would make every following waitFor throw
     * at once: a busy spin calling destroyForcibly until the child is reaped (slow on Windows).
     */
    static int waitFor(Process process) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return process.waitFor();
                } catch (InterruptedException e) {
                    if (!interrupted) process.destroyForcibly();
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private static void joinReaders(Thread out, Thread err, Process process) {
        for (Thread t : List.of(out, err)) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                // A grandchild kept the pipe open after the child exited; it is not ours to wait for.
                LOG.warn("output of pid {} still open after exit; closing it", process.pid());
                try {
                    (t == out ? process.getInputStream() : process.getErrorStream()).close();
                } catch (IOException ignored) {
                    // closing is best effort
                }
            }
        }
    }

    private static Thread drain(InputStream stream, LogLine.Kind kind, OutputHandler handler, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 1 << 16)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    handler.line(kind, line);
                    if (!reader.ready()) handler.idle();
                }
            } catch (IOException e) {
                LOG.debug("reader {} ended: {}", name, e.toString());
            } catch (RuntimeException e) {
                LOG.error("output handler failed on {}", name, e);
            }
            try {
                handler.idle();
            } catch (RuntimeException e) {
                // a reader that outlived its run (a grandchild held the pipe) finds the run's log closed
                LOG.debug("output handler of {} after its run: {}", name, e.toString());
            }
        }, "proc-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Stops one process tree: polite signal, grace, then force. */
    private final class Stopper {
        private final Process process;
        private volatile boolean requested;
        private volatile boolean forced;

        Stopper(Process process) {
            this.process = process;
        }

        void stopInBackground() {
            Thread t = new Thread(this::stopNow, "stop-" + process.pid());
            t.setDaemon(true);
            t.start();
        }

        void stopNow() {
            if (!process.isAlive()) return;
            requested = true;
            Set<ProcessHandle> tree = new LinkedHashSet<>();
            process.descendants().forEach(tree::add);
            LOG.info("stopping pid {} (and {} descendants): {}, then force after {}", process.pid(), tree.size(), politeStop.describe(), grace);
            interrupt(process.toHandle());
            try {
                // the tree is looked at again while the child takes its time: what it forks after the
                // signal (a cleanup job, a shell's last command) is an orphan once the child has gone,
                // out of reach of descendants(), and would keep the output pipes open past the run
                long deadline = System.nanoTime() + grace.toNanos();
                while (true) {
                    long left = Math.max(0, deadline - System.nanoTime());
                    if (process.waitFor(Math.min(left, TREE_POLL.toNanos()), TimeUnit.NANOSECONDS)) {
                        killAll(tree, false);
                        return;
                    }
                    if (left == 0) break;
                    process.descendants().forEach(tree::add);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            forced = true;
            process.descendants().forEach(tree::add);
            killAll(tree, true);
            process.destroyForcibly();
        }

        private void killAll(Set<ProcessHandle> tree, boolean force) {
            for (ProcessHandle h : tree) {
                if (h.isAlive()) {
                    if (force) h.destroyForcibly(); else h.destroy();
                }
            }
        }

        private void interrupt(ProcessHandle handle) {
            if (!politeStop.send(handle)) handle.destroy();
        }
    }
}
