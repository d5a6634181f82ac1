package dev.railyard.engine.run;

import java.io.IOException;

/**
 * Where the steps' child processes (Terraform, its version check, its outputs) are run: {@link ProcessRunner}
 * starts real ones; the demo's simulation answers in-process. Steps only see this interface.
 */
public interface ChildProcesses {

    /** Runs {@code spec} to its end, handing each output line to {@code handler}; {@code cancellation} stops it. */
    ProcessResult run(ProcessSpec spec, ProcessRunner.OutputHandler handler, Cancellation cancellation) throws IOException;
}
