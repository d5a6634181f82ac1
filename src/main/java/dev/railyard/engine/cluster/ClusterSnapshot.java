package dev.railyard.engine.cluster;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the checks look at, gathered once so that every check sees the same moment and the
 * checks themselves stay pure (no API calls, easy to test and to benchmark). Secrets are never part
 * of it. {@code gaps} says what could not be read (a missing CRD, a forbidden list) so a check can
 * tell "absent" from "not visible".
 */
public record ClusterSnapshot(Instant takenAt, String serverVersion,
                              List<Node> nodes, List<Pod> pods, List<Service> services,
                              List<Deployment> deployments, List<DaemonSet> daemonSets, List<Event> events,
                              List<NetworkPolicy> networkPolicies,
                              List<GenericKubernetesResource> certificates, List<GenericKubernetesResource> challenges,
                              Map<ContainerRef, List<String>> logs, List<HostProbeResult> hostProbes,
                              Optional<TailnetPolicy> tailnetPolicy, List<String> gaps, CoderFacts coder) {

    public ClusterSnapshot {
        serverVersion = serverVersion == null ? "" : serverVersion;
        nodes = List.copyOf(nodes);
        pods = List.copyOf(pods);
        services = List.copyOf(services);
        deployments = List.copyOf(deployments);
        daemonSets = List.copyOf(daemonSets);
        events = List.copyOf(events);
        networkPolicies = List.copyOf(networkPolicies);
        certificates = List.copyOf(certificates);
        challenges = List.copyOf(challenges);
        logs = Map.copyOf(logs);
        hostProbes = List.copyOf(hostProbes);
        tailnetPolicy = tailnetPolicy == null ? Optional.empty() : tailnetPolicy;
        gaps = List.copyOf(gaps);
        coder = coder == null ? CoderFacts.none() : coder;
    }

    public static ClusterSnapshot empty(Instant takenAt) {
        return new ClusterSnapshot(takenAt, "", List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), Map.of(), List.of(), Optional.empty(), List.of(), CoderFacts.none());
    }

    public ClusterSnapshot withServerVersion(String v) {
        return new ClusterSnapshot(takenAt, v, nodes, pods, services, deployments, daemonSets, events, networkPolicies, certificates, challenges, logs, hostProbes, tailnetPolicy, gaps, coder);
    }

    public ClusterSnapshot withNodes(List<Node> v) {
        return new ClusterSnapshot(takenAt, serverVersion, v, pods, services, deployments, daemonSets, events, networkPolicies, certificates, challenges, logs, hostProbes, tailnetPolicy, gaps, coder);
    }

    public ClusterSnapshot withPods(List<Pod> v) {
        return new ClusterSnapshot(takenAt, serverVersion, nodes, v, services, deployments, daemonSets, events, networkPolicies, certificates, challenges, logs, hostProbes, tailnetPolicy, gaps, coder);
    }

    public ClusterSnapshot withServices(List<Service> v) {
        return new ClusterSnapshot(takenAt, serverVersion, nodes, pods, v, deployments, daemonSets, events, networkPolicies, certificates, challenges, logs, hostProbes, tailnetPolicy, gaps, coder);
    }

    public ClusterSnapshot withDeployments(List<Deployment> v) {
        return new ClusterSnapshot(takenAt, serverVersion, nodes, pods, services, v, daemonSets, events, networkPolicies, certificates, challenges, logs, hostProbes, tailnetPolicy, gaps, coder);
    }

    public ClusterSnapshot withDaemonSets(List<DaemonSet> v) {
        return new ClusterSnapshot(takenAt, serverVersion, nodes, pods, services, deployments, v, events, networkPolicies, certificates, challenges, logs, hostProbes, tailnetPolicy, gaps, coder);
    }

    public ClusterSnapshot withEvents(List<Event> v) {
        return new ClusterSnapshot(takenAt, serverVersion, nodes, pods, services, deployments, daemonSets, v, networkPolicies, certificates, challenges, logs, hostProbes, tailnetPolicy, gaps, coder);
    }

    public ClusterSnapshot withNetworkPolicies(List<NetworkPolicy> v) {
        return new ClusterSnapshot(takenAt, serverVersion, nodes, pods, services, deployments, daemonSets, events, v, certificates, challenges, logs, hostProbes, tailnetPolicy, gaps, coder);
    }

    public ClusterSnapshot withCertificates(List<GenericKubernetesResource> v) {
        return new ClusterSnapshot(takenAt, serverVersion, nodes, pods, services, deployments, daemonSets, events, networkPolicies, v, challenges, logs, hostProbes, tailnetPolicy, gaps, coder);
    }

    public ClusterSnapshot withChallenges(List<GenericKubernetesResource> v) {
        return new ClusterSnapshot(takenAt, serverVersion, nodes, pods, services, deployments, daemonSets, events, networkPolicies, certificates, v, logs, hostProbes, tailnetPolicy, gaps, coder);
    }

    public ClusterSnapshot withLogs(Map<ContainerRef, List<String>> v) {
        return new ClusterSnapshot(takenAt, serverVersion, nodes, pods, services, deployments, daemonSets, events, networkPolicies, certificates, challenges, v, hostProbes, tailnetPolicy, gaps, coder);
    }

    public ClusterSnapshot withHostProbes(List<HostProbeResult> v) {
        return new ClusterSnapshot(takenAt, serverVersion, nodes, pods, services, deployments, daemonSets, events, networkPolicies, certificates, challenges, logs, v, tailnetPolicy, gaps, coder);
    }

    public ClusterSnapshot withTailnetPolicy(Optional<TailnetPolicy> v) {
        return new ClusterSnapshot(takenAt, serverVersion, nodes, pods, services, deployments, daemonSets, events, networkPolicies, certificates, challenges, logs, hostProbes, v, gaps, coder);
    }

    public ClusterSnapshot withGaps(List<String> v) {
        return new ClusterSnapshot(takenAt, serverVersion, nodes, pods, services, deployments, daemonSets, events, networkPolicies, certificates, challenges, logs, hostProbes, tailnetPolicy, v, coder);
    }

    public ClusterSnapshot withCoder(CoderFacts v) {
        return new ClusterSnapshot(takenAt, serverVersion, nodes, pods, services, deployments, daemonSets, events, networkPolicies, certificates, challenges, logs, hostProbes, tailnetPolicy, gaps, v);
    }

    /** Recent log lines of every container of one pod, oldest first. */
    public List<String> logsOf(String namespace, String pod) {
        return logs.entrySet().stream()
                .filter(e -> e.getKey().namespace().equals(namespace) && e.getKey().pod().equals(pod))
                .flatMap(e -> e.getValue().stream())
                .toList();
    }

    /** Whether a resource kind could be listed; a gap reads like "cert-manager Certificate: not installed". */
    public boolean hasGap(String prefix) {
        return gaps.stream().anyMatch(g -> g.startsWith(prefix));
    }
}
