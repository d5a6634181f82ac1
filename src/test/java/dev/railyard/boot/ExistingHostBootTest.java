package dev.railyard.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.ssh.HostKeyPolicy;
import dev.railyard.engine.ssh.HostKeys;
import dev.railyard.engine.ssh.SshSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The existing-hosts path on a real guest: a plain Debian 12 server (a sudo user with the admin's key and
 * a host key the admin confirmed; nothing of Railyard), then the generated {@code existing/boot-host-1.sh}
 * run over SSH exactly as provisioning's host-scripts step runs it (uploaded to ~/.railyard, then
 * {@code sudo -n --preserve-env=K3S_TOKEN,K3S_AGENT_TOKEN bash FILE} with the tokens on the channel's stdin), while the
 * admin's connection on port 22 stays open through the move to 2244. Then once more: a rerun changes
 * nothing. Real: sshd, systemd, the script and every helper it writes; stand-in: k3s.
 */
@Tag("boot")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExistingHostBootTest {

    static final int PLAN_SSH_PORT = 2244;
    static final String TOKEN = "K10" + "77aa".repeat(16) + "::server:" + "0c0ffee0".repeat(4);
    static final String AGENT_TOKEN = "railyard-agent-" + "5eed".repeat(8);
    /** What provisioning hands a manager's script: the server token and the agent token (Provisioning, SshSteps). */
    static final Map<String, String> MANAGER_ENVIRONMENT = new java.util.LinkedHashMap<>(Map.of("K3S_TOKEN", TOKEN, "K3S_AGENT_TOKEN", AGENT_TOKEN));

    final HostKeys hostKey = HostKeys.generateEd25519("boot-host-1");
    final HostKeys admin = HostKeys.generateEd25519("admin");
    final HostKeyPolicy pinned = HostKeyPolicy.knownKeys(List.of(hostKey.publicKeyLine()));
    String script;
    RealVm vm;
    SshSession adminOn22;
    RealVm.Result firstRun;

    @BeforeAll
    void boot() throws Exception {
        ClusterPlan plan = new PlanFormat().read(VmImage.projectDir().resolve("src/test/resources/boot/existing-host-plan.yaml"));
        script = BootSeeds.generated(plan, "existing/boot-host-1.sh");
        vm = RealVm.boot("existing-host", VmImage.cached(), BootSeeds.plainHost(hostKey, "boot-host-1", admin),
                List.of(22, PLAN_SSH_PORT), List.of(), "debian", admin);
        adminOn22 = vm.awaitBooted(List.of(22), pinned, "first boot");
    }

    @AfterAll
    void stop() {
        if (adminOn22 != null) adminOn22.close();
        if (vm != null) vm.close();
    }

    /** provisioning's host-scripts step (SshSteps.hostScripts), on the session given. */
    RealVm.Result runInstallScriptAsProvisioningDoes(SshSession session) {
        StringBuilder out = new StringBuilder();
        try {
            session.upload(script.getBytes(StandardCharsets.UTF_8), "$HOME/.railyard", "boot-host-1.sh");
            String path = "\"$HOME/.railyard/boot-host-1.sh\"";
            String names = String.join(",", MANAGER_ENVIRONMENT.keySet());
            int exit = session.exec("if [ \"$(id -u)\" -eq 0 ]; then bash " + path + "; else sudo -n --preserve-env=" + names + " bash " + path + "; fi",
                    MANAGER_ENVIRONMENT, (error, line) -> {
                        synchronized (out) {
                            out.append(line).append('\n');
                        }
                    }, () -> false);
            synchronized (out) {
                return new RealVm.Result(exit, out.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @Order(1)
    void installScriptMovesSshdTo2244WithoutLockingOutTheAdminConnectedOn22() throws Exception {
        Guest before = new Guest(adminOn22);
        assertThat(before.listeningTcpPorts()).as("a plain host: sshd on 22").containsExactly(22);

        long start = System.nanoTime();
        firstRun = runInstallScriptAsProvisioningDoes(adminOn22);
        BootTimings.record(vm.name() + ": install script, first run", System.nanoTime() - start);

        assertThat(firstRun.exit()).as(firstRun.output()).isZero();
        assertThat(firstRun.output()).contains("railyard-ssh-port: sshd moved from port 22 to 2244; connect on 2244 from now on");
        assertThat(RealVm.exec(adminOn22, "echo still-here").output()).as("the admin's session on 22 survived the move").isEqualTo("still-here\n");
        try (SshSession on2244 = vm.connect(PLAN_SSH_PORT, pinned)) {
            assertThat(new Guest(on2244).listeningTcpPorts()).as(new Guest(on2244).listeners()).containsExactly(PLAN_SSH_PORT);
        }
    }

    @Test
    @Order(2)
    void k3sStandInGotBothTokensFromTheEnvironmentThePrivateInterfaceAndTheGitpodLabels() throws Exception {
        try (SshSession on2244 = vm.connect(PLAN_SSH_PORT, pinned)) {
            Guest guest = new Guest(on2244);
            Map<String, Object> k3s = guest.k3sConfigAsK3sReadsIt();
            assertThat(k3s).containsEntry("token", TOKEN).containsEntry("agent-token", AGENT_TOKEN)
                    .containsEntry("node-name", "boot-host-1").doesNotContainKey("server")
                    .containsEntry("node-ip", RealVm.PRIVATE_ADDRESS).containsEntry("flannel-iface", RealVm.PRIVATE_INTERFACE);
            assertThat(k3s.get("node-label")).asList().contains("gitpod.io/workload_workspace_services=true");
            assertThat(guest.k3sInstallEnvironment()).containsEntry("INSTALL_K3S_EXEC", "server").containsEntry("K3S_TOKEN", "");
            assertThat(guest.root("stat -c '%a %U' /etc/rancher/k3s/config.yaml.d/50-railyard-secrets.yaml")).isEqualTo("600 root\n");
            assertThat(guest.root("systemctl is-active k3s.service")).isEqualTo("active\n");
        }
    }

    @Test
    @Order(3)
    void aSecondRunChangesNothing() throws Exception {
        String state = "sha256sum /etc/ssh/sshd_config /etc/ssh/sshd_config.d/* /etc/systemd/system/ssh.socket.d/* "
                + "/etc/rancher/k3s/config.yaml /etc/rancher/k3s/config.yaml.d/* /usr/local/lib/railyard/*.sh 2>/dev/null; "
                + "systemctl show -p MainPID -p ExecMainStartTimestampMonotonic ssh.service k3s.service; "
                + "cat /var/lib/railyard-stand-in/install-count";
        try (SshSession on2244 = vm.connect(PLAN_SSH_PORT, pinned)) {
            Guest guest = new Guest(on2244);
            String before = guest.root(state);
            RealVm.Result rerun = runInstallScriptAsProvisioningDoes(on2244);
            assertThat(rerun.exit()).as(rerun.output()).isZero();
            assertThat(rerun.output()).doesNotContain("wrote /", "restarting", "sshd moved", "now configured")
                    .contains("railyard-k3s: k3s v1.33.7+k3s1 already runs as k3s");
            assertThat(guest.root(state)).isEqualTo(before);
            assertThat(guest.listeningTcpPorts()).containsExactly(PLAN_SSH_PORT);
        }
    }
}
