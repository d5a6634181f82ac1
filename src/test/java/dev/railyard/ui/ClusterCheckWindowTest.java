package dev.railyard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterCheckWindowTest {

    @Test
    void offersTheCurrentContextFirstThenTheOthersOfTheKubeconfig(@TempDir Path dir) throws Exception {
        Path kubeconfig = dir.resolve("config");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                current-context: pi-gitpod
                contexts:
                  - name: acme-gitpod
                    context: {cluster: acme, user: admin}
                  - name: pi-gitpod
                    context: {cluster: pi, user: admin}
                """);
        assertThat(ClusterCheckWindow.contexts(kubeconfig)).containsExactly("pi-gitpod", "acme-gitpod");
    }

    @Test
    void offersNoContextForAFileThatIsNotAKubeconfig(@TempDir Path dir) throws Exception {
        Path notYaml = dir.resolve("config");
        Files.writeString(notYaml, "{{{ not yaml");
        assertThat(ClusterCheckWindow.contexts(notYaml)).isEmpty();
        assertThat(ClusterCheckWindow.contexts(dir.resolve("missing"))).isEmpty();
    }
}
