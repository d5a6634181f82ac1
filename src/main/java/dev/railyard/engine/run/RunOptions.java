package dev.railyard.engine.run;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a run is carried out, beyond the plan: where the exported files and the run folder are, which
 * Terraform to use (null: look on the PATH), the waits, and where coderd's API is (null: a port-forward).
 * Defaults in {@link #defaults}.
 */
public record RunOptions(Path exportDir, Path runDir, Path terraformExecutable, Path home, Duration cancelGrace,
                         Duration sshTimeout, Duration sshWait, Duration clusterWait, boolean trustOnFirstUse,
                         String installerImage, String kubectlImage, URI coderUrl) {

    public static final String DEFAULT_KUBECTL_IMAGE = "registry.k8s.io/kubectl:v1.33.7";

    public RunOptions {
        Objects.requireNonNull(exportDir, "exportDir");
        Objects.requireNonNull(runDir, "runDir");
        Objects.requireNonNull(home, "home");
    }

    public static RunOptions defaults(Path exportDir, Path runDir, Path home) {
        return new RunOptions(exportDir, runDir, null, home, Duration.ofSeconds(20), Duration.ofSeconds(10),
                Duration.ofMinutes(10), Duration.ofMinutes(15), false, null, DEFAULT_KUBECTL_IMAGE, null);
    }

    public RunOptions withTerraform(Path value) {
        return new RunOptions(exportDir, runDir, value, home, cancelGrace, sshTimeout, sshWait, clusterWait, trustOnFirstUse, installerImage, kubectlImage, coderUrl);
    }

    public RunOptions withTrustOnFirstUse(boolean value) {
        return new RunOptions(exportDir, runDir, terraformExecutable, home, cancelGrace, sshTimeout, sshWait, clusterWait, value, installerImage, kubectlImage, coderUrl);
    }

    public RunOptions withWaits(Duration ssh, Duration cluster, Duration grace) {
        return new RunOptions(exportDir, runDir, terraformExecutable, home, grace, sshTimeout, ssh, cluster, trustOnFirstUse, installerImage, kubectlImage, coderUrl);
    }

    public RunOptions withInstallerImage(String value) {
        return new RunOptions(exportDir, runDir, terraformExecutable, home, cancelGrace, sshTimeout, sshWait, clusterWait, trustOnFirstUse, value, kubectlImage, coderUrl);
    }

    /**
     * Where the Coder steps reach coderd's API; null (the default) means through a port-forward to a coderd
     * pod over the Kubernetes API, which works before the DNS records exist.
     */
    public RunOptions withCoderUrl(URI value) {
        return new RunOptions(exportDir, runDir, terraformExecutable, home, cancelGrace, sshTimeout, sshWait, clusterWait, trustOnFirstUse, installerImage, kubectlImage, value);
    }

    public Path kubeconfigFile() {
        return runDir.resolve("kubeconfig");
    }

    public Path knownHostsFile() {
        return runDir.resolve("known_hosts");
    }
}
