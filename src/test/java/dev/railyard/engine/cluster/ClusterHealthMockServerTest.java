package dev.railyard.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.engine.cluster.ClusterScenarios.Scenario;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The gatherer reads each scenario from a fabric8 mock API server and the checks find exactly what is broken. */
@EnableKubernetesMockClient(crud = true)
class ClusterHealthMockServerTest {

    KubernetesMockServer server;
    KubernetesClient client;

    static List<Scenario> scenarios() {
        return ClusterScenarios.all();
    }

    private ClusterSnapshot gather(Scenario scenario) {
        MockClusters.load(server, client, scenario);
        SnapshotGatherer gatherer = new SnapshotGatherer(client, (h, p, t) -> { throw new AssertionError("no host probes here"); },
                Clock.fixed(ClusterScenarios.NOW, ZoneOffset.UTC), SnapshotGatherer.Limits.DEFAULT);
        return gatherer.gather(scenario.expectations(), scenario.tailnetPolicy(), false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void findsExactlyWhatEachMockClusterHasBroken(Scenario scenario) {
        ClusterSnapshot snapshot = gather(scenario);
        HealthReport report = HealthChecks.standard().evaluate(snapshot, scenario.expectations());

        Set<String> codes = report.findings().stream().map(Finding::code).collect(Collectors.toCollection(TreeSet::new));
        assertThat(codes).as(report.toText() + "\ngaps: " + snapshot.gaps()).isEqualTo(new TreeSet<>(scenario.expectedCodes()));
    }

    @Test
    void readsThePreviousLogOfCrashLoopingPodsFromTheApi() {
        ClusterSnapshot snapshot = gather(ClusterScenarios.seedDnsCrashLoop());

        assertThat(snapshot.gaps()).isEmpty();
        assertThat(snapshot.logs().get(new ContainerRef("default", "kotsadm-5d7f8c9b6-qz4wn", "kotsadm")))
                .anySatisfy(line -> assertThat(line).contains("lookup kotsadm-postgres on 10.43.0.10:53: i/o timeout"));
    }

    @Test
    void neverReadsSecrets() {
        gather(ClusterScenarios.healthy());

        List<String> paths = new java.util.ArrayList<>();
        for (int i = server.getRequestCount(); i > 0; i--) {
            try {
                var request = server.takeRequest(1, java.util.concurrent.TimeUnit.SECONDS);
                if (request != null) paths.add(request.getMethod() + " " + request.getPath());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assertThat(paths).anySatisfy(p -> assertThat(p).startsWith("GET /api/v1/pods"));
        assertThat(paths).filteredOn(p -> p.startsWith("GET")).noneSatisfy(p -> assertThat(p).contains("secrets"));
    }

    @Test
    void reportsCertManagerMissingAsAGapNotAsAnException() {
        Scenario healthy = ClusterScenarios.healthy();
        healthy.objects().forEach(o -> client.resource(o).create());
        // what an API server without cert-manager's CRDs answers
        server.expect().get().withPath("/apis/cert-manager.io/v1/certificates").andReturn(404, "404 page not found").always();
        server.expect().get().withPath("/apis/acme.cert-manager.io/v1/challenges").andReturn(404, "404 page not found").always();

        ClusterSnapshot snapshot = new SnapshotGatherer(client, new TcpBannerProbe(), Clock.fixed(ClusterScenarios.NOW, ZoneOffset.UTC),
                SnapshotGatherer.Limits.DEFAULT).gather(healthy.expectations(), Optional.empty(), false);

        assertThat(snapshot.gaps()).anySatisfy(g -> assertThat(g).startsWith("cert-manager Certificate"));
        HealthReport report = HealthChecks.standard().evaluate(snapshot, healthy.expectations());
        assertThat(report.findings()).anySatisfy(f -> assertThat(f.code()).isEqualTo("RY-TLS-001"));
    }
}
