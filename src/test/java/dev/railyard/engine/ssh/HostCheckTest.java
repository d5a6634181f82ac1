package dev.railyard.engine.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.testsupport.OpenSshServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wizard's Test SSH against a real OpenSSH server on 127.0.0.1 and a free port. */
class HostCheckTest {

    @TempDir
    static Path sshdDir;
    static OpenSshServer sshd;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = OpenSshServer.start(sshdDir);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) sshd.close();
    }

    private static String local(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }

    /** PRETTY_NAME from os-release, unquoted as the shell's {@code .} would ("unknown" without the file). */
    private static String prettyName(Path osRelease) throws Exception {
        if (!java.nio.file.Files.isRegularFile(osRelease)) return "unknown";
        return java.nio.file.Files.readAllLines(osRelease).stream().filter(l -> l.startsWith("PRETTY_NAME="))
                .map(l -> l.substring("PRETTY_NAME=".length()).replaceAll("^\"|\"$", "")).findFirst().orElse("");
    }

    static SshTarget target(int port, String user) {
        return new SshTarget("rpi-node-1", "127.0.0.1", port, user, sshd.clientKey);
    }

    @Test
    void reportsUserRightsSystemAndTheHostKeysFingerprintWithoutChangingAnything() throws Exception {
        String me = System.getProperty("user.name");
        HostCheck check = HostCheck.run(new SshSessions(Duration.ofSeconds(5)), target(sshd.port, me));

        assertThat(check.answered()).as(check.problem()).isTrue();
        assertThat(check.user()).isEqualTo(me);
        assertThat(check.root()).isEqualTo("root".equals(me));
        assertThat(check.fingerprint()).isEqualTo(sshd.hostKeys.fingerprint());
        assertThat(check.hostKeyType()).isEqualTo("ssh-ed25519");
        // the server is this machine: what it reports must be what this machine says of itself
        assertThat(check.arch()).isEqualTo(local("uname", "-m"));
        assertThat(check.os()).isEqualTo(prettyName(Path.of("/etc/os-release")));
        assertThat(check.describe()).contains("answers:").contains(sshd.hostKeys.fingerprint())
                .contains("ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub").contains("architecture " + check.arch())
                .contains("kernel " + check.facts().kernel());
        assertThat(check.facts().cgroup()).isIn("v1", "v2");
        assertThat(check.gitpodProblems()).as("this amd64 machine can run Gitpod").isEmpty();
    }

    @Test
    void testSshShowsTheArchitectureAndThatGitpodCannotRunOnArm64() throws Exception {
        sshd.installTool("uname", "#!/bin/sh\nif [ \"$1\" = -m ]; then echo aarch64; else /bin/uname \"$@\"; fi\n");
        try {
            HostCheck check = HostCheck.run(new SshSessions(Duration.ofSeconds(5)), target(sshd.port, System.getProperty("user.name")));
            assertThat(check.arch()).isEqualTo("aarch64");
            assertThat(check.describe()).contains("architecture aarch64").contains("Gitpod cannot be installed here")
                    .contains("amd64 (x86_64) only");
        } finally {
            java.nio.file.Files.delete(sshd.bin.resolve("uname"));
        }
    }

    @Test
    void gitpod2022_11_3KernelMinimumIs5_4AndUbuntu24RestrictsUserNamespaces() {
        assertThat(HostCheck.Facts.parse("5.4.0-150-generic", "cgroup2fs", "ubuntu|debian|20.04").kernelAtLeastMinimum()).isTrue();
        assertThat(HostCheck.Facts.parse("5.3.18", "tmpfs", "debian||10").kernelAtLeastMinimum()).isFalse();
        assertThat(HostCheck.Facts.parse("6.8.0-45-generic", "cgroup2fs", "ubuntu|debian|24.04").restrictsUserNamespaces()).isTrue();
        assertThat(HostCheck.Facts.parse("5.15.0-1-generic", "cgroup2fs", "ubuntu|debian|22.04").restrictsUserNamespaces()).isFalse();
        assertThat(HostCheck.Facts.parse("6.1.0", "tmpfs", "debian||12").cgroup()).isEqualTo("v1");
    }

    @Test
    void aClosedPortIsAClearProblemWithinTheTimeout() throws Exception {
        int closed = OpenSshServer.freePort();
        long start = System.nanoTime();
        HostCheck check = HostCheck.run(new SshSessions(Duration.ofSeconds(3)), target(closed, "nobody"));
        assertThat(check.answered()).isFalse();
        assertThat(check.canInstall()).isFalse();
        assertThat(check.problem()).contains(String.valueOf(closed));
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
    }

    @Test
    void aUserWhoseKeyIsNotAuthorizedIsNamed() {
        HostCheck check = HostCheck.run(new SshSessions(Duration.ofSeconds(5)), target(sshd.port, "no-such-user-xyz"));
        assertThat(check.answered()).isFalse();
        assertThat(check.problem()).contains("no-such-user-xyz");
    }
}
