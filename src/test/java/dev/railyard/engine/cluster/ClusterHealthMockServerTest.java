package dev.railyard.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.engine.cluster.ClusterScenarios.Scenario;
import dev.railyard.engine.cluster.checks.ShiftfsCheck;
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
    void wsDaemonRunsTheShiftfsModuleLoaderOnlyForShiftfsSoTheReportShowsTheMethodAsAFact() {
        Scenario healthy = ClusterScenarios.healthy();
        HealthReport report = HealthChecks.standard().evaluate(gather(healthy), healthy.expectations());

        assertThat(report.findings()).isEmpty();
        assertThat(report.facts()).containsExactly(
                "Workspace file-system shift: shiftfs (ws-daemon pods run the shiftfs-module-loader init container)");
        assertThat(report.toText()).contains("Workspace file-system shift: shiftfs");
        assertThat(ReportJson.toJson(report).get("facts").get(0).asText()).startsWith("Workspace file-system shift: shiftfs");
    }

    @Test
    void fsShiftMethodDifferentFromThePlanIsAWarning() {
        Scenario healthy = ClusterScenarios.healthy();
        // a cluster installed with fuse: ws-daemon without the module loader, in pods and DaemonSet
        List<io.fabric8.kubernetes.api.model.HasMetadata> objects = healthy.objects().stream().map(o -> {
            if (o instanceof io.fabric8.kubernetes.api.model.Pod pod && "ws-daemon".equals(KubeFacts.labels(pod).get("component"))) {
                return (io.fabric8.kubernetes.api.model.HasMetadata) new io.fabric8.kubernetes.api.model.PodBuilder(pod)
                        .editSpec().withInitContainers(List.of()).endSpec().build();
            }
            if (o instanceof io.fabric8.kubernetes.api.model.apps.DaemonSet ds && "ws-daemon".equals(ds.getMetadata().getName())) {
                return new io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder(ds)
                        .editSpec().editTemplate().editSpec().withInitContainers(List.of()).endSpec().endTemplate().endSpec().build();
            }
            return o;
        }).toList();
        Scenario fuseCluster = new Scenario(healthy.name() + " (fuse)", objects, healthy.certificates(), healthy.challenges(),
                healthy.logs(), healthy.expectations(), healthy.tailnetPolicy(), Set.of("RY-SHIFTFS-003"));

        HealthReport report = HealthChecks.standard().evaluate(gather(fuseCluster), fuseCluster.expectations());

        assertThat(report.facts()).containsExactly(
                "Workspace file-system shift: fuse (ws-daemon pods have no shiftfs-module-loader init container)");
        Finding mismatch = report.findings().stream().filter(f -> f.code().equals("RY-SHIFTFS-003")).findFirst().orElseThrow();
        assertThat(mismatch.severity()).isEqualTo(Finding.Severity.WARNING);
        assertThat(mismatch.evidence()).containsExactly("plan: spec.gitpod.workspace.fsShiftMethod shiftfs",
                "cluster: fuse (ws-daemon pods have no shiftfs-module-loader init container)");
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

        List<String> paths = requests();
        assertThat(paths).anySatisfy(p -> assertThat(p).startsWith("GET /api/v1/pods"));
        assertThat(paths).filteredOn(p -> p.startsWith("GET")).noneSatisfy(p -> assertThat(p).contains("secrets"));
    }

    /**
     * fabric8's getLog() first waits for the pod to be ready or ended with an informer of its own, even with a zero
     * wait: a LIST per container (four here, failing this test on that code), and a WATCH when the pod is pending or
     * the watch starts before the informer stops. Against the mock server a closing watch holds its one event loop
     * (WatchEventsListener.onClosed waits for an executor there): 19.6 s in a run where two log reads then timed out
     * "when getting a connection". A check reads each log with one GET, lists no single pod and watches nothing.
     */
    @Test
    void readsEachFailingContainersLogWithOneGetAndWatchesNothing() {
        Scenario crashLoop = ClusterScenarios.seedDnsCrashLoop();
        ClusterSnapshot snapshot = gather(crashLoop);
        assertThat(snapshot.gaps()).isEmpty();

        List<String> paths = requests();
        assertThat(paths).noneSatisfy(p -> assertThat(p).contains("watch=true"));
        assertThat(paths).noneSatisfy(p -> assertThat(p).contains("fieldSelector=metadata.name"));
        List<String> expected = new java.util.ArrayList<>(List.of(
                "GET /api/v1/namespaces/default/pods/kotsadm-5d7f8c9b6-qz4wn/log?container=kotsadm&previous=true&tailLines=20",
                "GET /api/v1/namespaces/cattle-system/pods/cattle-cluster-agent-6b8d9f7c5-lm2pk/log?container=cluster-register&previous=true&tailLines=20"));
        wsDaemonPods(crashLoop).forEach(pod -> expected.add("GET /api/v1/namespaces/gitpod/pods/" + pod + "/log?container=ws-daemon&tailLines=20"));
        assertThat(expected).hasSize(4);
        assertThat(paths).filteredOn(p -> p.contains("/log?")).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aLogThatCannotBeReadIsAGapNamingTheContainerAndTheStatus() {
        Scenario crashLoop = ClusterScenarios.seedDnsCrashLoop();
        server.expect().get().withPath("/api/v1/namespaces/default/pods/kotsadm-5d7f8c9b6-qz4wn/log?container=kotsadm&previous=true&tailLines=20")
                .andReturn(404, "{\"kind\":\"Status\",\"code\":404,\"message\":\"pods \\\"kotsadm-5d7f8c9b6-qz4wn\\\" not found\"}").always();

        ClusterSnapshot snapshot = gather(crashLoop);

        assertThat(snapshot.gaps()).singleElement().asString().startsWith("logs of default/kotsadm-5d7f8c9b6-qz4wn (kotsadm): 404");
    }

    /** ws-daemon's log is read on every node, failing or not (shiftfs trouble shows there first). */
    private static List<String> wsDaemonPods(Scenario scenario) {
        return scenario.objects().stream().filter(o -> o instanceof io.fabric8.kubernetes.api.model.Pod pod && ShiftfsCheck.isWsDaemon(pod))
                .map(o -> o.getMetadata().getName()).toList();
    }

    private List<String> requests() {
        List<String> paths = new java.util.ArrayList<>();
        for (int i = server.getRequestCount(); i > 0; i--) {
            try {
                var request = server.takeRequest(1, java.util.concurrent.TimeUnit.SECONDS);
                if (request != null) paths.add(request.getMethod() + " " + request.getPath());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return paths;
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
