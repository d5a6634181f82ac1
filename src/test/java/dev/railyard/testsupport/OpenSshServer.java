package dev.railyard.testsupport;

import dev.railyard.engine.ssh.HostKeys;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server for tests: {@code /usr/sbin/sshd -D -e} on 127.0.0.1 and a free port, with a
 * host key made by {@link HostKeys} (so the test also proves sshd reads that format), a client key from
 * ssh-keygen, and {@code bin/} of its folder first on the PATH of every session (for stand-in tools
 * such as {@code cloud-init}). Runs as the machine's user (root here).
 */
public final class OpenSshServer implements AutoCloseable {

    public final Path dir;
    public final int port;
    public final HostKeys hostKeys;
    public final Path clientKey;
    public final Path bin;
    private final Process process;

    private OpenSshServer(Path dir, int port, HostKeys hostKeys, Path clientKey, Path bin, Process process) {
        this.dir = dir;
        this.port = port;
        this.hostKeys = hostKeys;
        this.clientKey = clientKey;
        this.bin = bin;
        this.process = process;
    }

    public static OpenSshServer start(Path dir) throws Exception {
        return start(dir, HostKeys.generateEd25519("railyard-test-host"));
    }

    /** An sshd whose only host key is {@code hostKeys} (written 0600, as cloud-init writes it on a server). */
    public static OpenSshServer start(Path dir, HostKeys hostKeys) throws Exception {
        return start(dir, hostKeys, freePort());
    }

    /**
     * An sshd whose only host key is {@code hostKeys}, on {@code port} of 127.0.0.1 (a port chosen before it starts, for a
     * test that has to announce it first, as the stand-in terraform does in its {@code ssh_port} output).
     */
    public static OpenSshServer start(Path dir, HostKeys hostKeys, int port) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/sbin/sshd"))) {
            throw new IllegalStateException("no /usr/sbin/sshd: apt-get install -y openssh-server (or run `bash dev/test.sh --tools-only`)");
        }
        Files.createDirectories(Path.of("/run/sshd"));
        Path hostKey = dir.resolve("host_ed25519");
        Files.writeString(hostKey, hostKeys.privateKeyPem());
        Files.setPosixFilePermissions(hostKey, PosixFilePermissions.fromString("rw-------"));
        Path clientKey = dir.resolve("client_ed25519");
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "railyard-test-client", "-f", clientKey.toString()));
        Files.copy(dir.resolve("client_ed25519.pub"), dir.resolve("authorized_keys"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey,
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "StrictModes no",
                "UsePAM no",
                "PermitRootLogin yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PubkeyAuthentication yes",
                // SHLVL=1 makes bash skip ~/.bashrc for ssh commands (its rule: only at shell level 1); this
                // machine's root .bashrc runs `pyenv init`, which costs seconds per command
                "SetEnv PATH=" + bin + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin SHLVL=1",
                "LogLevel VERBOSE",
                ""));
        Process process = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                break;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("sshd did not start: " + Files.readString(dir.resolve("sshd.log")));
                }
                Thread.sleep(50);
            }
        }
        return new OpenSshServer(dir, port, hostKeys, clientKey, bin, process);
    }

    /** Puts an executable script on the server's PATH. */
    public Path installTool(String name, String script) throws IOException {
        Path tool = bin.resolve(name);
        Files.writeString(tool, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        return tool;
    }

    /** Lets the holder of {@code publicKeyFile}'s private half log in too (sshd reads authorized_keys on every login). */
    public void authorize(Path publicKeyFile) throws IOException {
        Files.writeString(dir.resolve("authorized_keys"), Files.readString(publicKeyFile), java.nio.file.StandardOpenOption.APPEND);
    }

    public String log() throws IOException {
        return Files.readString(dir.resolve("sshd.log"));
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException(command + ": " + out);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(3, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
