package dev.railyard.engine.cluster.checks;

import dev.railyard.engine.cluster.ClusterSnapshot;
import dev.railyard.engine.cluster.Expectations;
import dev.railyard.engine.cluster.Finding;
import dev.railyard.engine.cluster.HealthCheck;
import dev.railyard.engine.cluster.HostProbeResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Host SSH: the hosts' own sshd must answer on the plan's port, and port 22 must belong to Gitpod's
 * SSH gateway (which cannot move). An OpenSSH banner on 22 means the boot-time move of sshd did not
 * happen, and workspace SSH cannot work on that host.
 */
public final class HostSshCheck implements HealthCheck {

    public static final int GITPOD_SSH_PORT = 22;

    @Override
    public List<Finding> check(ClusterSnapshot snapshot, Expectations expect) {
        List<HostProbeResult> probes = snapshot.hostProbes();
        if (probes.isEmpty()) return List.of();
        List<String> silentSshd = new ArrayList<>();
        List<String> notSsh = new ArrayList<>();
        List<String> openSshOn22 = new ArrayList<>();
        List<String> noGateway = new ArrayList<>();
        for (HostProbeResult probe : probes) {
            if (probe.port() == expect.sshPort() && probe.port() != GITPOD_SSH_PORT) {
                if (!probe.answered()) silentSshd.add(probe.address() + ": " + probe.detail());
                else if (!probe.isSsh()) notSsh.add(probe.address() + ": first line '" + probe.banner() + "'");
            } else if (probe.port() == GITPOD_SSH_PORT) {
                if (probe.isOpenSsh()) openSshOn22.add(probe.address() + ": banner '" + probe.banner() + "'");
                else if (!probe.answered()) noGateway.add(probe.address() + ": " + probe.detail());
            }
        }
        List<Finding> findings = new ArrayList<>();
        if (!silentSshd.isEmpty()) {
            findings.add(Finding.error("RY-SSH-001", "Host sshd does not answer on port " + expect.sshPort(), silentSshd,
                    "Allow " + expect.sshPort() + "/tcp from your address in the firewall (admin CIDRs) and check that cloud-init's bootcmd moved sshd: "
                            + "`grep ^Port /etc/ssh/sshd_config` on the host (console access)."));
        }
        if (!notSsh.isEmpty()) {
            findings.add(Finding.warning("RY-SSH-002", "Something other than SSH answers on port " + expect.sshPort(), notSsh,
                    "Another service holds the host SSH port: pick a free port in the plan (network.sshPort) and re-apply."));
        }
        if (!openSshOn22.isEmpty()) {
            findings.add(Finding.error("RY-SSH-003", "OpenSSH still listens on port 22, where Gitpod's SSH gateway must be", openSshOn22,
                    "The boot-time move of sshd to " + expect.sshPort() + " failed or did not run: on the host, `cloud-init status --long` "
                            + "names the failed module and `grep railyard-ssh-port /var/log/cloud-init-output.log` says why (existing hosts: "
                            + "the install script's output). Fix that, then run `sudo /usr/local/lib/railyard/ssh-port.sh` on existing hosts "
                            + "or reboot a cloud server; it must happen before k3s ServiceLB publishes Gitpod's ssh-gateway on 22."));
        }
        if (!noGateway.isEmpty()) {
            findings.add(Finding.warning("RY-SSH-004", "Nothing answers on port 22: Gitpod's SSH gateway is not reachable", noGateway,
                    "Check `kubectl -n gitpod get svc ssh-gateway` (type LoadBalancer, port 22) and that 22/tcp is open to the world in the firewall."));
        }
        return findings;
    }
}
