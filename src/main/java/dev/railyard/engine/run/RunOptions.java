package dev.railyard.engine.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a run is carried out, beyond the plan: where the exported files and the run folder are, which
 * Terraform to use (null: look on the PATH), and the waits. Defaults in {@link #defaults}.
 */
public record RunOptions(Path exportDir, Path runDir, Path terraformExecutable, Path home, Duration cancelGrace,
                         Duration sshTimeout, Duration sshWait, Duration clusterWait, boolean trustOnFirstUse,
                         String installerImage, String kubectlImage) {

    public static final String DEFAULT_KUBECTL_IMAGE = "registry.k8s.io/kubectl:v1.33.7";

    public RunOptions {
        Objects.requireNonNull(exportDir, "exportDir");
        Objects.requireNonNull(runDir, "runDir");
        Objects.requireNonNull(home, "home");
    }

    public static RunOptions defaults(Path exportDir, Path runDir, Path home) {
        return new RunOptions(exportDir, runDir, null, home, Duration.ofSeconds(20), Duration.ofSeconds(10),
                Duration.ofMinutes(10), Duration.ofMinutes(15), false, null, DEFAULT_KUBECTL_IMAGE);
    }

    public RunOptions withTerraform(Path value) {
        return new RunOptions(exportDir, runDir, value, home, cancelGrace, sshTimeout, sshWait, clusterWait, trustOnFirstUse, installerImage, kubectlImage);
    }

    public RunOptions withTrustOnFirstUse(boolean value) {
        return new RunOptions(exportDir, runDir, terraformExecutable, home, cancelGrace, sshTimeout, sshWait, clusterWait, value, installerImage, kubectlImage);
    }

    public RunOptions withWaits(Duration ssh, Duration cluster, Duration grace) {
        return new RunOptions(exportDir, runDir, terraformExecutable, home, grace, sshTimeout, ssh, cluster, trustOnFirstUse, installerImage, kubectlImage);
    }

    public RunOptions withInstallerImage(String value) {
        return new RunOptions(exportDir, runDir, terraformExecutable, home, cancelGrace, sshTimeout, sshWait, clusterWait, trustOnFirstUse, value, kubectlImage);
    }

    public Path kubeconfigFile() {
        return runDir.resolve("kubeconfig");
    }

    public Path knownHostsFile() {
        return runDir.resolve("known_hosts");
    }
}
