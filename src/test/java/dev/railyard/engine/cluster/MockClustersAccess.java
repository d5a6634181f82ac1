package dev.railyard.engine.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/** Lets tests in other packages (CLI, UI) load a scenario into a mock API server. */
public final class MockClustersAccess {
    private MockClustersAccess() {}

    public static void load(KubernetesMockServer server, KubernetesClient client, ClusterScenarios.Scenario scenario) {
        MockClusters.load(server, client, scenario);
    }
}
