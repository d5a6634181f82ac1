package dev.railyard.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TcpBannerProbeTest {

    @Test
    void readsTheOpenSshBannerWithoutSendingAnything() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Integer> clientSent = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept()) {
                    OutputStream out = s.getOutputStream();
                    out.write("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    s.setSoTimeout(1000);
                    try {
                        return s.getInputStream().read();
                    } catch (IOException timeoutOrClose) {
                        return -1;
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });

            HostProbeResult result = new TcpBannerProbe().probe("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(2));

            assertThat(result.answered()).isTrue();
            assertThat(result.banner()).isEqualTo("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3");
            assertThat(result.isOpenSsh()).isTrue();
            assertThat(clientSent.get()).as("the probe sends nothing, it only reads").isEqualTo(-1);
        }
    }

    @Test
    void reportsAClosedPortAsNotAnswering() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }

        HostProbeResult result = new TcpBannerProbe().probe("127.0.0.1", port, Duration.ofSeconds(1));

        assertThat(result.answered()).isFalse();
        assertThat(result.detail()).isNotBlank();
    }

    @Test
    void openSshOnPort22IsAnErrorAndAMissingSshdOnThePlanPortToo() throws Exception {
        try (ServerSocket fake22 = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture.runAsync(() -> {
                try (Socket s = fake22.accept()) {
                    s.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    Thread.sleep(200);
                } catch (IOException | InterruptedException e) {
                    // the probe hung up: fine
                }
            });
            HostProbeResult on22 = new TcpBannerProbe().probe("127.0.0.1", fake22.getLocalPort(), Duration.ofSeconds(2));
            // what the probe saw on the loopback port stands for what it would see on the host's port 22
            HostProbeResult asPort22 = new HostProbeResult("203.0.113.10", 22, on22.answered(), on22.banner(), on22.detail());
            HostProbeResult sshd = new HostProbeResult("203.0.113.10", 2244, false, "", "no answer within 3000 ms");
            ClusterSnapshot snapshot = ClusterScenarios.healthy().snapshot().withHostProbes(java.util.List.of(asPort22, sshd));

            HealthReport report = HealthChecks.standard().evaluate(snapshot, ClusterScenarios.plan());

            assertThat(report.findings()).extracting(Finding::code).containsExactlyInAnyOrder("RY-SSH-001", "RY-SSH-003");
            assertThat(report.findings()).filteredOn(f -> f.code().equals("RY-SSH-003")).singleElement()
                    .satisfies(f -> assertThat(f.evidence()).containsExactly("203.0.113.10:22: banner 'SSH-2.0-OpenSSH_9.2'"))
                    // a failed move now fails the boot (issue 11, finding 2): the fix says where the boot says why
                    .satisfies(f -> assertThat(f.fix()).contains("cloud-init status --long", "railyard-ssh-port"));
        }
    }
}
