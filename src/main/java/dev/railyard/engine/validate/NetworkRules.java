package dev.railyard.engine.validate;

import dev.railyard.engine.plan.Network;
import dev.railyard.engine.plan.Provider;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Host SSH port, admin ranges, the cluster's address ranges and their overlaps. */
final class NetworkRules {

    private static final String BASE = "spec.network";

    /** Ports the hosts' own sshd must not take, and who holds them (see the reference's port table). */
    static final Map<Integer, String> RESERVED_PORTS = Map.ofEntries(
            Map.entry(22, "22 is Gitpod's SSH gateway (workspace SSH), which cannot move; the hosts' own sshd moves off it"),
            Map.entry(80, "80 is Gitpod's proxy (HTTP)"),
            Map.entry(443, "443 is Gitpod's proxy (HTTPS)"),
            Map.entry(6443, "6443 is the Kubernetes API server"),
            Map.entry(10250, "10250 is the kubelet"),
            Map.entry(2379, "2379 is embedded etcd (client)"),
            Map.entry(2380, "2380 is embedded etcd (peers)"),
            Map.entry(8472, "8472 is flannel's VXLAN"),
            Map.entry(51820, "51820 is flannel's WireGuard (IPv4)"),
            Map.entry(51821, "51821 is flannel's WireGuard (IPv6)"));

    private NetworkRules() {}

    static void check(Network network, Provider provider, PlanValidator.Problems out) {
        sshPort(network.sshPort(), out);
        adminCidrs(network.adminCidrs(), out);
        Optional<Cidrs.Cidr> privateCidr = cidr(BASE + ".privateCidr", network.privateCidr(), "the servers' private network, e.g. "
                + Network.DEFAULT_PRIVATE_CIDR, out);
        Optional<Cidrs.Cidr> pod = cidr(BASE + ".podCidr", network.podCidr(), "k3s's pod range, e.g. " + Network.DEFAULT_POD_CIDR, out);
        Optional<Cidrs.Cidr> service = cidr(BASE + ".serviceCidr", network.serviceCidr(), "k3s's service range, e.g. "
                + Network.DEFAULT_SERVICE_CIDR, out);
        if (pod.isPresent() && service.isPresent() && pod.get().overlaps(service.get())) {
            out.error(BASE + ".serviceCidr", "overlaps podCidr " + network.podCidr() + "; pods and services need separate ranges, e.g. "
                    + Network.DEFAULT_POD_CIDR + " and " + Network.DEFAULT_SERVICE_CIDR);
        }
        if (pod.isPresent() && privateCidr.isPresent() && pod.get().overlaps(privateCidr.get())) {
            out.error(BASE + ".podCidr", "overlaps privateCidr " + network.privateCidr() + "; pod addresses must not clash with the servers' network");
        }
        if (service.isPresent() && privateCidr.isPresent() && service.get().overlaps(privateCidr.get())) {
            out.error(BASE + ".serviceCidr", "overlaps privateCidr " + network.privateCidr() + "; service addresses must not clash with the servers' network");
        }
        if (provider.isExisting() && provider.existing() != null) hostsOutsideClusterRanges(provider.existing().hosts(), pod, service, out);
        TailscaleRules.check(network.tailscale(), out);
    }

    private static void sshPort(Integer port, PlanValidator.Problems out) {
        String path = BASE + ".sshPort";
        if (port == null) {
            out.error(path, "required: the port the hosts' own sshd moves to, e.g. " + Network.DEFAULT_SSH_PORT);
        } else if (port < 1 || port > 65535) {
            out.error(path, "must be a port from 1 to 65535, e.g. " + Network.DEFAULT_SSH_PORT);
        } else if (RESERVED_PORTS.containsKey(port)) {
            out.error(path, "cannot be " + port + ": " + RESERVED_PORTS.get(port) + "; choose another port, e.g. " + Network.DEFAULT_SSH_PORT);
        }
    }

    private static void adminCidrs(List<String> cidrs, PlanValidator.Problems out) {
        String path = BASE + ".adminCidrs";
        if (cidrs.isEmpty()) {
            out.error(path, "needs at least one IPv4 CIDR block that may reach the hosts' SSH and the Kubernetes API, e.g. 203.0.113.0/24");
            return;
        }
        for (int i = 0; i < cidrs.size(); i++) {
            Optional<Cidrs.Cidr> cidr = cidr(path + "[" + i + "]", cidrs.get(i), "an address range of your administrators", out);
            if (cidr.isPresent() && cidr.get().isEverything()) {
                out.warning(path + "[" + i + "]", "0.0.0.0/0 opens the hosts' SSH port and the Kubernetes API to the whole internet; "
                        + "list your office or VPN ranges instead");
            }
        }
    }

    /** Parses a required CIDR field; reports what is wrong and returns the block only when it is valid. */
    private static Optional<Cidrs.Cidr> cidr(String path, String value, String what, PlanValidator.Problems out) {
        if (value == null || value.isEmpty()) {
            out.error(path, "required: " + what);
            return Optional.empty();
        }
        Optional<Cidrs.Cidr> cidr = Cidrs.parse(value);
        if (cidr.isEmpty()) {
            out.error(path, "must be " + Cidrs.RULE);
            return Optional.empty();
        }
        if (cidr.get().hasHostBits()) {
            out.error(path, "has host bits set; the network address of this block is " + cidr.get().canonical());
            return Optional.empty();
        }
        return cidr;
    }

    private static void hostsOutsideClusterRanges(List<Provider.Host> hosts, Optional<Cidrs.Cidr> pod, Optional<Cidrs.Cidr> service,
                                                  PlanValidator.Problems out) {
        for (int i = 0; i < hosts.size(); i++) {
            Provider.Host host = hosts.get(i);
            if (host == null) continue;
            OptionalLong ip = Ipv4.parse(host.address());
            if (ip.isEmpty()) continue;
            String path = "spec.provider.existing.hosts[" + i + "].address";
            if (pod.isPresent() && pod.get().contains(ip.getAsLong())) {
                out.warning(path, "lies inside podCidr " + pod.get().canonical() + "; the host would be unreachable from pods, choose another podCidr");
            }
            if (service.isPresent() && service.get().contains(ip.getAsLong())) {
                out.warning(path, "lies inside serviceCidr " + service.get().canonical() + "; the host would be unreachable from pods, choose another serviceCidr");
            }
        }
    }
}
