package dev.railyard.engine.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railyard.testsupport.OpenSshServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SshSessionsTest {

    @TempDir
    static Path dir;
    static OpenSshServer sshd;
    final SshSessions sessions = new SshSessions(Duration.ofSeconds(3));

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = OpenSshServer.start(dir);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) sshd.close();
    }

    SshTarget target() {
        return new SshTarget("manager-1", "127.0.0.1", sshd.port, "root", sshd.clientKey);
    }

    @Test
    void streamsACommandsStdoutAndStderrLineByLineWithItsExitStatus() throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (SshSession session = sessions.connect(target(), HostKeyPolicy.knownKeys(List.of(sshd.hostKeys.publicKeyLine())))) {
            int exit = session.exec("for i in 1 2 3; do echo out-$i; done; echo oops >&2; exit 7",
                    (error, line) -> lines.add((error ? "err:" : "out:") + line));
            assertThat(exit).isEqualTo(7);
        }
        assertThat(lines).containsSubsequence("out:out-1", "out:out-2", "out:out-3").contains("err:oops");
    }

    @Test
    void passesSecretsInTheRemoteEnvironmentNotOnTheCommandLine() throws Exception {
        String token = "K10-canary-token-5b1d";
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (SshSession session = sessions.connect(target(), HostKeyPolicy.knownKeys(List.of(sshd.hostKeys.publicKeyLine())))) {
            int exit = session.exec("echo \"token length ${#K3S_TOKEN}\"; cat /proc/$$/cmdline | tr '\\0' ' '; echo",
                    Map.of("K3S_TOKEN", token), (error, line) -> lines.add(line), () -> false);
            assertThat(exit).isZero();
        }
        assertThat(lines).contains("token length " + token.length());
        assertThat(String.join("\n", lines)).doesNotContain(token);
        assertThat(sshd.log()).doesNotContain(token);
    }

    @Test
    void refusesAServerWhoseHostKeyIsNotTheExpectedOneNamingBothFingerprints() {
        HostKeys other = HostKeys.generateEd25519("someone-else");
        assertThatThrownBy(() -> sessions.connect(target(), HostKeyPolicy.knownKeys(List.of(other.publicKeyLine()))))
                .isInstanceOfSatisfying(SshFailure.class, f -> assertThat(f.reason()).isEqualTo(SshFailure.Reason.HOST_KEY_MISMATCH))
                .hasMessageContaining("127.0.0.1:" + sshd.port)
                .hasMessageContaining(sshd.hostKeys.fingerprint())
                .hasMessageContaining("expected ssh-ed25519 " + other.fingerprint())
                .hasMessageContaining("did not connect");
    }

    @Test
    void trustOnFirstUseIsExplicitAndShowsTheFingerprint() throws Exception {
        List<String> notices = new ArrayList<>();
        try (SshSession session = sessions.connect(target(), HostKeyPolicy.trustOnFirstUse(notices::add))) {
            assertThat(session.read("echo hi")).isEqualTo("hi\n");
        }
        assertThat(notices).singleElement().asString().contains(sshd.hostKeys.fingerprint());
    }

    @Test
    void aWrongPortGivesAClearRefusedErrorWithinTheTimeout() throws Exception {
        int closed = OpenSshServer.freePort();
        long start = System.nanoTime();
        assertThatThrownBy(() -> sessions.connect(target().withPort(closed), HostKeyPolicy.knownKeys(List.of(sshd.hostKeys.publicKeyLine()))))
                .isInstanceOfSatisfying(SshFailure.class, f -> {
                    assertThat(f.reason()).isEqualTo(SshFailure.Reason.REFUSED);
                    assertThat(f.isRetryable()).isTrue();
                })
                .hasMessageContaining("127.0.0.1 port " + closed + " refused");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aKeyTheServerDoesNotKnowIsReportedAsAuthenticationFailure() throws Exception {
        HostKeys stranger = HostKeys.generateEd25519("stranger");
        Path key = dir.resolve("stranger_ed25519");
        java.nio.file.Files.writeString(key, stranger.privateKeyPem());
        SshTarget wrongKey = new SshTarget("manager-1", "127.0.0.1", sshd.port, "root", key);
        assertThatThrownBy(() -> sessions.connect(wrongKey, HostKeyPolicy.knownKeys(List.of(sshd.hostKeys.publicKeyLine()))))
                .isInstanceOfSatisfying(SshFailure.class, f -> assertThat(f.reason()).isEqualTo(SshFailure.Reason.AUTH_FAILED))
                .hasMessageContaining("did not accept the key").hasMessageContaining("user 'root'");
    }

    @Test
    void runsAStandInCloudInitFromTheServersPath() throws Exception {
        sshd.installTool("cloud-init", "#!/bin/sh\n[ \"$1 $2\" = 'status --wait' ] || exit 2\necho '.....'\necho 'status: done'\n");
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (SshSession session = sessions.connect(target(), HostKeyPolicy.knownKeys(List.of(sshd.hostKeys.publicKeyLine())))) {
            assertThat(session.exec("cloud-init status --wait", (e, l) -> lines.add(l))).isZero();
        }
        assertThat(lines).containsExactly(".....", "status: done");
    }
}
