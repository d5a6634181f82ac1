package dev.railyard.engine.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Gitpod 2022.11 on the simulated cluster: its installer Job renders and applies Gitpod, the deployments come up on
 * the manager, and the node daemons run on every node, where the seed's broken pod network shows: the daemons that
 * look up a Service at start crash-loop on every node but the one with CoreDNS, until the fix.
 */
final class GitpodWorkloads {

    static final List<String> DEPLOYMENTS = List.of("blobserve", "content-service", "dashboard", "ide-proxy", "image-builder-mk3",
            "minio", "proxy", "public-api-server", "registry", "server", "ws-manager", "ws-manager-bridge", "ws-proxy");
    /** Gitpod's node daemons, each with the Service it looks up at start ("" for none). */
    static final Map<String, String> DAEMONS = Map.of("ws-daemon", "ws-manager", "registry-facade", "blobserve", "agent-smith", "");

    private final KubeApi api;
    private final ClusterObjects objects;
    private final ClusterTimeline timeline;
    private final PodNetwork network;
    private final boolean shiftfs;

    GitpodWorkloads(KubeApi api, ClusterObjects objects, ClusterTimeline timeline, PodNetwork network, boolean shiftfs) {
        this.api = api;
        this.objects = objects;
        this.timeline = timeline;
        this.network = network;
        this.shiftfs = shiftfs;
    }

    void reconcile(List<SimulatedServer> servers) {
        api.get("batch", "jobs", "gitpod", "gitpod-installer").ifPresent(job -> {
            Instant since = timeline.firstSeen("job/" + job.path("metadata").path("uid").asText());
            if (job.path("status").path("succeeded").asInt(0) == 0 && timeline.passed(since, 60)) {
                ObjectNode status = job.putObject("status").put("succeeded", 1).put("startTime", ClusterObjects.iso(since))
                        .put("completionTime", ClusterObjects.iso(timeline.now()));
                status.putArray("conditions").addObject().put("type", "Complete").put("status", "True");
                api.put(job);
                install(servers);
                timeline.happened("gitpod-installed");
            }
        });
        Instant installed = timeline.at("gitpod-installed");
        if (installed == null) return;
        boolean up = timeline.passed(installed, 45);
        for (String name : DEPLOYMENTS) {
            api.get("apps", "deployments", "gitpod", name).ifPresent(d -> {
                if (up && d.path("status").path("readyReplicas").asInt(0) == 0) {
                    ClusterObjects.deploymentStatus(d, 1);
                    api.put(d);
                    api.get("", "pods", "gitpod", name + "-7d9f8b6c5d-x2k4q").ifPresent(p -> {
                        objects.podStatus(p, true, 0, null);
                        api.put(p);
                    });
                }
            });
        }
        if (up) daemons(installed, servers);
    }

    /** What the installer applies: the deployments (on the manager), the daemon sets (a pod per node), the network policy. */
    private void install(List<SimulatedServer> servers) {
        String manager = servers.get(0).name();
        for (String name : DEPLOYMENTS) {
            ObjectNode d = ClusterObjects.object("apps/v1", "Deployment", "gitpod", name, Map.of("app", "gitpod", "component", name));
            d.putObject("spec").put("replicas", 1).putObject("selector").putObject("matchLabels").put("app", "gitpod").put("component", name);
            ClusterObjects.deploymentStatus(d, 0);
            api.put(d);
            ObjectNode p = ClusterObjects.pod("gitpod", name + "-7d9f8b6c5d-x2k4q", Map.of("app", "gitpod", "component", name), manager, name, null);
            objects.podStatus(p, false, 0, "ContainerCreating");
            api.put(p);
            objects.service("gitpod", name, "10.43." + (100 + name.length()) + "." + (name.hashCode() & 0x7f), 8080);
        }
        for (String daemon : DAEMONS.keySet()) {
            ObjectNode ds = ClusterObjects.object("apps/v1", "DaemonSet", "gitpod", daemon, Map.of("app", "gitpod", "component", daemon));
            ObjectNode template = ds.putObject("spec").putObject("template");
            ObjectNode spec = template.putObject("spec");
            spec.putArray("containers").addObject().put("name", daemon).put("image", "eu.gcr.io/gitpod-core-dev/build/" + daemon + ":commit-2022.11.3");
            if (shiftfs && daemon.equals("ws-daemon")) spec.putArray("initContainers").addObject().put("name", "shiftfs-module-loader");
            api.put(ds);
            for (int i = 0; i < servers.size(); i++) {
                ObjectNode p = ClusterObjects.pod("gitpod", daemon + "-" + ClusterObjects.suffix(daemon, i), Map.of("app", "gitpod", "component", daemon),
                        servers.get(i).name(), daemon, shiftfs && daemon.equals("ws-daemon") ? "shiftfs-module-loader" : null);
                objects.podStatus(p, false, 0, "ContainerCreating");
                api.put(p);
            }
        }
        ObjectNode policy = ClusterObjects.object("networking.k8s.io/v1", "NetworkPolicy", "gitpod", "workspace-default", Map.of("app", "gitpod"));
        policy.putObject("spec").putObject("podSelector").putObject("matchLabels").put("component", "workspace");
        ((ObjectNode) policy.get("spec")).putArray("policyTypes").add("Ingress").add("Egress");
        api.put(policy);
    }

    /** Each daemon's pod per node, crash-looping where its Service lookup cannot reach CoreDNS, and its set's counts. */
    private void daemons(Instant installed, List<SimulatedServer> servers) {
        for (Map.Entry<String, String> daemon : DAEMONS.entrySet()) {
            int ready = 0;
            for (int i = 0; i < servers.size(); i++) {
                String pod = daemon.getKey() + "-" + ClusterObjects.suffix(daemon.getKey(), i);
                ObjectNode p = api.get("", "pods", "gitpod", pod).orElseThrow();
                boolean needsDns = !daemon.getValue().isEmpty();
                if (needsDns && !network.reachesDns(i)) {
                    crashLoop(p, pod, daemon.getKey(), daemon.getValue(), i, installed);
                } else {
                    int restarts = p.path("status").path("containerStatuses").path(0).path("restartCount").asInt(0);
                    objects.podStatus(p, true, restarts, null);
                    api.setLog("gitpod", pod, daemon.getKey(), "{\"level\":\"info\",\"message\":\"" + daemon.getKey() + " is up\"}\n", null);
                    ready++;
                }
                api.put(p);
            }
            api.get("apps", "daemonsets", "gitpod", daemon.getKey()).ifPresent(ds -> {
                ds.putObject("status").put("desiredNumberScheduled", servers.size()).put("currentNumberScheduled", servers.size())
                        .put("numberAvailable", 0).put("numberMisscheduled", 0);
                api.put(ds);
            });
            int r = ready;
            api.get("apps", "daemonsets", "gitpod", daemon.getKey()).ifPresent(ds -> {
                ((ObjectNode) ds.get("status")).put("numberReady", r).put("numberAvailable", r);
                api.put(ds);
            });
        }
    }

    /** The restarts the kubelet's back-off (doubling from 10 s) allows since Gitpod came up, and the log of the last run. */
    private void crashLoop(ObjectNode p, String pod, String daemon, String lookup, int node, Instant installed) {
        long seconds = timeline.secondsSince(installed);
        int restarts = Math.max(1, (int) (Math.log(Math.max(seconds, 10) / 10.0) / Math.log(2)) + 2);
        String timeout = PodNetwork.lookupTimeout(lookup, "10.42." + node + ".7:" + (41000 + restarts));
        objects.podStatus(p, false, restarts, "CrashLoopBackOff");
        api.setLog("gitpod", pod, daemon, "",
                "{\"level\":\"info\",\"message\":\"starting " + daemon + "\",\"serviceContext\":{\"service\":\"" + daemon + "\"}}\n"
                        + "{\"level\":\"fatal\",\"message\":\"cannot connect to " + lookup + "\",\"error\":\"" + timeout + "\"}\n");
    }
}
