package dev.railyard.engine.cluster;

import dev.railyard.engine.cluster.checks.ShiftfsCheck;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a cluster once ({@code list} of every kind the checks need), then the recent log lines of
 * failing pods, then optionally probes the hosts' SSH ports. What cannot be read becomes a gap in
 * the snapshot rather than an exception: a half-broken cluster is exactly the one to diagnose.
 * Secrets are never read.
 */
public final class SnapshotGatherer {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotGatherer.class);

    public static final ResourceDefinitionContext CERTIFICATES = new ResourceDefinitionContext.Builder()
            .withGroup("cert-manager.io").withVersion("v1").withKind("Certificate").withPlural("certificates").withNamespaced(true).build();
    /** CloudNativePG's database cluster (postgresql.cnpg.io/v1 Cluster), Coder's in-cluster PostgreSQL. */
    public static final ResourceDefinitionContext CNPG_CLUSTERS = new ResourceDefinitionContext.Builder()
            .withGroup("postgresql.cnpg.io").withVersion("v1").withKind("Cluster").withPlural("clusters").withNamespaced(true).build();
    public static final ResourceDefinitionContext CHALLENGES = new ResourceDefinitionContext.Builder()
            .withGroup("acme.cert-manager.io").withVersion("v1").withKind("Challenge").withPlural("challenges").withNamespaced(true).build();

    /** How much to read: enough lines to see a crash's cause, few enough pods not to hammer the API. */
    public record Limits(int logLines, int maxPodsWithLogs, int maxEvents, Duration probeTimeout) {
        public static final Limits DEFAULT = new Limits(20, 40, 300, Duration.ofSeconds(3));
    }

    private final KubernetesClient client;
    private final HostProbe probe;
    private final Clock clock;
    private final Limits limits;
    private final CoderProbe coderProbe;

    public SnapshotGatherer(KubernetesClient client, HostProbe probe, Clock clock, Limits limits) {
        this(client, probe, clock, limits, CoderProbe.NONE);
    }

    public SnapshotGatherer(KubernetesClient client, HostProbe probe, Clock clock, Limits limits, CoderProbe coderProbe) {
        this.client = client;
        this.probe = probe;
        this.clock = clock;
        this.limits = limits;
        this.coderProbe = coderProbe;
    }

    /** This gatherer, also probing DNS and Coder's own report for a Coder plan. */
    public SnapshotGatherer withCoderProbe(CoderProbe v) {
        return new SnapshotGatherer(client, probe, clock, limits, v);
    }

    /**
     * @param probeHosts connect to the hosts' SSH ports from this machine (only when the user asked for
     *                   it with a plan: the hosts may be far away or firewalled)
     */
    public ClusterSnapshot gather(Expectations expect, Optional<TailnetPolicy> policy, boolean probeHosts) {
        List<String> gaps = new ArrayList<>();
        String version = read("server version", gaps, () -> client.getKubernetesVersion().getGitVersion(), "");
        List<Node> nodes = read("nodes", gaps, () -> client.nodes().list().getItems(), List.of());
        List<Pod> pods = read("pods", gaps, () -> client.pods().inAnyNamespace().list().getItems(), List.of());
        ClusterSnapshot listed = ClusterSnapshot.empty(clock.instant())
                .withServerVersion(version)
                .withNodes(nodes)
                .withPods(pods)
                .withServices(read("services", gaps, () -> client.services().inAnyNamespace().list().getItems(), List.of()))
                .withDeployments(read("deployments", gaps, () -> client.apps().deployments().inAnyNamespace().list().getItems(), List.of()))
                .withDaemonSets(read("daemonsets", gaps, () -> client.apps().daemonSets().inAnyNamespace().list().getItems(), List.of()))
                .withEvents(recent(read("events", gaps, () -> client.v1().events().inAnyNamespace().list().getItems(), List.<Event>of())))
                .withNetworkPolicies(read("networkpolicies", gaps,
                        () -> client.network().v1().networkPolicies().inAnyNamespace().list().getItems(), List.of()))
                .withGaps(gaps);
        return complete(listed, expect, policy, probeHosts);
    }

    /**
     * Adds what informers do not carry to a snapshot of the core objects: cert-manager resources, the
     * logs of failing pods, the tailnet policy and host probes.
     */
    public ClusterSnapshot complete(ClusterSnapshot listed, Expectations expect, Optional<TailnetPolicy> policy, boolean probeHosts) {
        List<String> gaps = new ArrayList<>(listed.gaps());
        ClusterSnapshot snapshot = listed
                .withCertificates(custom(CERTIFICATES, "cert-manager", gaps))
                .withChallenges(custom(CHALLENGES, "cert-manager", gaps))
                .withLogs(logsOfFailingPods(listed.pods(), gaps))
                .withTailnetPolicy(policy);
        if (probeHosts) snapshot = snapshot.withHostProbes(probeHosts(listed.nodes(), expect));
        if (expect.platform() == dev.railyard.engine.plan.Platform.CODER) {
            snapshot = snapshot.withCoder(coderProbe.probe(expect).withDatabaseClusters(custom(CNPG_CLUSTERS, "CloudNativePG", gaps)));
        }
        return snapshot.withGaps(gaps);
    }

    private List<Event> recent(List<Event> events) {
        return events.stream()
                .sorted(Comparator.comparing(SnapshotGatherer::when).reversed())
                .limit(limits.maxEvents())
                .toList();
    }

    private static String when(Event e) {
        if (e.getLastTimestamp() != null) return e.getLastTimestamp();
        if (e.getEventTime() != null && e.getEventTime().getTime() != null) return e.getEventTime().getTime();
        return e.getMetadata() == null || e.getMetadata().getCreationTimestamp() == null ? "" : e.getMetadata().getCreationTimestamp();
    }

    private List<GenericKubernetesResource> custom(ResourceDefinitionContext context, String owner, List<String> gaps) {
        try {
            return client.genericKubernetesResources(context).inAnyNamespace().list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                gaps.add(owner + " " + context.getKind() + ": not installed (no " + context.getPlural() + "." + context.getGroup() + ")");
            } else {
                gaps.add(owner + " " + context.getKind() + ": " + e.getMessage());
            }
            return List.of();
        }
    }

    /**
     * Previous-run logs for containers that restarted (the crash's own output), current logs
     * otherwise; ws-daemon's logs always, because shiftfs trouble shows there first.
     */
    Map<ContainerRef, List<String>> logsOfFailingPods(List<Pod> pods, List<String> gaps) {
        Map<ContainerRef, List<String>> logs = new LinkedHashMap<>();
        int podsRead = 0;
        for (Pod pod : pods) {
            if (!KubeFacts.isFailing(pod) && !ShiftfsCheck.isWsDaemon(pod)) continue;
            if (podsRead++ >= limits.maxPodsWithLogs()) {
                gaps.add("logs: read for the first " + limits.maxPodsWithLogs() + " failing pods only");
                break;
            }
            for (ContainerStatus status : KubeFacts.containerStatuses(pod)) {
                ContainerRef ref = new ContainerRef(KubeFacts.namespace(pod), KubeFacts.name(pod), status.getName());
                boolean previous = KubeFacts.restarts(status) > 0 && (status.getState() == null || status.getState().getRunning() == null);
                try {
                    // raw(uri, method, payload) throws on every error status, 404 included, so each becomes a gap as before
                    String text = client.raw(logPath(ref, previous, limits.logLines()), "GET", null);
                    // redacted whole, before splitting: a PEM key spans lines, and these lines reach the UI and exports
                    if (text != null && !text.isBlank()) logs.put(ref, CredentialPatternRedactor.redact(text).lines().toList());
                } catch (KubernetesClientException e) {
                    gaps.add("logs of " + ref + ": " + e.getCode() + " " + firstLine(e.getMessage()));
                }
            }
        }
        return logs;
    }

    /**
     * The pod's log subresource with PodLogOptions' {@code container}, {@code previous} and {@code tailLines}. Read
     * as a plain GET, not fabric8's {@code getLog()}: that first waits for the pod to be ready or ended with an
     * informer of its own (a LIST per container even with a zero wait, and a WATCH for a pending pod), and these are
     * the failing pods, on a cluster that may be struggling already.
     */
    static String logPath(ContainerRef ref, boolean previous, int tailLines) {
        return "/api/v1/namespaces/" + segment(ref.namespace()) + "/pods/" + segment(ref.pod()) + "/log?container="
                + segment(ref.container()) + (previous ? "&previous=true" : "") + "&tailLines=" + tailLines;
    }

    private static String segment(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private List<HostProbeResult> probeHosts(List<Node> nodes, Expectations expect) {
        Set<String> hosts = new LinkedHashSet<>(expect.hostAddresses());
        if (hosts.isEmpty()) {
            for (Node node : nodes) {
                KubeFacts.address(node, "ExternalIP").or(() -> KubeFacts.address(node, "InternalIP")).ifPresent(hosts::add);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(8, hosts.size() * 2)));
        try {
            List<CompletableFuture<HostProbeResult>> futures = new ArrayList<>();
            for (String host : hosts) {
                for (int port : new LinkedHashSet<>(List.of(expect.sshPort(), 22))) {
                    futures.add(CompletableFuture.supplyAsync(() -> probe.probe(host, port, limits.probeTimeout()), pool));
                }
            }
            return futures.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T read(String what, List<String> gaps, Supplier<T> reader, T fallback) {
        try {
            return reader.get();
        } catch (KubernetesClientException e) {
            LOG.debug("cannot read {}", what, e);
            gaps.add(what + ": " + e.getCode() + " " + firstLine(e.getMessage()));
            return fallback;
        }
    }

    private static String firstLine(String message) {
        if (message == null) return "";
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
