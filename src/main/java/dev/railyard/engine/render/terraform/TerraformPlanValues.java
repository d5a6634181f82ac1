package dev.railyard.engine.render.terraform;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.GitpodNodeLabels;
import dev.railyard.engine.plan.Network;
import dev.railyard.engine.plan.Platform;
import dev.railyard.engine.plan.Size;
import dev.railyard.engine.plan.Spec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan values both clouds' Terraform needs, read once and checked for presence. Each value reaches a
 * template as a whole string, number or list and is written by {@code HclEscaper} (or {@code YamlEscaper} for
 * the autoscaler manifest): nothing here is ever spliced into HCL text by hand.
 */
record TerraformPlanValues(String name, String location, int sshPort, List<String> adminCidrs, String privateCidr,
                           String managerType, String nodeType, int managerCount, int fixedNodeCount,
                           boolean large, int autoscaleMin, int autoscaleMax, boolean tailscale,
                           String tailscaleExtraArgs, String sshPublicKeyFile, String domain, String k3sVersion,
                           Platform platform, boolean azure) {

    /** The user's public key when the plan names none: the key most OpenSSH set-ups create first. */
    static final String DEFAULT_PUBLIC_KEY_FILE = "~/.ssh/id_ed25519.pub";

    static TerraformPlanValues of(ClusterPlan plan) {
        Spec spec = plan.spec();
        Size size = spec.size();
        Network network = spec.network();
        boolean large = size.isLarge();
        int managers = size.managerCount();
        if (managers != 1 && managers != 3) {
            throw new IllegalArgumentException("spec.size.managers must be 1 or 3 to generate Terraform, got " + managers);
        }
        int min = 0;
        int max = 0;
        if (large) {
            if (size.autoscale() == null || size.autoscale().min() == null || size.autoscale().max() == null) {
                throw new IllegalArgumentException("spec.size.autoscale needs min and max for preset large");
            }
            min = size.autoscale().min();
            max = size.autoscale().max();
        }
        Network.Tailscale ts = network.tailscale();
        return new TerraformPlanValues(
                required(plan.name(), "metadata.name"),
                required(spec.provider().location(), "spec.provider." + spec.provider().type() + ".location"),
                network.sshPort() == null ? Network.DEFAULT_SSH_PORT : network.sshPort(),
                network.adminCidrs(),
                network.privateCidr() == null ? Network.DEFAULT_PRIVATE_CIDR : network.privateCidr(),
                required(size.managerType(), "spec.size.managerType"),
                required(size.nodeType(), "spec.size.nodeType"),
                managers,
                size.initialNodeCount(),
                large, min, max,
                ts.isEnabled(),
                ts.isEnabled() ? tailscaleExtraArgs(ts) : "",
                spec.sshKey().publicKeyFile() == null ? DEFAULT_PUBLIC_KEY_FILE : spec.sshKey().publicKeyFile(),
                required(spec.platformDomain(), "spec." + spec.platform().key() + ".domain"),
                spec.k3s().version() == null ? Spec.K3s.defaultFor(spec) : spec.k3s().version(),
                spec.platform(),
                spec.provider().isAzure());
    }

    /**
     * The {@code ,extraArgs=...} tail of k3s's {@code vpn-auth} value: k3s requires extraArgs to come last, with
     * the flags separated by spaces.
     */
    private static String tailscaleExtraArgs(Network.Tailscale ts) {
        List<String> flags = new ArrayList<>();
        if (ts.sshEnabled()) flags.add("--ssh");
        if (ts.tag() != null && !ts.tag().isBlank()) flags.add("--advertise-tags=" + ts.tag());
        return flags.isEmpty() ? "" : ",extraArgs=" + String.join(" ", flags);
    }

    private static String required(String value, String path) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(path + " is needed to generate Terraform and is empty");
        }
        return value;
    }

    boolean haManagers() {
        return managerCount == 3;
    }

    /** The node pool the autoscaler manages; the cluster name keeps pools of two clusters in one project apart. */
    String nodePool() {
        return name + "-pool";
    }

    /**
     * The most servers the autoscaler's own pool holds (Hetzner): Terraform's {@code autoscale.min} fixed nodes are
     * outside the pool, so together the cluster has between min and max nodes.
     */
    int poolMax() {
        return Math.max(0, autoscaleMax - autoscaleMin);
    }

    /**
     * The names the platform answers on, all pointed at the ingress load balancer: Gitpod's three, or Coder's
     * domain and the wildcard its apps and forwarded ports use.
     */
    List<String> dnsNames() {
        return platform == Platform.CODER ? List.of(domain, "*." + domain) : List.of(domain, "*." + domain, "*.ws." + domain);
    }

    /**
     * Whether port 22 is published: Gitpod's SSH gateway needs it; Coder tunnels SSH through HTTPS, so a Coder
     * cluster opens no 22 on its firewall or load balancer.
     */
    boolean sshGateway() {
        return platform == Platform.GITPOD;
    }

    /** One entry per manager: the first of three starts etcd, the others join it. */
    List<Map<String, Object>> managers() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < managerCount; i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("number", i + 1);
            m.put("clusterInit", haManagers() && i == 0);
            m.put("joins", i > 0);
            list.add(m);
        }
        return list;
    }

    /** The template context shared by both clouds. */
    Map<String, Object> context() {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("name", name);
        ctx.put("location", location);
        ctx.put("sshPort", Integer.toString(sshPort));
        ctx.put("adminCidrs", adminCidrs);
        ctx.put("privateCidr", privateCidr);
        ctx.put("managerType", managerType);
        ctx.put("nodeType", nodeType);
        ctx.put("managerCount", managerCount);
        ctx.put("nodeCount", fixedNodeCount);
        ctx.put("haManagers", haManagers());
        ctx.put("large", large);
        ctx.put("autoscaleMin", autoscaleMin);
        ctx.put("autoscaleMax", autoscaleMax);
        ctx.put("poolMax", poolMax());
        ctx.put("gitpodNodeLabels", platform == Platform.GITPOD ? GitpodNodeLabels.KEYS : List.of());
        ctx.put("nodePool", nodePool());
        ctx.put("tailscale", tailscale);
        ctx.put("tailscaleExtraArgs", tailscaleExtraArgs);
        ctx.put("sshPublicKeyFile", sshPublicKeyFile);
        ctx.put("dnsNames", dnsNames());
        ctx.put("sshGateway", sshGateway());
        String hosts = azure ? "VMs'" : "servers'";
        ctx.put("sshPortDescription", platform == Platform.CODER
                ? "Port of the " + hosts + " own sshd (Coder opens no port 22: its SSH goes through HTTPS)."
                : "Port of the " + hosts + " own sshd (22 belongs to Gitpod's SSH gateway).");
        ctx.put("dnsNamesDescription", platform == Platform.CODER
                ? "The two names Coder answers on: the domain and its wildcard."
                : "The three names Gitpod answers on: the domain, its wildcard and the workspaces' wildcard.");
        String who = platform == Platform.CODER ? "Coder" : "Gitpod proxy";
        ctx.put("httpRuleDescription", who + ", HTTP");
        ctx.put("httpsRuleDescription", who + ", HTTPS");
        ctx.put("httpRuleName", platform.key() + "-http");
        ctx.put("httpsRuleName", platform.key() + "-https");
        ctx.put("managers", managers());
        return ctx;
    }
}
