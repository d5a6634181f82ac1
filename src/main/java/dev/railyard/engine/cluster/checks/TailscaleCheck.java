package dev.railyard.engine.cluster.checks;

import dev.railyard.engine.cluster.Cidrs;
import dev.railyard.engine.cluster.ClusterSnapshot;
import dev.railyard.engine.cluster.Expectations;
import dev.railyard.engine.cluster.Finding;
import dev.railyard.engine.cluster.HealthCheck;
import dev.railyard.engine.cluster.KubeFacts;
import dev.railyard.engine.cluster.TailnetPolicy;
import io.fabric8.kubernetes.api.model.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * k3s over Tailscale (plan {@code network.tailscale.enabled}). Route approval and ACLs live in the
 * tailnet, not in Kubernetes, so this reads the tailnet policy file; from the nodes it reads what
 * k3s leaves there: a node joined over Tailscale uses its tailnet address (100.64.0.0/10) as
 * InternalIP and has a pod /24 to advertise.
 */
public final class TailscaleCheck implements HealthCheck {

    static final String TAILNET_RANGE = "100.64.0.0/10";

    @Override
    public List<Finding> check(ClusterSnapshot snapshot, Expectations expect) {
        if (!expect.tailscale()) return List.of();
        List<Finding> findings = new ArrayList<>();
        String tag = expect.tailscaleTag();
        String cidr = expect.podCidr();

        List<String> offTailnet = new ArrayList<>();
        List<String> noPodRange = new ArrayList<>();
        for (Node node : snapshot.nodes()) {
            Optional<String> ip = KubeFacts.address(node, "InternalIP");
            if (ip.isEmpty() || !Cidrs.containsAddress(TAILNET_RANGE, ip.get())) {
                offTailnet.add(KubeFacts.name(node) + ": InternalIP " + ip.orElse("(none)") + " is not a tailnet address (" + TAILNET_RANGE + ")");
            }
            String podCidr = node.getSpec() == null ? null : node.getSpec().getPodCIDR();
            if (podCidr == null || !Cidrs.contains(cidr, podCidr)) {
                noPodRange.add(KubeFacts.name(node) + ": spec.podCIDR=" + podCidr + ", expected a /24 inside " + cidr);
            }
        }
        if (!offTailnet.isEmpty()) {
            findings.add(Finding.error("RY-TS-001", "Nodes did not join over Tailscale", offTailnet,
                    "k3s uses the Tailscale address as node IP only when started with `vpn-auth: name=tailscale,joinKey=...,extraArgs=--advertise-tags="
                            + tag + "`; install Tailscale on the host first, then restart k3s. Check `tailscale status` on the node."));
        }
        if (!noPodRange.isEmpty()) {
            findings.add(Finding.warning("RY-TS-002", "Nodes have no pod range to advertise", noPodRange,
                    "k3s advertises each node's spec.podCIDR as a Tailscale route; check `cluster-cidr` matches " + cidr + "."));
        }

        Optional<TailnetPolicy> policy = snapshot.tailnetPolicy();
        if (policy.isEmpty()) {
            findings.add(Finding.info("RY-TS-000", "Tailnet policy not checked",
                    List.of("no tailnet policy file was given"),
                    "Export the policy from the Tailscale admin console (Access controls, JSON editor) and pass it with --tailnet-policy."));
            return findings;
        }
        TailnetPolicy p = policy.get();
        if (!p.ownsTag(tag)) {
            findings.add(Finding.error("RY-TS-003", "The tailnet policy does not define the nodes' tag " + tag,
                    List.of("tagOwners has no \"" + tag + "\""),
                    "Add to the policy:\n\"tagOwners\": { \"" + tag + "\": [\"autogroup:admin\"] },"));
        }
        if (!p.approvesRoute(cidr, tag)) {
            List<String> approvers = p.routeApprovers(cidr);
            findings.add(Finding.error("RY-TS-004", "The pod range " + cidr + " is not auto-approved for " + tag,
                    List.of("autoApprovers.routes[\"" + cidr + "\"] = " + (approvers.isEmpty() ? "(absent)" : approvers),
                            "without approval each node's advertised pod /24 stays unrouted: pods cannot reach pods (or CoreDNS) on other nodes"),
                    "Add to the policy:\n\"autoApprovers\": { \"routes\": { \"" + cidr + "\": [\"" + tag + "\"] } },\n"
                            + "then approve the routes already advertised under Machines > Edit route settings."));
        }
        if (!p.acceptsPodTraffic(cidr)) {
            findings.add(Finding.error("RY-TS-005", "No tailnet rule lets pods reach pods across nodes",
                    List.of("no acls accept rule (or grants entry) with " + cidr + " in both src and dst"),
                    "Add to the policy (acls):\n{ \"action\": \"accept\", \"src\": [\"" + tag + "\", \"" + cidr + "\"], \"dst\": [\""
                            + tag + ":*\", \"" + cidr + ":*\"] },\nor (grants):\n{ \"src\": [\"" + tag + "\", \"" + cidr
                            + "\"], \"dst\": [\"" + tag + "\", \"" + cidr + "\"], \"ip\": [\"*\"] },"));
        }
        if (expect.tailscaleSsh() && !p.allowsSsh(expect.tailscaleAdminGroup(), tag)) {
            String group = expect.tailscaleAdminGroup() == null ? "group:admins" : expect.tailscaleAdminGroup();
            findings.add(Finding.warning("RY-TS-006", "No tailnet SSH rule lets " + group + " into " + tag,
                    List.of("ssh: no accept/check rule from " + group + " to " + tag),
                    "Add to the policy:\n\"ssh\": [ { \"action\": \"accept\", \"src\": [\"" + group + "\"], \"dst\": [\"" + tag
                            + "\"], \"users\": [\"autogroup:nonroot\", \"root\"] } ],"));
        }
        return findings;
    }
}
