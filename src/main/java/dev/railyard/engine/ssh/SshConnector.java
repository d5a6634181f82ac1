package dev.railyard.engine.ssh;

/**
 * Opens SSH sessions: {@link SshSessions} over the network with sshj; the demo's simulation to its simulated
 * servers. A failure is an {@link SshFailure} that says what happened to which host and port.
 */
@FunctionalInterface
public interface SshConnector {
    SshSession connect(SshTarget target, HostKeyPolicy policy) throws SshFailure;
}
