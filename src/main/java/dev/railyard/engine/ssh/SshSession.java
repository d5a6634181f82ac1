package dev.railyard.engine.ssh;

import java.io.IOException;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One authenticated connection to a server. Commands stream their output line by line and return their exit
 * status. Environment variables for a command (a join token) travel on the command's stdin and are exported by
 * the remote shell, never on its command line. {@link SshjSession} is the real one.
 */
public interface SshSession extends AutoCloseable {

    /** The server's host key as an OpenSSH public key line ("ssh-ed25519 AAAA..."), for pinning. */
    String hostKeyLine();

    SshTarget target();

    /**
     * Runs {@code command} (a shell command line without secrets) with {@code environment} exported
     * first. Returns the exit status; -1 when the server gave none (connection lost, cancelled).
     * {@code cancelled} is polled: when it turns true the command is interrupted.
     */
    int exec(String command, Map<String, String> environment, RemoteOutput output, BooleanSupplier cancelled) throws IOException;

    /** Runs a command with no environment and no input. */
    int exec(String command, RemoteOutput output) throws IOException;

    /** Runs a command and returns its stdout (for small results such as a kubeconfig). */
    String read(String command) throws IOException;

    /** Writes {@code content} to {@code remoteDir/fileName} (created 0600 in a 0700 folder). */
    void upload(byte[] content, String remoteDir, String fileName) throws IOException;

    @Override
    void close();
}
