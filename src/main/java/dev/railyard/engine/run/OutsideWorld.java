package dev.railyard.engine.run;

import dev.railyard.engine.cluster.CoderProbe;
import dev.railyard.engine.cluster.HostProbe;
import dev.railyard.engine.cluster.Remedies;
import dev.railyard.engine.cluster.TcpBannerProbe;
import dev.railyard.engine.coder.CoderTransport;
import dev.railyard.engine.images.ImageRegistry;
import dev.railyard.engine.images.RegistryClient;
import dev.railyard.engine.ssh.SshConnector;
import dev.railyard.engine.ssh.SshSessions;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Everything a run and a health check reach outside Railyard: child processes (Terraform), SSH, the Kubernetes API,
 * image registries, the hosts' ports. {@link #REAL} is the world; the demo passes its simulation of it. Steps and
 * views only ever see these interfaces, so a demo runs exactly the code a real run does.
 */
public interface OutsideWorld {

    ChildProcesses processes(Duration cancelGrace);

    SshConnector ssh(Duration timeout);

    /** A client for the cluster a kubeconfig (its text) describes. */
    KubernetesClient kubernetes(String kubeconfigYaml);

    /** Image registries; {@code override}: one base URL answering for all of them (a mirror), or null. */
    ImageRegistry registry(URI override);

    PreflightStep.TerraformLocator terraform();

    HostProbe hostProbe();

    Remedies remedies();

    /** How often the steps ask the cluster again while they wait. */
    Duration poll();

    /** Put before every log line's text; empty for the real world. */
    String logLabel();

    /** How Coder's API is reached: HTTP in the world. */
    CoderTransport coderTransport();

    /**
     * How the Coder steps reach coderd: {@code override} (a fixed URL, {@code -Drailyard.coder.url}) when not null, else a
     * port-forward to a running coderd pod.
     */
    default CoderSteps.Endpoint coderEndpoint(Supplier<KubernetesClient> kube, URI override) {
        return override != null ? CoderSteps.Endpoint.fixed(override, coderTransport()) : CoderSteps.Endpoint.portForward(kube, coderTransport());
    }

    /** How the Coder checks resolve the access URL's names. */
    CoderProbe.Resolver names();

    OutsideWorld REAL = new OutsideWorld() {
        @Override
        public ChildProcesses processes(Duration cancelGrace) {
            return new ProcessRunner(cancelGrace);
        }

        @Override
        public SshConnector ssh(Duration timeout) {
            return new SshSessions(timeout);
        }

        @Override
        public KubernetesClient kubernetes(String kubeconfigYaml) {
            return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfigYaml)).build();
        }

        @Override
        public ImageRegistry registry(URI override) {
            return new RegistryClient(Duration.ofSeconds(15), override);
        }

        @Override
        public PreflightStep.TerraformLocator terraform() {
            return PreflightStep.TerraformLocator.ON_PATH;
        }

        @Override
        public HostProbe hostProbe() {
            return new TcpBannerProbe();
        }

        @Override
        public Remedies remedies() {
            return Remedies.NONE;
        }

        @Override
        public Duration poll() {
            return Duration.ofSeconds(5);
        }

        @Override
        public String logLabel() {
            return "";
        }

        @Override
        public CoderTransport coderTransport() {
            return CoderTransport.over(HttpClient.newHttpClient());
        }

        @Override
        public CoderProbe.Resolver names() {
            return CoderProbe.Resolver.SYSTEM;
        }
    };
}
