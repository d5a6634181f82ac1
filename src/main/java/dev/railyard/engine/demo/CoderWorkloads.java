package dev.railyard.engine.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Coder on the simulated cluster, as k3s's Helm controller, the CloudNativePG operator and Coder's chart make it: the
 * operator, the database Cluster becoming Ready, coderd's rollout (on the manager, beside CoreDNS and the database),
 * and, once the template is in Coder, the owner's first workspace on the other node, where the seed's broken pod
 * network shows.
 */
final class CoderWorkloads {

    private static final String CODERD_POD = "coder-5c8d7b9f6-q7m2x";
    private static final String ENVBOX_IMAGE = "ghcr.io/coder/envbox:0.6.7";

    private final KubeApi api;
    private final ClusterObjects objects;
    private final ClusterTimeline timeline;
    private final PodNetwork network;
    /** Read by the simulated coderd without the cluster's lock, so volatile. */
    private volatile boolean coderdServing;
    private String workspaceOwner;

    CoderWorkloads(KubeApi api, ClusterObjects objects, ClusterTimeline timeline, PodNetwork network) {
        this.api = api;
        this.objects = objects;
        this.timeline = timeline;
        this.network = network;
    }

    /** k3s's Traefik behind its ServiceLB, where Coder's ingress is served: the load balancer's address is every node's public address. */
    void start(List<SimulatedServer> servers) {
        ObjectNode traefik = ClusterObjects.object("v1", "Service", "kube-system", "traefik", Map.of("app.kubernetes.io/name", "traefik"));
        ObjectNode spec = traefik.putObject("spec").put("clusterIP", "10.43.50.1").put("type", "LoadBalancer");
        spec.putArray("ports").addObject().put("name", "websecure").put("port", 443).put("protocol", "TCP");
        ArrayNode ingress = traefik.putObject("status").putObject("loadBalancer").putArray("ingress");
        for (SimulatedServer server : servers) ingress.addObject().put("ip", server.address());
        api.put(traefik);
    }

    boolean coderdServing() {
        return coderdServing;
    }

    /** The owner starts a first workspace from the template at once, as the run's summary says to; only the first push counts. */
    void templatePushed(String owner) {
        if (workspaceOwner == null) {
            workspaceOwner = owner;
            timeline.happened("workspace-requested");
        }
    }

    void reconcile(List<SimulatedServer> servers) {
        String manager = servers.get(0).name();
        api.get("helm.cattle.io", "helmcharts", "kube-system", "cloudnative-pg").ifPresent(chart -> {
            Instant since = timeline.firstSeen("cnpg-chart");
            if (timeline.passed(since, 30) && api.get("apps", "deployments", "cnpg-system", "cnpg-cloudnative-pg").isEmpty()) {
                objects.namespace("cnpg-system");
                objects.readyDeployment("cnpg-system", "cnpg-cloudnative-pg", Map.of("app.kubernetes.io/name", "cloudnative-pg"), manager);
                timeline.happened("cnpg-ready");
            }
        });
        databases(manager);
        api.get("helm.cattle.io", "helmcharts", "kube-system", "coder").ifPresent(chart -> {
            Instant since = timeline.firstSeen("coder-chart");
            if (timeline.passed(since, 25) && api.get("apps", "deployments", "coder", "coder").isEmpty()) installCoderd(manager);
        });
        Instant installed = timeline.at("coder-installed");
        Instant database = timeline.at("database-ready");
        if (installed != null && database != null && !coderdServing && timeline.passed(installed, 30)) {
            api.get("apps", "deployments", "coder", "coder").ifPresent(d -> {
                ClusterObjects.deploymentStatus(d, 1);
                api.put(d);
            });
            api.get("", "pods", "coder", CODERD_POD).ifPresent(p -> {
                objects.podStatus(p, true, 0, null);
                api.put(p);
            });
            coderdServing = true;
        }
        Instant requested = timeline.at("workspace-requested");
        if (requested != null) workspace(requested, servers);
    }

    /** The operator makes each database Cluster Ready: its primary pod on the manager and the rw, ro and r Services. */
    private void databases(String manager) {
        Instant operator = timeline.at("cnpg-ready");
        for (ObjectNode db : api.list("postgresql.cnpg.io", "clusters")) {
            if (operator == null || db.path("status").has("phase")) continue;
            String ns = db.path("metadata").path("namespace").asText();
            String name = db.path("metadata").path("name").asText();
            Instant since = timeline.firstSeen("cluster/" + ns + "/" + name);
            if (!timeline.passed(since, 40)) continue;
            ObjectNode status = db.putObject("status").put("phase", "Cluster in healthy state").put("readyInstances", 1).put("instances", 1);
            status.putArray("conditions").addObject().put("type", "Ready").put("status", "True").put("reason", "ClusterIsReady")
                    .put("message", "Cluster is Ready").put("lastTransitionTime", ClusterObjects.iso(timeline.now()));
            api.put(db);
            ObjectNode p = ClusterObjects.pod(ns, name + "-1", Map.of("cnpg.io/cluster", name, "cnpg.io/instanceRole", "primary"), manager, "postgres", null);
            objects.podStatus(p, true, 0, null);
            api.put(p);
            for (String suffix : List.of("rw", "ro", "r")) {
                objects.service(ns, name + "-" + suffix, "10.43.20" + suffix.length() + "." + (name.length() + 10), 5432);
            }
            timeline.happened("database-ready");
        }
    }

    /** Coder's chart applied: coderd's deployment and pod, not ready until the database is. */
    private void installCoderd(String manager) {
        ObjectNode d = ClusterObjects.object("apps/v1", "Deployment", "coder", "coder", Map.of("app.kubernetes.io/name", "coder"));
        ObjectNode spec = d.putObject("spec").put("replicas", 1);
        spec.putObject("selector").putObject("matchLabels").put("app.kubernetes.io/name", "coder");
        spec.putObject("template").putObject("spec").putArray("containers").addObject().put("name", "coder")
                .put("image", "ghcr.io/coder/coder:" + SimulatedCoderd.VERSION);
        ClusterObjects.deploymentStatus(d, 0);
        api.put(d);
        ObjectNode p = ClusterObjects.pod("coder", CODERD_POD, Map.of("app.kubernetes.io/name", "coder"), manager, "coder", null);
        objects.podStatus(p, false, 0, "ContainerCreating");
        api.put(p);
        objects.service("coder", "coder", "10.43.88.21", 80);
        timeline.happened("coder-installed");
    }

    /**
     * The owner's first workspace, "dev", from the pushed template: its pod as the template makes it (restartPolicy
     * Never, no API token, envbox in a privileged outer container) on the node that is not the manager. envbox pulls the
     * workspace image through the pod's DNS; cut off from CoreDNS on the manager it exits and the pod fails. Once the fix
     * lets flannel's VXLAN through, the owner starts the workspace again ({@code coder restart}) and it runs.
     */
    private void workspace(Instant requested, List<SimulatedServer> servers) {
        if (servers.size() < 2) return;
        int nodeIndex = servers.size() - 1;
        SimulatedServer node = servers.get(nodeIndex);
        String name = "coder-" + workspaceOwner.toLowerCase(Locale.ROOT) + "-dev";
        boolean reachesDns = network.reachesDns(nodeIndex);
        boolean exists = api.get("", "pods", "coder", name).isPresent();
        if (exists && !reachesDns) return;
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "coder-workspace");
        labels.put("app.kubernetes.io/part-of", "coder");
        labels.put("com.coder.workspace.id", "5e7a1d00-0000-4000-8000-0000000000d1");
        labels.put("com.coder.workspace.name", "dev");
        labels.put("com.coder.user.username", workspaceOwner);
        labels.put("app.kubernetes.io/instance", name);
        ObjectNode p = ClusterObjects.object("v1", "Pod", "coder", name, labels);
        ObjectNode spec = p.putObject("spec").put("nodeName", node.name()).put("restartPolicy", "Never").put("automountServiceAccountToken", false);
        ObjectNode container = spec.putArray("containers").addObject().put("name", "dev").put("image", ENVBOX_IMAGE);
        container.putArray("command").add("/envbox").add("docker");
        container.putObject("securityContext").put("privileged", true);
        if (!reachesDns) {
            String timeout = PodNetwork.lookupTimeout("registry-1.docker.io", "10.42." + nodeIndex + ".9:43117");
            ObjectNode status = p.putObject("status").put("phase", "Failed").put("startTime", ClusterObjects.iso(requested));
            status.putArray("conditions").addObject().put("type", "Ready").put("status", "False");
            ObjectNode cs = status.putArray("containerStatuses").addObject().put("name", "dev").put("ready", false).put("restartCount", 0)
                    .put("image", ENVBOX_IMAGE);
            cs.putObject("state").putObject("terminated").put("exitCode", 1).put("reason", "Error").put("finishedAt", ClusterObjects.iso(timeline.now()));
            api.setLog("coder", name, "dev", "{\"level\":\"info\",\"msg\":\"starting envbox\"}\n"
                    + "{\"level\":\"error\",\"msg\":\"pull inner image codercom/enterprise-base:ubuntu-20240812\",\"error\":\"" + timeout + "\"}\n", null);
        } else {
            objects.podStatus(p, true, 0, null);
            api.setLog("coder", name, "dev", "{\"level\":\"info\",\"msg\":\"inner container started\"}\n", null);
        }
        api.put(p);
    }
}
