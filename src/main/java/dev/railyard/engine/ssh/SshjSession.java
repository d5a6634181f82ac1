package dev.railyard.engine.ssh;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

/**
 * One authenticated sshj connection. Commands stream their output line by line and return their exit
 * status. Environment variables for a command (a join token) travel on the command's stdin and are
 * exported by the remote shell, never on its command line (where {@code ps} would show them) and
 * without relying on the server's {@code AcceptEnv}.
 */
final class SshjSession implements SshSession {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final SSHClient client;
    private final SshTarget target;
    private final java.security.PublicKey hostKey;

    SshjSession(SSHClient client, SshTarget target, java.security.PublicKey hostKey) {
        this.client = client;
        this.target = target;
        this.hostKey = hostKey;
    }

    /** The server's host key as an OpenSSH public key line ("ssh-ed25519 AAAA..."), for pinning. */
    @Override
    public String hostKeyLine() {
        byte[] wire = PublicKeys.wire(hostKey);
        return PublicKeys.type(wire) + " " + java.util.Base64.getEncoder().encodeToString(wire);
    }

    @Override
    public SshTarget target() {
        return target;
    }

    /**
     * Runs {@code command} (a shell command line without secrets) with {@code environment} exported
     * first. Returns the exit status; -1 when the server gave none (connection lost, cancelled).
     * {@code cancelled} is polled: when it turns true the command gets SIGINT and the channel closes.
     */
    @Override
    public int exec(String command, Map<String, String> environment, RemoteOutput output, BooleanSupplier cancelled)
            throws IOException {
        StringBuilder stdin = new StringBuilder();
        for (Map.Entry<String, String> e : environment.entrySet()) {
            if (!ENV_NAME.matcher(e.getKey()).matches()) throw new IllegalArgumentException("environment name: letters, digits, _; not " + e.getKey());
            if (e.getValue().indexOf('\n') >= 0) throw new IllegalArgumentException("environment " + e.getKey() + ": one line only");
            stdin.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        stdin.append('\n');
        String wrapped = environment.isEmpty() ? command
                : "while IFS= read -r railyard_kv && [ -n \"$railyard_kv\" ]; do export \"$railyard_kv\"; done; unset railyard_kv; "
                + command;
        return run(wrapped, stdin.toString().getBytes(StandardCharsets.UTF_8), output, cancelled);
    }

    /** Runs a command with no environment and no input. */
    @Override
    public int exec(String command, RemoteOutput output) throws IOException {
        return run(command, new byte[0], output, () -> false);
    }

    /** Runs a command and returns its stdout (for small results such as a kubeconfig). */
    @Override
    public String read(String command) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder err = new StringBuilder();
        try (Session session = client.startSession()) {
            Session.Command cmd = session.exec(command);
            cmd.getOutputStream().close();
            Thread errReader = pump(cmd.getErrorStream(), (e, line) -> err.append(line).append('\n'), true);
            cmd.getInputStream().transferTo(out);
            join(errReader);
            cmd.join(30, TimeUnit.SECONDS);
            Integer exit = cmd.getExitStatus();
            if (exit == null || exit != 0) {
                throw new IOException("`" + command + "` on " + target.describe() + " failed (exit " + exit + "): " + err.toString().strip());
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Writes {@code content} to {@code remotePath} (created 0600 in a 0700 folder). */
    @Override
    public void upload(byte[] content, String remoteDir, String fileName) throws IOException {
        String dir = remoteDir.replace("'", "");
        String name = fileName.replace("'", "").replace("/", "");
        String command = "umask 077 && mkdir -p \"" + dir + "\" && cat > \"" + dir + "/" + name + "\"";
        StringBuilder err = new StringBuilder();
        int exit = run(command, content, (e, line) -> err.append(line).append('\n'), () -> false);
        if (exit != 0) throw new IOException("cannot write " + dir + "/" + name + " on " + target.describe() + ": " + err.toString().strip());
    }

    private int run(String command, byte[] stdin, RemoteOutput output, BooleanSupplier cancelled) throws IOException {
        try (Session session = client.startSession()) {
            Session.Command cmd = session.exec(command);
            try (OutputStream in = cmd.getOutputStream()) {
                if (stdin.length > 0) in.write(stdin);
            } catch (net.schmizz.sshj.connection.ConnectionException e) {
                // A command that ends before it reads its input (a quick `cloud-init status`, a failed
                // mkdir before `cat`) closes the channel under the write: its exit status and output say
                // how it went. Writing even nothing to it threw "Stream closed" (SshSessionsTest, in CI).
                if (cmd.isOpen()) throw e;
            }
            Thread out = pump(cmd.getInputStream(), output, false);
            Thread err = pump(cmd.getErrorStream(), output, true);
            boolean interrupted = false;
            while (cmd.isOpen()) {
                if (!interrupted && cancelled.getAsBoolean()) {
                    interrupted = true;
                    try {
                        cmd.signal(Signal.INT);
                    } catch (IOException ignored) {
                        // some servers refuse signals; closing the channel ends the command anyway
                    }
                    cmd.close();
                    break;
                }
                waitBriefly(cmd);
            }
            join(out);
            join(err);
            Integer exit = cmd.getExitStatus();
            return exit == null ? -1 : exit;
        }
    }

    /** sshj's join throws on timeout; here a timeout only means "still running". */
    private static void waitBriefly(Session.Command cmd) throws IOException {
        try {
            cmd.join(200, TimeUnit.MILLISECONDS);
        } catch (net.schmizz.sshj.connection.ConnectionException e) {
            if (!(e.getCause() instanceof java.util.concurrent.TimeoutException)) throw e;
        }
    }

    private static Thread pump(InputStream stream, RemoteOutput output, boolean error) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) output.line(error, line);
            } catch (IOException e) {
                // the channel closed: the command ended or was cancelled
            }
        }, "ssh-" + (error ? "stderr" : "stdout"));
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void join(Thread t) {
        try {
            t.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            client.disconnect();
        } catch (IOException ignored) {
            // nothing to do about a connection that will not close politely
        }
    }
}
