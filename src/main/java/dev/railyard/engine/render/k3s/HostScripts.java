package dev.railyard.engine.render.k3s;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Network;
import dev.railyard.engine.render.template.ShellEscaper;
import dev.railyard.engine.render.template.Template;
import java.util.Map;

/**
 * The bash scripts that prepare a host for k3s, shared by cloud-init (embedded as files and bootcmd)
 * and the existing-host install script (written out with quoted heredocs). Every value is a shell
 * word from {@link ShellEscaper}; the texts contain no {@code ${} or {@code %{} of their own, so
 * Terraform's templatefile() passes them through unchanged.
 */
public final class HostScripts {

    private static final Template SSH_PORT = Template.resource("cloud-init/ssh-port.sh.tmpl");
    private static final Template NODE_IP = Template.resource("cloud-init/node-ip.sh.tmpl");
    private static final Template KERNEL_MODULES = Template.resource("cloud-init/kernel-modules.sh.tmpl");
    private static final Template USERNS_SYSCTL = Template.resource("cloud-init/userns-sysctl.sh.tmpl");
    private static final Template TAILSCALE = Template.resource("cloud-init/tailscale.sh.tmpl");
    private static final Template INSTALL_K3S = Template.resource("cloud-init/install-k3s.sh.tmpl");
    private static final Template METADATA_GUARD = Template.resource("cloud-init/metadata-guard.sh.tmpl");
    private static final Template PROVIDER_ID = Template.resource("cloud-init/provider-id.sh.tmpl");

    private static final java.util.regex.Pattern TAILSCALE_TAG = java.util.regex.Pattern.compile("tag:[a-z0-9][a-z0-9-]{0,62}");

    private HostScripts() {}

    /**
     * Moves sshd to {@code spec.network.sshPort}.
     *
     * @param currentPort the port an administrator is connected on during the move (existing hosts),
     *                    or {@code null} at a cloud server's boot
     */
    public static String sshPort(ClusterPlan plan, Integer currentPort) {
        return SSH_PORT.render(Map.of(
                "sshPort", sshPortOf(plan),
                "currentPort", currentPort == null ? "" : currentPort), ShellEscaper.INSTANCE);
    }

    public static String nodeIp(ClusterPlan plan) {
        String cidr = plan.spec().network().privateCidr();
        String privateCidr = cidr == null || cidr.isBlank() ? Network.DEFAULT_PRIVATE_CIDR : cidr;
        if (!privateCidr.matches("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}")) {
            throw new IllegalArgumentException("spec.network.privateCidr: the node-ip script needs an IPv4 CIDR such as 10.0.0.0/16, not '" + privateCidr + "'");
        }
        return NODE_IP.render(Map.of("privateCidr", privateCidr), ShellEscaper.INSTANCE);
    }

    /**
     * The workspace file-system module, then the kernel settings Gitpod's workspaces need ({@link #usernsSysctl()}),
     * only where workspaces run: a tainted manager (medium, large) never runs one, so it builds, loads and sets nothing.
     */
    public static String kernelModules(ClusterPlan plan, K3sRole role) {
        // Gitpod's workspaces only: a Coder plan's workspaces (envbox) need neither module nor sysctl.
        boolean gitpod = plan.spec().platform() == dev.railyard.engine.plan.Platform.GITPOD;
        boolean workspaces = gitpod && !(role == K3sRole.SERVER && plan.spec().size().managersTainted());
        boolean shiftfs = workspaces && plan.spec().gitpod().workspace().usesShiftfs();
        return KERNEL_MODULES.render(Map.of("workspaces", workspaces, "shiftfs", shiftfs, "fuse", workspaces && !shiftfs),
                ShellEscaper.INSTANCE) + (workspaces ? usernsSysctl() : "");
    }

    /** Ubuntu 24.04's AppArmor user-namespace restriction off, where the kernel has it (a part of the kernel-modules script). */
    static String usernsSysctl() {
        return USERNS_SYSCTL.render(Map.of(), ShellEscaper.INSTANCE);
    }

    /**
     * Cloud servers: drops packets that pods (or other machines) send to the metadata service, which
     * serves the server's user data; on Azure also to the wire server's agent ports (not its DNS).
     */
    public static String metadataGuard(ClusterPlan plan) {
        return METADATA_GUARD.render(Map.of("azure", String.valueOf(plan.spec().provider().isAzure())), ShellEscaper.INSTANCE);
    }

    /** Cloud servers: the kubelet's provider-id from the metadata service, which cluster-autoscaler matches servers by. */
    public static String providerId(ClusterPlan plan) {
        return PROVIDER_ID.render(Map.of("provider", plan.spec().provider().isAzure() ? "azure" : "hetzner"), ShellEscaper.INSTANCE);
    }

    /**
     * Installs Tailscale and stops a host that is already on a tailnet without the plan's tag, which k3s's
     * vpn-auth would otherwise leave as it is (it skips {@code tailscale up} when the backend is Running).
     */
    public static String tailscale(ClusterPlan plan) {
        String tag = plan.spec().network().tailscale().tag();
        // Validation keeps the tag to tag:[a-z0-9-] (TailscaleRules), which the script matches literally against
        // `tailscale status`. Anything else (a plan rendered without validation) leaves the script without a tag,
        // which takes the safe branch: a host already on a tailnet is stopped.
        String safeTag = tag != null && TAILSCALE_TAG.matcher(tag).matches() ? tag : "";
        return TAILSCALE.render(Map.of("tag", safeTag), ShellEscaper.INSTANCE);
    }

    /** @param nodeName the k3s node name when the config sets one, or {@code null} for the host name */
    public static String installK3s(ClusterPlan plan, K3sRole role, String nodeName) {
        String version = plan.spec().k3s().version();
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("spec.k3s.version: k3s is always pinned; set a release such as "
                    + dev.railyard.engine.plan.Spec.K3s.defaultFor(plan.spec()));
        }
        return INSTALL_K3S.render(Map.of(
                "k3sVersion", version,
                "k3sCommand", role.command(),
                "k3sService", role.serviceName(),
                "nodeName", nodeName == null ? "" : nodeName), ShellEscaper.INSTANCE);
    }

    public static int sshPortOf(ClusterPlan plan) {
        Integer port = plan.spec().network().sshPort();
        return port == null ? Network.DEFAULT_SSH_PORT : port;
    }
}
