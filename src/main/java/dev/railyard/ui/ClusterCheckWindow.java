package dev.railyard.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.railyard.engine.cluster.Expectations;
import dev.railyard.engine.cluster.KubeconfigClients;
import dev.railyard.ui.health.LiveHealth;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/** "Check an existing cluster…": the health panel for a kubeconfig and context, in its own window. */
final class ClusterCheckWindow {

    private ClusterCheckWindow() {}

    /** The context names of a kubeconfig, first the current one; empty when the file cannot be read. */
    static List<String> contexts(Path kubeconfig) {
        List<String> names = new ArrayList<>();
        try {
            JsonNode root = new YAMLMapper().readTree(kubeconfig.toFile());
            String current = root.path("current-context").asText("");
            if (!current.isEmpty()) names.add(current);
            for (JsonNode c : root.path("contexts")) {
                String name = c.path("name").asText("");
                if (!name.isEmpty() && !names.contains(name)) names.add(name);
            }
        } catch (IOException e) {
            return List.of();
        }
        return names;
    }

    static void open(Window owner, Path kubeconfig, Optional<String> context, Expectations expectations, Clock clock) {
        open(owner, kubeconfig, context, expectations, clock, dev.railyard.engine.cluster.CoderProbe.NONE);
    }

    static void open(Window owner, Path kubeconfig, Optional<String> context, Expectations expectations, Clock clock,
                     dev.railyard.engine.cluster.CoderProbe coderProbe) {
        KubernetesClient client = KubeconfigClients.open(Optional.of(kubeconfig), context);
        LiveHealth live = LiveHealth.open(client, expectations, Optional.empty(), clock, coderProbe);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Cluster health: " + context.orElse(kubeconfig.getFileName().toString()));
        Scene scene = new Scene(live.panel(), 1000, 720);
        if (owner != null && owner.getScene() != null) scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        stage.setScene(scene);
        stage.setOnHidden(e -> {
            live.close();
            client.close();
        });
        stage.show();
    }
}
