package dev.railyard.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ClusterWatcherTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void reportsAgainWhenAPodStartsCrashLoopingAndCoalescesTheBurst() throws Exception {
        MockClusters.load(server, client, ClusterScenarios.healthy());
        BlockingQueue<HealthReport> reports = new LinkedBlockingQueue<>();
        try (ClusterWatcher watcher = new ClusterWatcher(client, ClusterScenarios.plan(), Optional.empty(), Duration.ofSeconds(2),
                Clock.fixed(ClusterScenarios.NOW, ZoneOffset.UTC), reports::add).start()) {

            HealthReport first = reports.poll(30, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.status()).as(first.toText()).isEqualTo(HealthReport.Status.READY);
            assertThat(reports.poll(1, TimeUnit.SECONDS)).as("the initial sync of six informers is one evaluation").isNull();

            Pod crashing = ClusterScenarios.crashLooping("default", "kotsadm-5d7f8c9b6-qz4wn", ClusterScenarios.NODE, "kotsadm", 3);
            client.resource(crashing).create();
            client.resource(crashing).updateStatus();

            HealthReport next = reports.poll(30, TimeUnit.SECONDS);
            assertThat(next).isNotNull();
            assertThat(next.findings()).extracting(Finding::code).contains("RY-POD-001");
            List<HealthReport> more = new java.util.ArrayList<>();
            reports.drainTo(more);
            assertThat(more).as("create + status update inside the quiet period: one evaluation").isEmpty();
        }
    }
}
