package dev.railyard.engine.ssh;

/**
 * An SSH connection that did not work, with a reason a person can act on. The message always names
 * the host and port; a host-key mismatch also names both fingerprints.
 */
public final class SshFailure extends Exception {

    public enum Reason {
        /** Nothing listens on the port (yet): sshd not started, or moved to another port. */
        REFUSED,
        /** No answer within the timeout: a firewall drops the packets, or the host is down. */
        TIMEOUT,
        /** The name does not resolve or the network is unreachable. */
        UNREACHABLE,
        /** The server did not accept the key. */
        AUTH_FAILED,
        /** The server presented a key Railyard did not expect: stop, never connect anyway. */
        HOST_KEY_MISMATCH,
        /** The private key file cannot be read. */
        KEY_UNREADABLE,
        OTHER
    }

    private final Reason reason;

    public SshFailure(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Worth trying again later (a server still booting), as opposed to a mistake to fix. */
    public boolean isRetryable() {
        return reason == Reason.REFUSED || reason == Reason.TIMEOUT || reason == Reason.UNREACHABLE;
    }
}
