package dev.railyard.engine.ssh;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

/**
 * Opens SSH connections with sshj and turns every way they fail into an {@link SshFailure} that says
 * what happened to which host and port, within the timeout given.
 */
public final class SshSessions implements SshConnector {

    private final Duration timeout;

    public SshSessions(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public SshSession connect(SshTarget target, HostKeyPolicy policy) throws SshFailure {
        if (!Files.isReadable(target.identityFile())) {
            throw new SshFailure(SshFailure.Reason.KEY_UNREADABLE, "cannot read the SSH private key " + target.identityFile()
                    + " (for " + target.describe() + "); check the plan's sshKey and the file's permissions", null);
        }
        SSHClient client = new SSHClient(new DefaultConfig());
        AtomicReference<String> refused = new AtomicReference<>();
        AtomicReference<PublicKey> presented = new AtomicReference<>();
        client.addHostKeyVerifier(new HostKeyVerifier() {
            @Override
            public boolean verify(String hostname, int port, PublicKey key) {
                presented.set(key);
                String problem = policy.check(target.host(), target.port(), key);
                refused.set(problem);
                return problem == null;
            }

            @Override
            public List<String> findExistingAlgorithms(String hostname, int port) {
                return List.of();
            }
        });
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        client.setConnectTimeout(millis);
        client.setTimeout(millis);
        try {
            client.connect(target.host(), target.port());
        } catch (ConnectException e) {
            close(client);
            throw new SshFailure(SshFailure.Reason.REFUSED, "connection to " + target.host() + " port " + target.port()
                    + " refused: nothing listens there (sshd not started yet, or on another port; Railyard's servers"
                    + " move sshd off 22 at first boot)", e);
        } catch (SocketTimeoutException e) {
            close(client);
            throw new SshFailure(SshFailure.Reason.TIMEOUT, "no answer from " + target.host() + " port " + target.port()
                    + " within " + timeout.toSeconds() + " s (a firewall dropping packets, a wrong address, or the server is down)", e);
        } catch (UnknownHostException | NoRouteToHostException e) {
            close(client);
            throw new SshFailure(SshFailure.Reason.UNREACHABLE, "cannot reach " + target.host() + " port " + target.port()
                    + ": " + e.getMessage(), e);
        } catch (TransportException e) {
            close(client);
            if (refused.get() != null) throw new SshFailure(SshFailure.Reason.HOST_KEY_MISMATCH, refused.get(), e);
            throw new SshFailure(SshFailure.Reason.OTHER, "SSH handshake with " + target.host() + " port " + target.port()
                    + " failed: " + e.getMessage() + " (is it an SSH server?)", e);
        } catch (IOException e) {
            close(client);
            throw new SshFailure(SshFailure.Reason.OTHER, "cannot connect to " + target.host() + " port " + target.port() + ": " + e, e);
        }
        try {
            KeyProvider key = client.loadKeys(target.identityFile().toString());
            client.authPublickey(target.user(), key);
        } catch (UserAuthException e) {
            close(client);
            throw new SshFailure(SshFailure.Reason.AUTH_FAILED, target.host() + " port " + target.port() + " did not accept the key "
                    + target.identityFile() + " for user '" + target.user() + "' (wrong user, or the public key is not in its"
                    + " authorized_keys)", e);
        } catch (IOException e) {
            close(client);
            throw new SshFailure(SshFailure.Reason.KEY_UNREADABLE, "cannot use the SSH key " + target.identityFile() + " for "
                    + target.describe() + ": " + e.getMessage() + " (a key with a passphrase needs an agent; Railyard reads"
                    + " unencrypted OpenSSH keys)", e);
        }
        return new SshjSession(client, target, presented.get());
    }

    private static void close(SSHClient client) {
        try {
            client.close();
        } catch (IOException ignored) {
            // already failing; the original error is the one to report
        }
    }
}
