package dev.railyard.bench;

import dev.railyard.engine.cluster.ClusterScenarios;
import dev.railyard.engine.cluster.ClusterSnapshot;
import dev.railyard.engine.cluster.ContainerRef;
import dev.railyard.engine.cluster.Expectations;
import dev.railyard.engine.cluster.HealthChecks;
import dev.railyard.engine.cluster.HealthReport;
import dev.railyard.engine.cluster.KubeFacts;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * All checks over an in-memory cluster of 500 nodes and 10,000 pods (workspaces, node daemons,
 * user pods with volumes, some crash-looping with DNS errors in their logs), against the cost of
 * merely walking the same objects. Target: median at most 200 ms.
 */
public final class HealthBench implements BenchMain.Benchmark {

    static final int NODES = 500;
    static final int PODS = 10_000;
    static final int WARMUP = 15;
    static final int RUNS = 31;
    static final double TARGET_MS = 200;

    @Override
    public String name() {
        return "health checks: " + NODES + " nodes, " + PODS + " pods";
    }

    @Override
    public void run(Path jar) {
        run(System.out);
    }

    void run(PrintStream out) {
        ClusterSnapshot snapshot = cluster();
        Expectations expect = ClusterScenarios.plan();
        HealthChecks checks = HealthChecks.standard();
        HealthReport report = null;
        long sink = 0;
        for (int i = 0; i < WARMUP; i++) {
            report = checks.evaluate(snapshot, expect);
            sink += walk(snapshot);
        }
        double[] checkMs = new double[RUNS];
        double[] walkMs = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            report = checks.evaluate(snapshot, expect);
            long t1 = System.nanoTime();
            sink += walk(snapshot);
            long t2 = System.nanoTime();
            checkMs[i] = (t1 - t0) / 1e6;
            walkMs[i] = (t2 - t1) / 1e6;
        }
        double checksMedian = median(checkMs);
        double walkMedian = median(walkMs);
        out.printf("objects: %d nodes, %d pods, %d services; findings: %d (%s)%n", snapshot.nodes().size(), snapshot.pods().size(),
                snapshot.services().size(), report.findings().size(), report.status());
        out.printf("all checks: median %.2f ms (min %.2f, max %.2f) over %d runs%n", checksMedian, min(checkMs), max(checkMs), RUNS);
        out.printf("just walking the objects: median %.2f ms%n", walkMedian);
        out.printf("ratio checks / walk: %.1fx%n", checksMedian / Math.max(walkMedian, 0.001));
        out.printf("target <= %.0f ms: %s%n", TARGET_MS, checksMedian <= TARGET_MS ? "met" : "MISSED");
        if (sink == 42) out.println(); // keeps the walk from being optimised away
    }

    /** Touches what a listing touches: every pod's containers, statuses and volumes, every node's conditions. */
    static long walk(ClusterSnapshot s) {
        long n = 0;
        for (Node node : s.nodes()) {
            n += node.getStatus().getConditions().size() + KubeFacts.labels(node).size();
        }
        for (Pod pod : s.pods()) {
            n += KubeFacts.name(pod).length();
            for (Container c : KubeFacts.containers(pod)) n += c.getName().length();
            for (ContainerStatus st : KubeFacts.containerStatuses(pod)) n += KubeFacts.restarts(st);
            if (pod.getSpec().getVolumes() != null) for (Volume v : pod.getSpec().getVolumes()) n += v.getName().length();
        }
        for (Service svc : s.services()) n += svc.getMetadata().getName().length();
        return n;
    }

    static ClusterSnapshot cluster() {
        ClusterSnapshot base = ClusterScenarios.healthy().snapshot();
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            nodes.add(ClusterScenarios.node("node-" + i, i < 3, "10.0." + (i / 250) + "." + (i % 250 + 1),
                    "203.0.113." + (i % 250), "10.42." + (i % 256) + ".0/24"));
        }
        List<Pod> pods = new ArrayList<>(base.pods());
        List<Service> services = new ArrayList<>(base.services());
        Map<ContainerRef, List<String>> logs = new HashMap<>();
        int i = 0;
        while (pods.size() < PODS) {
            String node = "node-" + (i % NODES);
            Pod pod;
            switch (i % 10) {
                case 0, 1, 2 -> pod = new PodBuilder(ClusterScenarios.running("gitpod", "ws-" + i, node,
                        Map.of("component", "workspace"), "workspace"))
                        .editSpec().withAutomountServiceAccountToken(false).endSpec().build();
                case 3 -> pod = new PodBuilder(ClusterScenarios.running("team-" + (i % 40), "app-" + i, node, Map.of("app", "web"), "web"))
                        .editSpec().addNewVolume().withName("data").withNewHostPath().withPath("/srv/data/" + i).endHostPath().endVolume()
                        .editFirstContainer().addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount().endContainer()
                        .endSpec().build();
                case 4 -> {
                    if (i % 200 == 4) {
                        pod = ClusterScenarios.crashLooping("team-" + (i % 40), "worker-" + i, node, "worker", 7);
                        logs.put(new ContainerRef("team-" + (i % 40), "worker-" + i, "worker"),
                                List.of("starting", "dial tcp: lookup queue on 10.43.0.10:53: i/o timeout"));
                    } else {
                        pod = ClusterScenarios.running("team-" + (i % 40), "worker-" + i, node, Map.of("app", "worker"), "worker");
                    }
                }
                default -> pod = ClusterScenarios.running("team-" + (i % 40), "api-" + i, node, Map.of("app", "api"), "api");
            }
            pods.add(pod);
            if (i % 5 == 0) {
                services.add(new ServiceBuilder().withNewMetadata().withNamespace("team-" + (i % 40)).withName("svc-" + i).endMetadata()
                        .withNewSpec().withClusterIP("10.43." + (i / 250 % 256) + "." + (i % 250)).endSpec().build());
            }
            i++;
        }
        return base.withNodes(nodes).withPods(pods).withServices(services).withLogs(logs);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static double min(double[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    static double max(double[] v) {
        return Arrays.stream(v).max().orElse(0);
    }
}
