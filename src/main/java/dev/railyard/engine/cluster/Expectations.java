package dev.railyard.engine.cluster;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Gitpod;
import dev.railyard.engine.plan.Network;
import dev.railyard.engine.plan.Platform;
import dev.railyard.engine.plan.Provider;
import dev.railyard.engine.plan.Spec;
import java.util.List;
import java.util.Optional;

/**
 * What the checks hold a cluster to. With a plan they know the preset, the host SSH port, the
 * tailnet and the domain; without one (any kubeconfig) they use k3s and Railyard defaults and skip
 * what only the plan can say.
 */
public record Expectations(boolean fromPlan, String preset, int sshPort, String k3sVersion,
                           boolean tailscale, String tailscaleTag, String tailscaleAdminGroup, boolean tailscaleSsh,
                           String podCidr, String serviceCidr, String domain, String tlsMode, String fsShiftMethod,
                           List<String> hostAddresses, Platform platform) {

    public static final String DEFAULT_TAILSCALE_TAG = "tag:k3s";

    public Expectations {
        hostAddresses = hostAddresses == null ? List.of() : List.copyOf(hostAddresses);
        podCidr = podCidr == null ? Network.DEFAULT_POD_CIDR : podCidr;
        serviceCidr = serviceCidr == null ? Network.DEFAULT_SERVICE_CIDR : serviceCidr;
        tailscaleTag = tailscaleTag == null ? DEFAULT_TAILSCALE_TAG : tailscaleTag;
        platform = platform == null ? Platform.GITPOD : platform;
    }

    /** A Gitpod cluster's expectations, as every cluster was before Coder. */
    public Expectations(boolean fromPlan, String preset, int sshPort, String k3sVersion,
                        boolean tailscale, String tailscaleTag, String tailscaleAdminGroup, boolean tailscaleSsh,
                        String podCidr, String serviceCidr, String domain, String tlsMode, String fsShiftMethod,
                        List<String> hostAddresses) {
        this(fromPlan, preset, sshPort, k3sVersion, tailscale, tailscaleTag, tailscaleAdminGroup, tailscaleSsh, podCidr, serviceCidr,
                domain, tlsMode, fsShiftMethod, hostAddresses, Platform.GITPOD);
    }

    /** Any cluster, no plan: defaults only. */
    public static Expectations withoutPlan() {
        return new Expectations(false, null, Network.DEFAULT_SSH_PORT, null, false, null, null, false,
                null, null, null, null, null, List.of(), Platform.GITPOD);
    }

    public static Expectations of(ClusterPlan plan) {
        Spec spec = plan.spec();
        Network network = spec.network();
        Network.Tailscale ts = network.tailscale();
        Platform platform = spec.platform();
        Gitpod.Tls tls = spec.platformTls();
        String fsShift = platform == Platform.GITPOD && spec.gitpod() != null ? spec.gitpod().workspace().fsShiftMethod() : null;
        Provider provider = spec.provider();
        List<String> hosts = provider.isExisting() && provider.existing() != null
                ? provider.existing().hosts().stream().map(Provider.Host::address).toList()
                : List.of();
        return new Expectations(true, spec.size().preset(),
                network.sshPort() == null ? Network.DEFAULT_SSH_PORT : network.sshPort(),
                spec.k3s().version(), ts.isEnabled(), ts.tag(), ts.adminGroup(), ts.sshEnabled(),
                network.podCidr(), network.serviceCidr(), spec.platformDomain(), tls == null ? null : tls.mode(),
                fsShift, hosts, platform);
    }

    public Optional<String> domainIfKnown() {
        return Optional.ofNullable(domain).filter(d -> !d.isBlank());
    }

    /** medium and large taint the managers so that Gitpod runs on nodes only. */
    public boolean managersTainted() {
        return "medium".equals(preset) || "large".equals(preset);
    }

    public boolean usesFuse() {
        return Gitpod.Workspace.FUSE.equals(fsShiftMethod);
    }

    /** Uploaded certificates are not issued by cert-manager, so there is no Certificate to look at. */
    public boolean expectsCertManager() {
        return !Gitpod.Tls.UPLOAD.equals(tlsMode);
    }

    /** The cluster DNS service address k3s uses: the tenth address of the service range (10.43.0.10). */
    public String clusterDnsAddress() {
        String base = serviceCidr.split("/")[0];
        String[] octets = base.split("\\.");
        if (octets.length != 4) return "10.43.0.10";
        return octets[0] + "." + octets[1] + "." + octets[2] + ".10";
    }
}
