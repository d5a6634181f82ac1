package dev.railyard.engine.run;

import java.io.IOException;

/**
 * What a running step may use: its log (every line redacted and prefixed with the step), the run's
 * cancellation, and the process runner. One per step execution.
 */
public final class StepContext {

    private final String step;
    private final RunLog log;
    private final Cancellation cancellation;
    private final ChildProcesses runner;

    public StepContext(String step, RunLog log, Cancellation cancellation, ChildProcesses runner) {
        this.step = step;
        this.log = log;
        this.cancellation = cancellation;
        this.runner = runner;
    }

    public String step() {
        return step;
    }

    public Cancellation cancellation() {
        return cancellation;
    }

    /** The run's clock (the one its log stamps lines with), for anything the step records as a time. */
    public java.time.Instant now() {
        return log.now();
    }

    public Redactor redactor() {
        return log.redactor();
    }

    public void info(String text) {
        log.append(step, "", LogLine.Kind.INFO, text);
    }

    public void warn(String text) {
        log.append(step, "", LogLine.Kind.WARN, text);
    }

    public void error(String text) {
        log.append(step, "", LogLine.Kind.ERROR, text);
    }

    /** A line that came from somewhere else: a host, a tool. */
    public void output(String source, LogLine.Kind kind, String text) {
        log.append(step, source, kind, text);
    }

    public void flush() {
        log.flush();
    }

    /** Runs a child process whose every line goes to this step's log under {@code source}. */
    public ProcessResult run(ProcessSpec spec, String source) throws IOException {
        info("$ " + spec.describe());
        return runner.run(spec, new ProcessRunner.OutputHandler() {
            @Override
            public void line(LogLine.Kind stream, String text) {
                output(source, stream, text);
            }

            @Override
            public void idle() {
                log.flush();
            }
        }, cancellation);
    }

    /** Runs a child process with a handler of its own (which should log through this context). */
    public ProcessResult run(ProcessSpec spec, ProcessRunner.OutputHandler handler) throws IOException {
        return run(spec, handler, cancellation);
    }

    /** As above, stopped by {@code stop} too (a step that must end a process on its own terms). */
    public ProcessResult run(ProcessSpec spec, ProcessRunner.OutputHandler handler, Cancellation stop) throws IOException {
        info("$ " + spec.describe());
        return runner.run(spec, handler, stop);
    }
}
