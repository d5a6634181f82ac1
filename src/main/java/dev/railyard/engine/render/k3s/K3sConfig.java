package dev.railyard.engine.render.k3s;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.GitpodNodeLabels;
import dev.railyard.engine.plan.Network;
import dev.railyard.engine.render.template.Template;
import dev.railyard.engine.render.template.YamlEscaper;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The k3s settings that follow from the plan alone, shared by cloud-init and the existing-host
 * scripts: the base {@code /etc/rancher/k3s/config.yaml} of one role. Server-only keys are written on
 * servers only, so an agent never reads a flag its sub-command does not know.
 */
public record K3sConfig(
        K3sRole role,
        List<String> disable,
        String writeKubeconfigMode,
        String clusterCidr,
        String serviceCidr,
        String clusterDns,
        String flannelBackend,
        List<String> nodeLabels,
        List<String> nodeTaints) {

    /** Every label Gitpod 2022.11's components select nodes by, as k3s's node-label entries ({@link GitpodNodeLabels}). */
    public static final List<String> GITPOD_NODE_LABELS = GitpodNodeLabels.ASSIGNMENTS;

    public static final String CONTROL_PLANE_TAINT = "node-role.kubernetes.io/control-plane=true:NoSchedule";
    /**
     * flannel's default, written only without Tailscale: with vpn-auth k3s replaces the backend by the VPN's own
     * ("It does not make sense to use VPN without its flannel backend", pkg/agent/config/config.go), so a
     * flannel-backend there would only mislead.
     */
    public static final String FLANNEL_BACKEND = "vxlan";
    private static final Template TEMPLATE = Template.resource("k3s/config.yaml.tmpl");

    public K3sConfig {
        Objects.requireNonNull(role, "role");
        disable = List.copyOf(disable);
        nodeLabels = List.copyOf(nodeLabels);
        nodeTaints = List.copyOf(nodeTaints);
    }

    public static K3sConfig forRole(ClusterPlan plan, K3sRole role) {
        Network network = plan.spec().network();
        String podCidr = orDefault(network.podCidr(), Network.DEFAULT_POD_CIDR);
        String serviceCidr = orDefault(network.serviceCidr(), Network.DEFAULT_SERVICE_CIDR);
        // small: Gitpod may run on the single manager; medium/large keep it on the nodes.
        boolean tainted = role == K3sRole.SERVER && plan.spec().size().managersTainted();
        List<String> labels = runsGitpodWorkspaces(plan, role) ? GITPOD_NODE_LABELS : List.of();
        String flannelBackend = network.tailscale().isEnabled() ? null : FLANNEL_BACKEND;
        return new K3sConfig(role, List.of("traefik"), "0600", podCidr, serviceCidr,
                nthAddress(serviceCidr, 10, "spec.network.serviceCidr"), flannelBackend, labels,
                tainted ? List.of(CONTROL_PLANE_TAINT) : List.of());
    }

    /**
     * Whether a host of this role runs Gitpod's workloads, workspaces included: it gets Gitpod's node labels
     * here and its kernel modules, sysctl and registry CA in {@link HostScripts#kernelModules}. Never on a
     * Coder plan (Coder schedules workspaces through its template, and envbox needs none of it), and not on
     * managers that are tainted (medium and large keep Gitpod on the nodes).
     */
    public static boolean runsGitpodWorkspaces(ClusterPlan plan, K3sRole role) {
        return plan.spec().platform() == dev.railyard.engine.plan.Platform.GITPOD
                && !(role == K3sRole.SERVER && plan.spec().size().managersTainted());
    }

    /** The YAML text of {@code /etc/rancher/k3s/config.yaml}. */
    public String yaml() {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("server", role == K3sRole.SERVER);
        ctx.put("disable", disable);
        ctx.put("writeKubeconfigMode", writeKubeconfigMode);
        ctx.put("clusterCidr", clusterCidr);
        ctx.put("serviceCidr", serviceCidr);
        ctx.put("clusterDns", clusterDns);
        ctx.put("flannel", flannelBackend != null);
        ctx.put("flannelBackend", flannelBackend == null ? "" : flannelBackend);
        ctx.put("labelled", !nodeLabels.isEmpty());
        ctx.put("nodeLabels", nodeLabels);
        ctx.put("tainted", !nodeTaints.isEmpty());
        ctx.put("nodeTaints", nodeTaints);
        return TEMPLATE.render(ctx, YamlEscaper.plain());
    }

    /**
     * The n-th address of a CIDR, e.g. 10.43.0.10 for the 10th of 10.43.0.0/16: k3s's cluster DNS
     * address convention, kept explicit so that a non-default service CIDR stays consistent.
     */
    public static String nthAddress(String cidr, int n, String field) {
        int slash = cidr.indexOf('/');
        if (slash < 0) throw new IllegalArgumentException(field + ": '" + cidr + "' is not a CIDR such as 10.43.0.0/16");
        String literal = cidr.substring(0, slash);
        if (!literal.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
            throw new IllegalArgumentException(field + ": '" + cidr + "' does not start with an IP address");
        }
        try {
            byte[] network = InetAddress.getByName(literal).getAddress();
            int prefix = Integer.parseInt(cidr.substring(slash + 1));
            int bits = network.length * 8;
            if (prefix < 0 || prefix > bits || BigInteger.valueOf(n).bitLength() > bits - prefix) {
                throw new IllegalArgumentException(field + ": " + cidr + " has no room for an address number " + n);
            }
            BigInteger value = new BigInteger(1, network).add(BigInteger.valueOf(n));
            byte[] raw = value.toByteArray();
            byte[] out = new byte[network.length];
            int copy = Math.min(raw.length, out.length);
            System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
            return InetAddress.getByAddress(out).getHostAddress();
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException(field + ": '" + cidr + "' is not a CIDR such as 10.43.0.0/16", e);
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
