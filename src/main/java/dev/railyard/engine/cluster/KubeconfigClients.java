package dev.railyard.engine.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Opens a client the way kubectl would: the given kubeconfig and context, or $KUBECONFIG / ~/.kube/config. */
public final class KubeconfigClients {

    /** Short timeouts: a health check of an unreachable cluster should say so quickly, not hang. */
    static final int CONNECT_TIMEOUT_MS = 10_000;
    static final int REQUEST_TIMEOUT_MS = 30_000;

    private KubeconfigClients() {}

    public static KubernetesClient open(Optional<Path> kubeconfig, Optional<String> context) {
        Config config;
        if (kubeconfig.isPresent()) {
            Path file = kubeconfig.get();
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("--kubeconfig: cannot read " + file + "; pass the file k3s wrote to /etc/rancher/k3s/k3s.yaml (copied to this machine)");
            }
            config = Config.fromKubeconfig(context.orElse(null), new File(file.toString()));
        } else {
            config = Config.autoConfigure(context.orElse(null));
        }
        config.setConnectionTimeout(CONNECT_TIMEOUT_MS);
        config.setRequestTimeout(REQUEST_TIMEOUT_MS);
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
