package dev.railyard.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.ssh.HostKeyPolicy;
import dev.railyard.engine.ssh.HostKeys;
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
 * Boots Railyard's generated {@code cloud-init/node.yaml} (example hetzner-small, workspaces on fuse) on
 * a real Debian 12 guest that starts sshd the way Ubuntu 24.04 does, which is what the clouds run.
 *
 * <p>Emulated (image variant {@code src/test/resources/boot/variants/ubuntu-24.04-ssh-socket/}, from Ubuntu's
 * openssh 1:9.6p1-3ubuntu13.14 packaging): Ubuntu's {@code ssh.socket} (ListenStream 0.0.0.0:22 and [::]:22,
 * BindIPv6Only=ipv6-only, Accept=no, RequiredBy=ssh.service) is enabled and {@code ssh.service} is not; the
 * first connection starts ssh.service, whose process takes the listening sockets from systemd, as Ubuntu's
 * patched {@code sshd -D} does (a stand-in there serves each connection with Debian's real sshd in inetd
 * mode); Ubuntu's sshd-socket-generator turns sshd_config's Port into a socket drop-in at boot and at each
 * daemon-reload. So the port is wherever ssh.socket's ListenStream says, and a Port in sshd_config alone
 * moves nothing until a daemon-reload and a socket restart. sockets.target starts after cloud-init's network
 * stage, so bootcmd writes Railyard's socket drop-in before ssh.socket first listens, as on Ubuntu. As in
 * every boot test the image has no SSH host keys before first boot (as Ubuntu's cloud images), no metadata
 * service answers, and k3s is a stand-in.
 */
@Tag("boot")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CloudNodeBootTest {

    static final int PLAN_SSH_PORT = 2244;
    static final String UBUNTU_SSH_SOCKET = "ubuntu-24.04-ssh-socket";

    final HostKeys hostKey = HostKeys.generateEd25519("acme-gitpod-node-1");
    final HostKeys admin = HostKeys.generateEd25519("admin");
    final MainTfK3sConfig terraform = MainTfK3sConfig.sample();
    final HostKeyPolicy pinned = HostKeyPolicy.knownKeys(List.of(hostKey.publicKeyLine()));
    ClusterPlan plan;
    RealVm vm;
    Guest guest;

    @BeforeAll
    void boot() {
        plan = BootSeeds.plan("hetzner-small", Map.of("fsShiftMethod: shiftfs", "fsShiftMethod: fuse"));
        terraform.mirrors(plan);
        RealVm.Seed seed = BootSeeds.cloudServer(BootSeeds.generated(plan, "cloud-init/node.yaml"), terraform.node(),
                hostKey, "acme-gitpod-node-1", admin);
        // forward_to_console: the journal on the serial console, so a unit that fails early says why in the failure message
        vm = RealVm.boot("cloud-node-socket", VmImage.cached(UBUNTU_SSH_SOCKET), seed, List.of(22, PLAN_SSH_PORT),
                List.of("systemd.journald.forward_to_console=1"), "debian", admin);
        guest = new Guest(vm.awaitBooted(List.of(PLAN_SSH_PORT, 22), pinned, "first boot"));
    }

    @AfterAll
    void stop() {
        if (guest != null) guest.session().close();
        if (vm != null) vm.close();
    }

    @Test
    @Order(1)
    void cloudInitIsDoneWithNoErrorsAndNoRecoverableErrors() {
        BootAssertions.cloudInitDoneWithoutErrors(guest);
    }

    @Test
    @Order(2)
    void socketActivatedSshListensOnThePlansPortOnlyAndNothingOnPort22() {
        assertThat(guest.root("systemctl is-active ssh.socket")).isEqualTo("active\n");
        assertThat(guest.listeningTcpPorts()).as(guest.listeners()).containsExactly(PLAN_SSH_PORT);
        assertThat(guest.listeners()).contains("systemd");
    }

    /** The test connects over IPv4 (QEMU forwards to the guest's IPv4 address); a client may use either. */
    @Test
    @Order(3)
    void sshdAnswersOnThePlansPortOverIpv4AndIpv6() {
        assertThat(guest.run("ssh-keyscan -4 -T 10 -p " + PLAN_SSH_PORT + " 127.0.0.1 2>/dev/null").output())
                .as("IPv4").contains("ssh-ed25519");
        assertThat(guest.run("ssh-keyscan -6 -T 10 -p " + PLAN_SSH_PORT + " ::1 2>/dev/null").output())
                .as("IPv6").contains("ssh-ed25519");
        assertThat(guest.run("ssh-keyscan -4 -T 10 -p 22 127.0.0.1 2>/dev/null").output()).as("port 22").isEmpty();
    }

    /** Checks the emulation itself, so that a guest which stopped behaving like Ubuntu fails here and not as a pass. */
    @Test
    @Order(4)
    void theGuestStartsSshdTheWayUbuntu2404Does() {
        assertThat(guest.root("systemctl show -p Accept --value ssh.socket")).isEqualTo("no\n");
        assertThat(guest.run("systemctl is-enabled ssh.service").output()).as("started by the socket only").startsWith("disabled");
        assertThat(guest.root("systemctl is-active ssh.service")).as("started by the first connection").isEqualTo("active\n");
        assertThat(guest.root("cat /proc/$(systemctl show -p MainPID --value ssh.service)/cmdline | tr '\\0' ' '"))
                .contains("/usr/local/lib/railyard-emulation/sshd-socket-activated");
        assertThat(guest.root("cat /run/systemd/generator/ssh.socket.d/addresses.conf"))
                .as("Ubuntu's generator moved the socket from sshd_config's Port too").contains("ListenStream=0.0.0.0:" + PLAN_SSH_PORT);
    }

    @Test
    @Order(5)
    void theHostKeyPresentedIsTheOneRailyardGenerated() {
        assertThat(guest.session().hostKeyLine() + " acme-gitpod-node-1").isEqualTo(hostKey.publicKeyLine());
    }

    @Test
    @Order(6)
    void metadataGuardDropsForwardedPacketsToTheMetadataServiceInRawPrerouting() {
        assertThat(guest.rawPrerouting()).contains("-A PREROUTING -d 169.254.169.254/32 -j DROP");
    }

    @Test
    @Order(7)
    void providerIdFailsSoftWithoutAMetadataServiceAndSaysSoWhileTheNodeStillJoins() {
        assertThat(guest.outputLog()).contains("railyard-provider-id: WARNING: the metadata service did not tell this server's id;"
                + " the node works, but cluster-autoscaler cannot choose it when scaling down");
        assertThat(guest.exists("/etc/rancher/k3s/config.yaml.d/45-provider-id.yaml")).isFalse();
        assertThat(guest.k3sConfigAsK3sReadsIt()).doesNotContainKey("kubelet-arg");
        assertThat(guest.root("systemctl is-active k3s-agent.service")).isEqualTo("active\n");
    }

    @Test
    @Order(8)
    void nodeIpFindsThePrivateInterfaceAndK3sUsesIt() {
        assertThat(guest.k3sConfigAsK3sReadsIt()).containsEntry("node-ip", RealVm.PRIVATE_ADDRESS)
                .containsEntry("flannel-iface", RealVm.PRIVATE_INTERFACE);
    }

    @Test
    @Order(9)
    void k3sStandInWasAskedForAnAgentJoiningTheManagersAtThePinnedVersion() {
        assertThat(guest.k3sInstallEnvironment()).containsEntry("INSTALL_K3S_EXEC", "agent")
                .containsEntry("INSTALL_K3S_VERSION", plan.spec().k3s().version()).containsEntry("K3S_URL", "").containsEntry("K3S_TOKEN", "");
        assertThat(guest.k3sConfigAsK3sReadsIt()).containsEntry("server", terraform.joinUrl())
                .doesNotContainKeys("tls-san", "cluster-init", "disable", "write-kubeconfig-mode", "agent-token");
    }

    /**
     * Upstream fact (k3s docs, "token" and "agent-token"): the server token is full admin of the cluster, so
     * a node must get only the agent token (issue 11, finding 4; branch b-upstream makes main.tf do so).
     */
    @Test
    @Order(10)
    void k3sStandInReceivedTheAgentTokenAndNeverTheServerToken() {
        Map<String, Object> k3s = guest.k3sConfigAsK3sReadsIt();
        assertThat(k3s.get("token")).as("the token a node joins with").isEqualTo(terraform.agentToken());
        assertThat(guest.root("cat /var/lib/railyard-stand-in/config")).doesNotContain(terraform.serverToken());
    }

    /**
     * Upstream fact (gitpod-io/gitpod 2022.11.3, install/installer/pkg/cluster/affinity.go): Gitpod schedules
     * ws-manager and ws-proxy by gitpod.io/workload_workspace_services (issue 11, finding 1; branch
     * b-upstream fixes the label).
     */
    @Test
    @Order(11)
    void k3sStandInReceivedTheNodeLabelsGitpod202211SchedulesBy() {
        assertThat(guest.k3sConfigAsK3sReadsIt().get("node-label")).asList().contains(
                "gitpod.io/workload_meta=true", "gitpod.io/workload_ide=true", "gitpod.io/workload_workspace_services=true",
                "gitpod.io/workload_workspace_regular=true", "gitpod.io/workload_workspace_headless=true");
    }

    @Test
    @Order(20)
    void afterARebootTheSocketStillListensOnThePlansPortOnlyAndTheMetadataGuardIsBack() {
        guest = new Guest(vm.reboot(guest.session(), List.of(PLAN_SSH_PORT, 22), pinned));
        assertThat(guest.listeningTcpPorts()).as(guest.listeners()).containsExactly(PLAN_SSH_PORT);
        assertThat(guest.rawPrerouting()).containsOnlyOnce("-A PREROUTING -d 169.254.169.254/32 -j DROP");
        BootAssertions.cloudInitDoneWithoutErrors(guest);
    }
}
