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
    private static final Template TAILSCALE = Template.resource("cloud-init/tailscale.sh.tmpl");
    private static final Template INSTALL_K3S = Template.resource("cloud-init/install-k3s.sh.tmpl");
    private static final Template METADATA_GUARD = Template.resource("cloud-init/metadata-guard.sh.tmpl");
    private static final Template PROVIDER_ID = Template.resource("cloud-init/provider-id.sh.tmpl");

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

    public static String kernelModules(ClusterPlan plan) {
        // shiftfs is for Gitpod's workspaces only; a Coder plan never builds it.
        boolean shiftfs = plan.spec().platform() == dev.railyard.engine.plan.Platform.GITPOD
                && plan.spec().gitpod().workspace().usesShiftfs();
        return KERNEL_MODULES.render(Map.of("shiftfs", shiftfs), ShellEscaper.INSTANCE);
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

    public static String tailscale() {
        return TAILSCALE.render(Map.of(), ShellEscaper.INSTANCE);
    }

    /** @param nodeName the k3s node name when the config sets one, or {@code null} for the host name */
    public static String installK3s(ClusterPlan plan, K3sRole role, String nodeName) {
        String version = plan.spec().k3s().version();
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("spec.k3s.version: k3s is always pinned; set a release such as "
                    + dev.railyard.engine.plan.Spec.K3s.DEFAULT_VERSION);
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
