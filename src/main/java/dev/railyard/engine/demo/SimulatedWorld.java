package dev.railyard.engine.demo;

import dev.railyard.engine.cluster.CoderProbe;
import dev.railyard.engine.cluster.HostProbe;
import dev.railyard.engine.cluster.HostProbeResult;
import dev.railyard.engine.cluster.Remedies;
import dev.railyard.engine.coder.CoderTransport;
import dev.railyard.engine.images.ImageRegistry;
import dev.railyard.engine.images.RegistryClient;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Gitpod;
import dev.railyard.engine.run.ChildProcesses;
import dev.railyard.engine.run.CoderSteps;
import dev.railyard.engine.run.OutsideWorld;
import dev.railyard.engine.run.PreflightStep;
import dev.railyard.engine.ssh.SshConnector;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The demo's outside world, in one piece and in memory: a simulated Terraform (as the child process Railyard runs),
 * the servers it creates (SSH, cloud-init, host keys), their k3s cluster's API (served to fabric8 without a socket),
 * image registries, the hosts' ports, and the one fix it can carry out. The pipeline, its steps, the health checks
 * and the views are Railyard's own; they cannot tell this world from the real one except by {@link #logLabel()}.
 */
public final class SimulatedWorld implements OutsideWorld {

    /** Put before every line of a simulated run. */
    public static final String LABEL = "[SIMULATION] ";
    /** What the simulated Terraform calls itself in the preflight's "Terraform 1.11.4 at ..." line. */
    static final Path TERRAFORM = Path.of("simulated-terraform");
    /** The Service Coder's chart creates, where the simulated coderd answers. */
    static final URI CODERD_SERVICE = URI.create("http://coder.coder.svc.cluster.local");

    private final ClusterPlan plan;
    private final Pace pace;
    private final SimulatedCloud cloud = new SimulatedCloud();
    private final SimulatedCluster cluster;
    private final SimulatedServers servers;
    private final SimulatedCoderd coderd;

    public SimulatedWorld(ClusterPlan plan, Pace pace) {
        this.plan = plan;
        this.pace = pace;
        Gitpod gitpod = plan.spec().gitpod();
        boolean shiftfs = gitpod != null && gitpod.workspace() != null && gitpod.workspace().usesShiftfs();
        boolean coder = plan.spec().platform() == dev.railyard.engine.plan.Platform.CODER;
        this.cluster = new SimulatedCluster(new KubeApi(pace.clock(), plan.spec().k3s().version()), pace, plan.spec().k3s().version(), shiftfs, coder);
        this.coderd = new SimulatedCoderd(cluster);
        this.servers = new SimulatedServers(plan, pace, cloud, cluster, "simulated-token-" + Integer.toHexString(plan.name().hashCode()));
    }

    public Pace pace() {
        return pace;
    }

    /** Whether the fix of RY-DNS-001 has been applied to the simulated servers. */
    public boolean networkFixed() {
        return cluster.vxlanOpen();
    }

    @Override
    public ChildProcesses processes(Duration cancelGrace) {
        return new SimulatedTerraform(plan, pace, cloud);
    }

    @Override
    public SshConnector ssh(Duration timeout) {
        return servers;
    }

    @Override
    public KubernetesClient kubernetes(String kubeconfigYaml) {
        Config config = Config.fromKubeconfig(kubeconfigYaml);
        // no WebSockets in memory: watches as long-running HTTP requests
        config.setOnlyHttpWatches(true);
        config.setRequestRetryBackoffLimit(0);
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new InMemoryKubeHttp.MemoryFactory(cluster.api())).build();
    }

    @Override
    public ImageRegistry registry(URI override) {
        return image -> new RegistryClient.Result(image, RegistryClient.Status.PRESENT, "present (simulated registry)");
    }

    @Override
    public PreflightStep.TerraformLocator terraform() {
        return (configured, pathEnv) -> Optional.of(TERRAFORM);
    }

    @Override
    public HostProbe hostProbe() {
        int sshPort = plan.spec().network().sshPort() == null ? 22 : plan.spec().network().sshPort();
        return (host, port, timeout) -> {
            if (cloud.at(host).isEmpty()) return new HostProbeResult(host, port, false, "", "no answer within " + timeout.toMillis() + " ms");
            if (port == sshPort) return new HostProbeResult(host, port, true, "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.10", "connected");
            if (port == 22) return new HostProbeResult(host, port, true, "SSH-2.0-Go", "connected");
            return new HostProbeResult(host, port, false, "", "ConnectException: Connection refused");
        };
    }

    @Override
    public Remedies remedies() {
        return finding -> "RY-DNS-001".equals(finding.code())
                ? Optional.of(new Remedies.Remedy(finding.code(), "allow flannel VXLAN (8472/udp) between the servers in the simulated cloud"
                + " firewall, as the finding's fix says", cluster::openVxlan))
                : Optional.empty();
    }

    @Override
    public Duration poll() {
        Duration scaled = pace.seconds(5);
        return scaled.compareTo(Duration.ofMillis(20)) < 0 ? Duration.ofMillis(20) : scaled;
    }

    @Override
    public String logLabel() {
        return LABEL;
    }

    @Override
    public CoderTransport coderTransport() {
        return coderd;
    }

    /** coderd's in-cluster address, answered by the simulated coderd: a port-forward needs a socket, the demo has none. */
    @Override
    public CoderSteps.Endpoint coderEndpoint(Supplier<KubernetesClient> kube, URI override) {
        return CoderSteps.Endpoint.fixed(override != null ? override : CODERD_SERVICE, coderd);
    }

    /** The access URL's records, as the summary asks a person to create them: every name at the manager's address. */
    @Override
    public CoderProbe.Resolver names() {
        return name -> cluster.ingressAddress().map(List::of).orElse(List.of());
    }
}
