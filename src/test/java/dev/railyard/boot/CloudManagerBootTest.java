package dev.railyard.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.ssh.HostKeyPolicy;
import dev.railyard.engine.ssh.HostKeys;
import dev.railyard.engine.ssh.SshFailure;
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
 * Boots Railyard's generated {@code cloud-init/manager.yaml} (example hetzner-small, workspaces on
 * fuse) on a real Debian 12 guest, filled as Terraform fills it, then reboots it once.
 *
 * <p>Real: the kernel, systemd, cloud-init 22.4 with every module the user data names, OpenSSH's sshd,
 * iptables, and every Railyard script (ssh-port, metadata-guard, node-ip, kernel-modules, install-k3s).
 * Emulated: Ubuntu's cloud images ship without SSH host keys, so the image has none before first boot;
 * the cloud's metadata (host name, admin key, network) comes from the NoCloud seed. Stand-in: k3s's
 * install script and binary (the guest is offline); it records what it was asked.
 */
@Tag("boot")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CloudManagerBootTest {

    static final int PLAN_SSH_PORT = 2244;

    final HostKeys hostKey = HostKeys.generateEd25519("acme-gitpod-manager-1");
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
        RealVm.Seed seed = BootSeeds.cloudServer(BootSeeds.generated(plan, "cloud-init/manager.yaml"), terraform.firstManager(),
                hostKey, "acme-gitpod-manager-1", admin);
        vm = RealVm.boot("cloud-manager", VmImage.cached(), seed, List.of(22, PLAN_SSH_PORT), List.of(), "debian", admin);
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
    void sshdListensOnThePlansPortOnlyAndNothingOnPort22() {
        assertThat(guest.listeningTcpPorts()).as(guest.listeners()).containsExactly(PLAN_SSH_PORT);
    }

    @Test
    @Order(3)
    void theHostKeyPresentedIsTheOneRailyardGeneratedAndAnyOtherPinFails() {
        assertThat(guest.session().hostKeyLine() + " acme-gitpod-manager-1").isEqualTo(hostKey.publicKeyLine());
        HostKeyPolicy otherKey = HostKeyPolicy.knownKeys(List.of(HostKeys.generateEd25519("not-this-server").publicKeyLine()));
        assertThatThrownBy(() -> vm.connect(PLAN_SSH_PORT, otherKey).close())
                .isInstanceOfSatisfying(SshFailure.class, e -> assertThat(e.reason()).isEqualTo(SshFailure.Reason.HOST_KEY_MISMATCH));
        assertThat(guest.root("ls /etc/ssh/ | grep '^ssh_host_' | sort")).isEqualTo("ssh_host_ed25519_key\nssh_host_ed25519_key.pub\n");
    }

    @Test
    @Order(4)
    void metadataGuardDropsForwardedPacketsToTheMetadataServiceInRawPrerouting() {
        assertThat(guest.rawPrerouting()).contains("-A PREROUTING -d 169.254.169.254/32 -j DROP");
    }

    @Test
    @Order(5)
    void nodeIpFindsThePrivateInterfaceAndK3sUsesIt() {
        Map<String, Object> k3s = guest.k3sConfigAsK3sReadsIt();
        assertThat(k3s).containsEntry("node-ip", RealVm.PRIVATE_ADDRESS).containsEntry("flannel-iface", RealVm.PRIVATE_INTERFACE);
        assertThat(guest.outputLog()).contains("railyard-node-ip: node-ip " + RealVm.PRIVATE_ADDRESS + " on " + RealVm.PRIVATE_INTERFACE);
    }

    @Test
    @Order(6)
    void k3sStandInWasAskedForAServerWithTheServerTokenAndTheAgentTokenAtThePinnedVersion() {
        Map<String, String> env = guest.k3sInstallEnvironment();
        assertThat(env).containsEntry("INSTALL_K3S_EXEC", "server").containsEntry("INSTALL_K3S_VERSION", plan.spec().k3s().version())
                .containsEntry("K3S_URL", "").containsEntry("K3S_TOKEN", "");
        Map<String, Object> k3s = guest.k3sConfigAsK3sReadsIt();
        assertThat(k3s).containsEntry("token", terraform.serverToken()).containsEntry("agent-token", terraform.agentToken())
                .containsEntry("tls-san", List.of(terraform.publicIp())).doesNotContainKey("server");
        assertThat(guest.root("systemctl is-active k3s.service")).isEqualTo("active\n");
    }

    @Test
    @Order(7)
    void k3sConfigurationFilesAreReadableByRootOnly() {
        assertThat(guest.root("stat -c '%a %U %n' /etc/rancher/k3s/config.yaml /etc/rancher/k3s/config.yaml.d/*.yaml"))
                .isEqualTo("600 root /etc/rancher/k3s/config.yaml\n600 root /etc/rancher/k3s/config.yaml.d/40-node-ip.yaml\n"
                        + "600 root /etc/rancher/k3s/config.yaml.d/50-terraform.yaml\n");
    }

    @Test
    @Order(20)
    void afterARebootSshdIsStillOnThePlansPortOnlyWithTheSameKeyAndTheMetadataGuardIsBack() {
        guest = new Guest(vm.reboot(guest.session(), List.of(PLAN_SSH_PORT, 22), pinned));
        assertThat(guest.listeningTcpPorts()).as(guest.listeners()).containsExactly(PLAN_SSH_PORT);
        assertThat(guest.rawPrerouting()).containsOnlyOnce("-A PREROUTING -d 169.254.169.254/32 -j DROP");
        BootAssertions.cloudInitDoneWithoutErrors(guest);
    }
}
