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
    private static final Template REGISTRY_CA = Template.resource("cloud-init/registry-ca.sh.tmpl");
    private static final Template REGISTRY_CA_RESTART = Template.resource("cloud-init/registry-ca-restart.sh.tmpl");

    /**
     * The folder of {@link #REGISTRY_CA_FILE}: its own, so the DaemonSet that fills it mounts nothing else of
     * /etc/rancher/k3s (which holds k3s's join token and admin kubeconfig).
     */
    public static final String REGISTRY_CA_FOLDER = "/etc/rancher/k3s/railyard-registry-ca";
    /**
     * Where the workspace hosts of an upload-TLS Gitpod plan read the certificates registry-facade serves; the
     * DaemonSet {@code gitpod/railyard-registry-ca} writes it ({@code RegistryCaDaemonSet}).
     */
    public static final String REGISTRY_CA_FILE = REGISTRY_CA_FOLDER + "/ca.crt";
    /** registry-facade's host port in Gitpod 2022.11.3 (ws-manager's RegistryFacadeHost is reg.DOMAIN:20000). */
    public static final int REGISTRY_FACADE_PORT = 20000;
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
        boolean workspaces = K3sConfig.runsGitpodWorkspaces(plan, role);
        boolean shiftfs = workspaces && plan.spec().gitpod().workspace().usesShiftfs();
        boolean uploadTls = workspaces && dev.railyard.engine.plan.Gitpod.Tls.UPLOAD.equals(plan.spec().gitpod().tls().mode());
        return KERNEL_MODULES.render(Map.of("workspaces", workspaces, "shiftfs", shiftfs, "fuse", workspaces && !shiftfs),
                ShellEscaper.INSTANCE) + (workspaces ? usernsSysctl() : "") + (uploadTls ? registryCa(plan, role) : "");
    }

    /**
     * k3s's registries.yaml for an upload-TLS Gitpod plan: {@code configs."reg.DOMAIN:20000".tls.ca_file}
     * (k3s-io/docs, docs/installation/private-registry.md). Only with upload: a Let's Encrypt certificate
     * is trusted by the host already, and registry-facade writes no CA then either.
     */
    public static String registriesYaml(ClusterPlan plan) {
        String host = "reg." + plan.spec().gitpod().domain() + ":" + REGISTRY_FACADE_PORT;
        // a JSON string is a YAML double-quoted scalar: whatever the domain holds stays one key
        return "configs:\n  " + jsonString(host) + ":\n    tls:\n      ca_file: " + jsonString(REGISTRY_CA_FILE) + "\n";
    }

    /**
     * Writes {@link #registriesYaml} (a part of the kernel-modules script, so it runs before k3s installs) and, on an
     * existing host, restarts a k3s that already runs without it: k3s turns registries.yaml into containerd's hosts.toml
     * ({@value #K3S_CERTS_D}/HOST/hosts.toml) only when it starts.
     */
    static String registryCa(ClusterPlan plan, K3sRole role) {
        String write = REGISTRY_CA.render(Map.of("caFile", REGISTRY_CA_FILE, "registriesYaml", registriesYaml(plan)), ShellEscaper.INSTANCE);
        // a cloud server's user data never changes and its k3s starts after this script: only an existing host can
        // run a k3s that has not read the file (and the bytes count: Hetzner's user data holds at most 32 KiB)
        if (plan.spec().provider().isCloud()) return write;
        return write + REGISTRY_CA_RESTART.render(Map.of("registryHost", "reg." + plan.spec().gitpod().domain() + ":" + REGISTRY_FACADE_PORT,
                "k3sService", role.serviceName()), ShellEscaper.INSTANCE);
    }

    /** Where k3s writes containerd's per-registry hosts.toml (data-dir /var/lib/rancher/k3s; pkg/cli/cmds, agent config). */
    public static final String K3S_CERTS_D = "/var/lib/rancher/k3s/agent/etc/containerd/certs.d";

    private static String jsonString(String s) {
        return dev.railyard.engine.render.CompactJson.write(s);
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
