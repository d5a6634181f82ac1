package dev.railyard.engine.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.railyard.engine.plan.GitpodNodeLabels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated k3s cluster's controllers: what the kubelets, k3s's Helm controller, cert-manager and Gitpod's
 * installer would do to the API's objects, on the demo's clock. It starts broken the way the seed describes:
 * flannel's VXLAN (8472/udp) is dropped between the servers, so pods on a node without CoreDNS time out on
 * {@code 10.43.0.10:53} and crash-loop, until {@link #openVxlan()} (the fix of RY-DNS-001) lets it through.
 */
final class SimulatedCluster {

    static final String DNS_ADDRESS = "10.43.0.10";
    static final String[] GITPOD_DEPLOYMENTS = {"blobserve", "content-service", "dashboard", "ide-proxy", "image-builder-mk3",
            "minio", "proxy", "public-api-server", "registry", "server", "ws-manager", "ws-manager-bridge", "ws-proxy"};
    /** Gitpod's node daemons; the ones that look up a Service at start crash-loop on a node cut off from DNS. */
    static final Map<String, String> GITPOD_DAEMONS = Map.of("ws-daemon", "ws-manager", "registry-facade", "blobserve", "agent-smith", "");

    private final KubeApi api;
    private final Pace pace;
    private final String k3sVersion;
    private final boolean shiftfs;
    private final boolean coder;
    private volatile boolean coderdServing;
    private String workspaceOwner;
    private final List<SimulatedServer> servers = new ArrayList<>();
    private final Map<String, Instant> seen = new LinkedHashMap<>();
    private Instant started;
    private volatile boolean vxlanOpen;
    private Instant vxlanOpenedAt;

    SimulatedCluster(KubeApi api, Pace pace, String k3sVersion, boolean shiftfs, boolean coder) {
        this.api = api;
        this.pace = pace;
        this.k3sVersion = k3sVersion;
        this.shiftfs = shiftfs;
        this.coder = coder;
        api.beforeEveryRequest(a -> reconcile());
    }

    KubeApi api() {
        return api;
    }

    /** k3s came up on the managers and the agents joined: the nodes register (not Ready yet) and the system pods start. */
    synchronized void start(List<SimulatedServer> list) {
        if (started != null) return;
        started = pace.now();
        servers.addAll(list);
        for (String ns : List.of("default", "kube-system", "kube-public", "kube-node-lease")) namespace(ns);
        for (int i = 0; i < servers.size(); i++) node(servers.get(i), i, false);
        service("default", "kubernetes", "10.43.0.1", 443);
        service("kube-system", "kube-dns", DNS_ADDRESS, 53);
        service("kube-system", "metrics-server", "10.43.37.114", 443);
        if (coder) {
            // k3s's Traefik behind its ServiceLB: the load balancer's address is every node's public address
            ObjectNode traefik = object("v1", "Service", "kube-system", "traefik", Map.of("app.kubernetes.io/name", "traefik"));
            ObjectNode spec = traefik.putObject("spec").put("clusterIP", "10.43.50.1").put("type", "LoadBalancer");
            spec.putArray("ports").addObject().put("name", "websecure").put("port", 443).put("protocol", "TCP");
            ArrayNode ingress = traefik.putObject("status").putObject("loadBalancer").putArray("ingress");
            for (SimulatedServer server : servers) ingress.addObject().put("ip", server.address());
            api.put(traefik);
        }
    }

    /** Where the access URL's DNS records point (the summary's A records): the first manager's public address. */
    synchronized java.util.Optional<String> ingressAddress() {
        return servers.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(servers.get(0).address());
    }

    /**
     * Whether coderd is rolled out and so answers its API. Only read here: the rollout happens when the cluster's API is
     * asked (the steps wait for it there first), and taking the API's lock from coderd's side could deadlock with it.
     */
    boolean coderdServing() {
        return coderdServing;
    }

    /** The template is in Coder: its owner starts a first workspace from it at once (as the run's summary says to). */
    synchronized void templatePushed(String owner) {
        if (workspaceOwner == null) {
            workspaceOwner = owner;
            seen.put("workspace-requested", pace.now());
        }
    }

    boolean started() {
        return started != null;
    }

    /** The fix: flannel's VXLAN port let through between the servers. */
    synchronized void openVxlan() {
        if (!vxlanOpen) vxlanOpenedAt = pace.now();
        vxlanOpen = true;
    }

    boolean vxlanOpen() {
        return vxlanOpen;
    }

    private synchronized void reconcile() {
        if (started == null) return;
        String manager = servers.get(0).name();
        for (int i = 0; i < servers.size(); i++) {
            SimulatedServer s = servers.get(i);
            if (pace.passed(started, s.manager() ? 25 : 40)) node(s, i, true);
        }
        if (pace.passed(started, 30) && api.get("apps", "deployments", "kube-system", "coredns").isEmpty()) {
            deployment("kube-system", "coredns", Map.of("k8s-app", "kube-dns"), manager);
            deployment("kube-system", "local-path-provisioner", Map.of("app", "local-path-provisioner"), manager);
            deployment("kube-system", "metrics-server", Map.of("k8s-app", "metrics-server"), manager);
            deployment("kube-system", "traefik", Map.of("app.kubernetes.io/name", "traefik"), manager);
        }
        // k3s's Helm controller installs cert-manager from the HelmChart
        api.get("helm.cattle.io", "helmcharts", "kube-system", "cert-manager").ifPresent(chart -> {
            Instant since = seen.computeIfAbsent("helmchart", k -> pace.now());
            if (pace.passed(since, 35) && api.get("apps", "deployments", "cert-manager", "cert-manager").isEmpty()) {
                namespace("cert-manager");
                for (String d : List.of("cert-manager", "cert-manager-cainjector", "cert-manager-webhook")) {
                    deployment("cert-manager", d, Map.of("app.kubernetes.io/name", d.replace("cert-manager-", "")), manager);
                }
                seen.put("cert-manager-ready", pace.now());
            }
        });
        // cert-manager issues the certificates (a DNS01 challenge through Cloudflare, simulated: it validates)
        Instant certManager = seen.get("cert-manager-ready");
        for (ObjectNode cert : api.list("cert-manager.io", "certificates")) {
            if (certManager == null || cert.path("status").has("notAfter")) continue;
            String key = "certificate/" + cert.path("metadata").path("namespace").asText() + "/" + cert.path("metadata").path("name").asText();
            Instant since = seen.computeIfAbsent(key, k -> pace.now());
            if (!pace.passed(since, 50)) continue;
            ObjectNode status = cert.putObject("status");
            status.put("notBefore", iso(pace.now())).put("notAfter", iso(pace.now().plus(java.time.Duration.ofDays(90))))
                    .put("renewalTime", iso(pace.now().plus(java.time.Duration.ofDays(60)))).put("revision", 1);
            status.putArray("conditions").addObject().put("type", "Ready").put("status", "True").put("reason", "Ready")
                    .put("message", "Certificate is up to date and has not expired").put("lastTransitionTime", iso(pace.now()));
            api.put(cert);
        }
        // Gitpod's installer job renders and applies Gitpod
        api.get("batch", "jobs", "gitpod", "gitpod-installer").ifPresent(job -> {
            String key = "job/" + job.path("metadata").path("uid").asText();
            Instant since = seen.computeIfAbsent(key, k -> pace.now());
            if (job.path("status").path("succeeded").asInt(0) == 0 && pace.passed(since, 60)) {
                ObjectNode status = job.putObject("status").put("succeeded", 1).put("startTime", iso(since)).put("completionTime", iso(pace.now()));
                status.putArray("conditions").addObject().put("type", "Complete").put("status", "True");
                api.put(job);
                installGitpod(manager);
                seen.put("gitpod-installed", pace.now());
            }
        });
        Instant installed = seen.get("gitpod-installed");
        if (installed != null) {
            boolean up = pace.passed(installed, 45);
            for (String name : GITPOD_DEPLOYMENTS) {
                api.get("apps", "deployments", "gitpod", name).ifPresent(d -> {
                    if (up && d.path("status").path("readyReplicas").asInt(0) == 0) {
                        deploymentStatus(d, 1);
                        api.put(d);
                        api.get("", "pods", "gitpod", name + "-7d9f8b6c5d-x2k4q").ifPresent(p -> {
                            podStatus(p, true, 0, null);
                            api.put(p);
                        });
                    }
                });
            }
            if (up) daemons(installed);
        }
        if (coder) reconcileCoder(manager);
    }

    /**
     * What k3s's Helm controller, the CloudNativePG operator and Coder's chart do: the operator, the database Cluster
     * becoming Ready, coderd's rollout (on the manager, beside CoreDNS and the database), and, once the template is in
     * Coder, the owner's first workspace on the other node, where the seed's broken pod network shows.
     */
    private void reconcileCoder(String manager) {
        api.get("helm.cattle.io", "helmcharts", "kube-system", "cloudnative-pg").ifPresent(chart -> {
            Instant since = seen.computeIfAbsent("cnpg-chart", k -> pace.now());
            if (pace.passed(since, 30) && api.get("apps", "deployments", "cnpg-system", "cnpg-cloudnative-pg").isEmpty()) {
                namespace("cnpg-system");
                deployment("cnpg-system", "cnpg-cloudnative-pg", Map.of("app.kubernetes.io/name", "cloudnative-pg"), manager);
                seen.put("cnpg-ready", pace.now());
            }
        });
        Instant operator = seen.get("cnpg-ready");
        for (ObjectNode db : api.list("postgresql.cnpg.io", "clusters")) {
            if (operator == null || db.path("status").has("phase")) continue;
            String ns = db.path("metadata").path("namespace").asText();
            String name = db.path("metadata").path("name").asText();
            Instant since = seen.computeIfAbsent("cluster/" + ns + "/" + name, k -> pace.now());
            if (!pace.passed(since, 40)) continue;
            ObjectNode status = db.putObject("status").put("phase", "Cluster in healthy state").put("readyInstances", 1).put("instances", 1);
            status.putArray("conditions").addObject().put("type", "Ready").put("status", "True").put("reason", "ClusterIsReady")
                    .put("message", "Cluster is Ready").put("lastTransitionTime", iso(pace.now()));
            api.put(db);
            ObjectNode p = pod(ns, name + "-1", Map.of("cnpg.io/cluster", name, "cnpg.io/instanceRole", "primary"), manager, "postgres", null);
            podStatus(p, true, 0, null);
            api.put(p);
            for (String suffix : List.of("rw", "ro", "r")) {
                service(ns, name + "-" + suffix, "10.43.20" + suffix.length() + "." + (name.length() + 10), 5432);
            }
            seen.put("database-ready", pace.now());
        }
        api.get("helm.cattle.io", "helmcharts", "kube-system", "coder").ifPresent(chart -> {
            Instant since = seen.computeIfAbsent("coder-chart", k -> pace.now());
            if (pace.passed(since, 25) && api.get("apps", "deployments", "coder", "coder").isEmpty()) {
                ObjectNode d = object("apps/v1", "Deployment", "coder", "coder", Map.of("app.kubernetes.io/name", "coder"));
                ObjectNode spec = d.putObject("spec").put("replicas", 1);
                spec.putObject("selector").putObject("matchLabels").put("app.kubernetes.io/name", "coder");
                spec.putObject("template").putObject("spec").putArray("containers").addObject().put("name", "coder")
                        .put("image", "ghcr.io/coder/coder:" + SimulatedCoderd.VERSION);
                deploymentStatus(d, 0);
                api.put(d);
                ObjectNode p = pod("coder", "coder-5c8d7b9f6-q7m2x", Map.of("app.kubernetes.io/name", "coder"), manager, "coder", null);
                podStatus(p, false, 0, "ContainerCreating");
                api.put(p);
                service("coder", "coder", "10.43.88.21", 80);
                seen.put("coder-installed", pace.now());
            }
        });
        Instant installed = seen.get("coder-installed");
        Instant database = seen.get("database-ready");
        if (installed != null && database != null && !coderdServing && pace.passed(installed, 30)) {
            api.get("apps", "deployments", "coder", "coder").ifPresent(d -> {
                deploymentStatus(d, 1);
                api.put(d);
            });
            api.get("", "pods", "coder", "coder-5c8d7b9f6-q7m2x").ifPresent(p -> {
                podStatus(p, true, 0, null);
                api.put(p);
            });
            coderdServing = true;
        }
        Instant requested = seen.get("workspace-requested");
        if (requested != null) workspace(requested);
    }

    /**
     * The owner's first workspace, "dev", from the pushed template: its pod as the template makes it (restartPolicy
     * Never, no API token, envbox in a privileged outer container) on the node that is not the manager. envbox pulls the
     * workspace image through the pod's DNS; cut off from CoreDNS on the manager it exits and the pod fails. Once the fix
     * lets flannel's VXLAN through, the owner starts the workspace again ({@code coder restart}) and it runs.
     */
    private void workspace(Instant requested) {
        if (servers.size() < 2) return;
        SimulatedServer node = servers.get(servers.size() - 1);
        String name = "coder-" + workspaceOwner.toLowerCase(java.util.Locale.ROOT) + "-dev";
        boolean exists = api.get("", "pods", "coder", name).isPresent();
        if (exists && !vxlanOpen) return;
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "coder-workspace");
        labels.put("app.kubernetes.io/part-of", "coder");
        labels.put("com.coder.workspace.id", "5e7a1d00-0000-4000-8000-0000000000d1");
        labels.put("com.coder.workspace.name", "dev");
        labels.put("com.coder.user.username", workspaceOwner);
        labels.put("app.kubernetes.io/instance", name);
        ObjectNode p = object("v1", "Pod", "coder", name, labels);
        ObjectNode spec = p.putObject("spec").put("nodeName", node.name()).put("restartPolicy", "Never").put("automountServiceAccountToken", false);
        ObjectNode container = spec.putArray("containers").addObject().put("name", "dev").put("image", "ghcr.io/coder/envbox:0.6.7");
        container.putArray("command").add("/envbox").add("docker");
        container.putObject("securityContext").put("privileged", true);
        if (!vxlanOpen) {
            String timeout = "dial tcp: lookup registry-1.docker.io on " + DNS_ADDRESS + ":53: read udp 10.42." + (servers.size() - 1)
                    + ".9:43117->" + DNS_ADDRESS + ":53: i/o timeout";
            ObjectNode status = p.putObject("status").put("phase", "Failed").put("startTime", iso(requested));
            status.putArray("conditions").addObject().put("type", "Ready").put("status", "False");
            ObjectNode cs = status.putArray("containerStatuses").addObject().put("name", "dev").put("ready", false).put("restartCount", 0)
                    .put("image", "ghcr.io/coder/envbox:0.6.7");
            cs.putObject("state").putObject("terminated").put("exitCode", 1).put("reason", "Error").put("finishedAt", iso(pace.now()));
            api.setLog("coder", name, "dev", "{\"level\":\"info\",\"msg\":\"starting envbox\"}\n"
                    + "{\"level\":\"error\",\"msg\":\"pull inner image codercom/enterprise-base:ubuntu-20240812\",\"error\":\"" + timeout + "\"}\n", null);
        } else {
            podStatus(p, true, 0, null);
            api.setLog("coder", name, "dev", "{\"level\":\"info\",\"msg\":\"inner container started\"}\n", null);
        }
        api.put(p);
    }

    /** ws-daemon, registry-facade, agent-smith on every node; cut off from DNS, the first two crash-loop where CoreDNS is not. */
    private void daemons(Instant installed) {
        for (Map.Entry<String, String> daemon : GITPOD_DAEMONS.entrySet()) {
            int ready = 0;
            for (int i = 0; i < servers.size(); i++) {
                SimulatedServer server = servers.get(i);
                String pod = daemon.getKey() + "-" + suffix(daemon.getKey(), i);
                ObjectNode p = api.get("", "pods", "gitpod", pod).orElseThrow();
                boolean needsDns = !daemon.getValue().isEmpty();
                boolean cutOff = needsDns && i > 0 && !vxlanOpen;
                if (cutOff) {
                    // back-off doubles from 10 s: restarts so far since Gitpod came up
                    long seconds = java.time.Duration.between(installed, pace.now()).toNanos() / pace.seconds(1).toNanos();
                    int restarts = Math.max(1, (int) (Math.log(Math.max(seconds, 10) / 10.0) / Math.log(2)) + 2);
                    String timeout = "dial tcp: lookup " + daemon.getValue() + " on " + DNS_ADDRESS + ":53: read udp 10.42." + i + ".7:"
                            + (41000 + restarts) + "->" + DNS_ADDRESS + ":53: i/o timeout";
                    podStatus(p, false, restarts, "CrashLoopBackOff");
                    api.setLog("gitpod", pod, daemon.getKey(), "",
                            "{\"level\":\"info\",\"message\":\"starting " + daemon.getKey() + "\",\"serviceContext\":{\"service\":\"" + daemon.getKey() + "\"}}\n"
                                    + "{\"level\":\"fatal\",\"message\":\"cannot connect to " + daemon.getValue() + "\",\"error\":\"" + timeout + "\"}\n");
                } else {
                    int restarts = p.path("status").path("containerStatuses").path(0).path("restartCount").asInt(0);
                    podStatus(p, true, restarts, null);
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

    private void installGitpod(String manager) {
        for (String name : GITPOD_DEPLOYMENTS) {
            ObjectNode d = object("apps/v1", "Deployment", "gitpod", name, Map.of("app", "gitpod", "component", name));
            d.putObject("spec").put("replicas", 1).putObject("selector").putObject("matchLabels").put("app", "gitpod").put("component", name);
            deploymentStatus(d, 0);
            api.put(d);
            ObjectNode p = pod("gitpod", name + "-7d9f8b6c5d-x2k4q", Map.of("app", "gitpod", "component", name), manager, name, null);
            podStatus(p, false, 0, "ContainerCreating");
            api.put(p);
            service("gitpod", name, "10.43." + (100 + name.length()) + "." + (name.hashCode() & 0x7f), 8080);
        }
        for (String daemon : GITPOD_DAEMONS.keySet()) {
            ObjectNode ds = object("apps/v1", "DaemonSet", "gitpod", daemon, Map.of("app", "gitpod", "component", daemon));
            ObjectNode template = ds.putObject("spec").putObject("template");
            ObjectNode spec = template.putObject("spec");
            spec.putArray("containers").addObject().put("name", daemon).put("image", "eu.gcr.io/gitpod-core-dev/build/" + daemon + ":commit-2022.11.3");
            if (shiftfs && daemon.equals("ws-daemon")) spec.putArray("initContainers").addObject().put("name", "shiftfs-module-loader");
            api.put(ds);
            for (int i = 0; i < servers.size(); i++) {
                ObjectNode p = pod("gitpod", daemon + "-" + suffix(daemon, i), Map.of("app", "gitpod", "component", daemon),
                        servers.get(i).name(), daemon, shiftfs && daemon.equals("ws-daemon") ? "shiftfs-module-loader" : null);
                podStatus(p, false, 0, "ContainerCreating");
                api.put(p);
            }
        }
        ObjectNode policy = object("networking.k8s.io/v1", "NetworkPolicy", "gitpod", "workspace-default", Map.of("app", "gitpod"));
        policy.putObject("spec").putObject("podSelector").putObject("matchLabels").put("component", "workspace");
        ((ObjectNode) policy.get("spec")).putArray("policyTypes").add("Ingress").add("Egress");
        api.put(policy);
    }

    private static String suffix(String daemon, int node) {
        return Integer.toString(Math.abs((daemon + node).hashCode()) % 100000, 36);
    }

    private void namespace(String name) {
        if (api.get("", "namespaces", null, name).isEmpty()) api.put(object("v1", "Namespace", null, name, Map.of()));
    }

    private void node(SimulatedServer server, int index, boolean ready) {
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

    private void service(String ns, String name, String clusterIp, int port) {
        ObjectNode s = object("v1", "Service", ns, name, Map.of());
        ObjectNode spec = s.putObject("spec").put("clusterIP", clusterIp).put("type", "ClusterIP");
        spec.putArray("ports").addObject().put("port", port).put("protocol", port == 53 ? "UDP" : "TCP");
        api.put(s);
    }

    private void deployment(String ns, String name, Map<String, String> labels, String node) {
        ObjectNode d = object("apps/v1", "Deployment", ns, name, labels);
        d.putObject("spec").put("replicas", 1);
        deploymentStatus(d, 1);
        api.put(d);
        ObjectNode p = pod(ns, name + "-6799fbcd5-" + suffix(name, 0), labels, node, name, null);
        podStatus(p, true, 0, null);
        api.put(p);
    }

    private static void deploymentStatus(ObjectNode d, int ready) {
        ObjectNode status = d.putObject("status").put("replicas", 1).put("updatedReplicas", 1);
        if (ready > 0) status.put("readyReplicas", ready).put("availableReplicas", ready);
        status.putArray("conditions").addObject().put("type", "Available").put("status", ready > 0 ? "True" : "False");
    }

    private ObjectNode pod(String ns, String name, Map<String, String> labels, String node, String container, String init) {
        ObjectNode p = object("v1", "Pod", ns, name, labels);
        ObjectNode spec = p.putObject("spec").put("nodeName", node);
        spec.putArray("containers").addObject().put("name", container).put("image", image(ns, container));
        if (init != null) spec.putArray("initContainers").addObject().put("name", init).put("image", "eu.gcr.io/gitpod-core-dev/build/ws-daemon:commit-2022.11.3");
        return p;
    }

    private static String image(String ns, String container) {
        return switch (ns) {
            case "gitpod" -> "eu.gcr.io/gitpod-core-dev/build/" + container + ":commit-2022.11.3";
            case "cert-manager" -> "quay.io/jetstack/" + container + ":v1.16.2";
            case "coder" -> container.equals("postgres") ? "ghcr.io/cloudnative-pg/postgresql:17.5" : "ghcr.io/coder/coder:" + SimulatedCoderd.VERSION;
            case "cnpg-system" -> "ghcr.io/cloudnative-pg/cloudnative-pg:1.26.0";
            default -> "rancher/mirrored-" + container + ":latest";
        };
    }

    private void podStatus(ObjectNode p, boolean ready, int restarts, String waiting) {
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

    private static ObjectNode object(String apiVersion, String kind, String ns, String name, Map<String, String> labels) {
        ObjectNode o = KubeApi.NODES.objectNode().put("apiVersion", apiVersion).put("kind", kind);
        ObjectNode meta = o.putObject("metadata").put("name", name);
        if (ns != null) meta.put("namespace", ns);
        if (!labels.isEmpty()) {
            ObjectNode l = meta.putObject("labels");
            labels.forEach(l::put);
        }
        return o;
    }

    private static String iso(Instant at) {
        return java.time.format.DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
}
