package dev.railyard.engine.ssh;

/** Receives a remote command's output line by line, on reader threads. */
@FunctionalInterface
public interface RemoteOutput {
    /** {@code error}: the line came from stderr. */
    void line(boolean error, String text);
}
