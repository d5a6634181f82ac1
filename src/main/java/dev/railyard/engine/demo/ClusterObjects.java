package dev.railyard.engine.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.railyard.engine.plan.GitpodNodeLabels;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects k3s's kubelets and controllers write (nodes, namespaces, services, deployments, pods and their status),
 * shaped as a real cluster writes them, because Railyard's health checks and support bundle read them through fabric8
 * exactly as they read a real cluster's.
 */
final class ClusterObjects {

    private final KubeApi api;
    private final Pace pace;
    private final String k3sVersion;

    ClusterObjects(KubeApi api, Pace pace, String k3sVersion) {
        this.api = api;
        this.pace = pace;
        this.k3sVersion = k3sVersion;
    }

    void namespace(String name) {
        if (api.get("", "namespaces", null, name).isEmpty()) api.put(object("v1", "Namespace", null, name, Map.of()));
    }

    /** The node's object as its kubelet reports it; written again only when its readiness changes. */
    void node(SimulatedServer server, int index, boolean ready) {
        ObjectNode existing = api.get("", "nodes", null, server.name()).orElse(null);
        if (existing != null && existing.path("status").path("conditions").path(0).path("status").asText().equals(ready ? "True" : "False")) return;
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("kubernetes.io/hostname", server.name());
        labels.put("kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", "amd64");
        if (server.manager()) {
            labels.put("node-role.kubernetes.io/control-plane", "true");
            labels.put("node-role.kubernetes.io/master", "true");
        }
        for (String label : GitpodNodeLabels.KEYS) labels.put(label, "true");
        ObjectNode node = object("v1", "Node", null, server.name(), labels);
        node.putObject("spec").put("podCIDR", "10.42." + index + ".0/24").put("providerID", "k3s://" + server.name());
        ObjectNode status = node.putObject("status");
        status.putObject("capacity").put("cpu", "8").put("memory", "16373588Ki").put("pods", "110");
        status.putObject("allocatable").put("cpu", "8").put("memory", "16373588Ki").put("pods", "110");
        ArrayNode conditions = status.putArray("conditions");
        conditions.addObject().put("type", "Ready").put("status", ready ? "True" : "False")
                .put("reason", ready ? "KubeletReady" : "KubeletNotReady")
                .put("message", ready ? "kubelet is posting ready status" : "container runtime network not ready: cni plugin not initialized")
                .put("lastTransitionTime", iso(pace.now()));
        for (String pressure : List.of("MemoryPressure", "DiskPressure", "PIDPressure")) {
            conditions.addObject().put("type", pressure).put("status", "False").put("reason", "KubeletHasSufficient" + pressure.replace("Pressure", ""))
                    .put("message", "kubelet has sufficient resources");
        }
        ArrayNode addresses = status.putArray("addresses");
        addresses.addObject().put("type", "InternalIP").put("address", server.privateAddress());
        addresses.addObject().put("type", "ExternalIP").put("address", server.address());
        addresses.addObject().put("type", "Hostname").put("address", server.name());
        status.putObject("nodeInfo").put("kubeletVersion", k3sVersion).put("kubeProxyVersion", k3sVersion)
                .put("osImage", "Ubuntu 22.04.5 LTS").put("kernelVersion", "5.15.0-126-generic")
                .put("containerRuntimeVersion", "containerd://1.7.27-k3s1").put("architecture", "amd64").put("operatingSystem", "linux");
        api.put(node);
    }

    void service(String ns, String name, String clusterIp, int port) {
        ObjectNode s = object("v1", "Service", ns, name, Map.of());
        ObjectNode spec = s.putObject("spec").put("clusterIP", clusterIp).put("type", "ClusterIP");
        spec.putArray("ports").addObject().put("port", port).put("protocol", port == 53 ? "UDP" : "TCP");
        api.put(s);
    }

    /** A deployment that is ready at once, with its one running pod on {@code node}. */
    void readyDeployment(String ns, String name, Map<String, String> labels, String node) {
        ObjectNode d = object("apps/v1", "Deployment", ns, name, labels);
        d.putObject("spec").put("replicas", 1);
        deploymentStatus(d, 1);
        api.put(d);
        ObjectNode p = pod(ns, name + "-6799fbcd5-" + suffix(name, 0), labels, node, name, null);
        podStatus(p, true, 0, null);
        api.put(p);
    }

    static void deploymentStatus(ObjectNode d, int ready) {
        ObjectNode status = d.putObject("status").put("replicas", 1).put("updatedReplicas", 1);
        if (ready > 0) status.put("readyReplicas", ready).put("availableReplicas", ready);
        status.putArray("conditions").addObject().put("type", "Available").put("status", ready > 0 ? "True" : "False");
    }

    /** A pod scheduled on {@code node}, with no status yet; {@code init} names an init container, or is null. */
    static ObjectNode pod(String ns, String name, Map<String, String> labels, String node, String container, String init) {
        ObjectNode p = object("v1", "Pod", ns, name, labels);
        ObjectNode spec = p.putObject("spec").put("nodeName", node);
        spec.putArray("containers").addObject().put("name", container).put("image", image(ns, container));
        if (init != null) spec.putArray("initContainers").addObject().put("name", init).put("image", "eu.gcr.io/gitpod-core-dev/build/ws-daemon:commit-2022.11.3");
        return p;
    }

    /** The image each namespace's workloads run, at the versions Railyard installs. */
    private static String image(String ns, String container) {
        return switch (ns) {
            case "gitpod" -> "eu.gcr.io/gitpod-core-dev/build/" + container + ":commit-2022.11.3";
            case "cert-manager" -> "quay.io/jetstack/" + container + ":v1.16.2";
            case "coder" -> container.equals("postgres") ? "ghcr.io/cloudnative-pg/postgresql:17.5" : "ghcr.io/coder/coder:" + SimulatedCoderd.VERSION;
            case "cnpg-system" -> "ghcr.io/cloudnative-pg/cloudnative-pg:1.26.0";
            default -> "rancher/mirrored-" + container + ":latest";
        };
    }

    /**
     * The pod's status as its kubelet reports it: running and ready, or waiting ({@code waiting} is the reason:
     * ContainerCreating, CrashLoopBackOff); a pod that restarted shows how its last run ended.
     */
    void podStatus(ObjectNode p, boolean ready, int restarts, String waiting) {
        ObjectNode status = p.putObject("status").put("phase", waiting != null && waiting.equals("ContainerCreating") ? "Pending" : "Running")
                .put("startTime", iso(pace.now()));
        ArrayNode conditions = status.putArray("conditions");
        conditions.addObject().put("type", "Ready").put("status", ready ? "True" : "False");
        conditions.addObject().put("type", "ContainersReady").put("status", ready ? "True" : "False");
        String container = p.path("spec").path("containers").path(0).path("name").asText();
        ObjectNode cs = status.putArray("containerStatuses").addObject().put("name", container).put("ready", ready)
                .put("restartCount", restarts).put("image", p.path("spec").path("containers").path(0).path("image").asText());
        ObjectNode state = cs.putObject("state");
        if (ready) state.putObject("running").put("startedAt", iso(pace.now()));
        else state.putObject("waiting").put("reason", waiting)
                .put("message", "CrashLoopBackOff".equals(waiting) ? "back-off 5m0s restarting failed container=" + container + " pod=" + p.path("metadata").path("name").asText() : "");
        if (restarts > 0) {
            cs.putObject("lastState").putObject("terminated").put("exitCode", 1).put("reason", "Error").put("finishedAt", iso(pace.now()));
        }
    }

    /** A pod name's random-looking part, the same for the same workload and node in every run. */
    static String suffix(String workload, int node) {
        return Integer.toString(Math.abs((workload + node).hashCode()) % 100000, 36);
    }

    static ObjectNode object(String apiVersion, String kind, String ns, String name, Map<String, String> labels) {
        ObjectNode o = KubeApi.NODES.objectNode().put("apiVersion", apiVersion).put("kind", kind);
        ObjectNode meta = o.putObject("metadata").put("name", name);
        if (ns != null) meta.put("namespace", ns);
        if (!labels.isEmpty()) {
            ObjectNode l = meta.putObject("labels");
            labels.forEach(l::put);
        }
        return o;
    }

    static String iso(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS));
    }
}
