package dev.railyard.engine.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What k3s brings up on its own and what both platforms stand on: the nodes becoming Ready, CoreDNS and the other
 * system deployments, cert-manager installed by k3s's Helm controller from its HelmChart, and the certificates
 * cert-manager issues (a DNS01 challenge through Cloudflare, simulated: it validates).
 */
final class K3sSystem {

    private final KubeApi api;
    private final ClusterObjects objects;
    private final ClusterTimeline timeline;

    K3sSystem(KubeApi api, ClusterObjects objects, ClusterTimeline timeline) {
        this.api = api;
        this.objects = objects;
        this.timeline = timeline;
    }

    /** k3s came up on the managers and the agents joined: the nodes register, not Ready until their CNI is up. */
    void start(List<SimulatedServer> servers) {
        for (String ns : List.of("default", "kube-system", "kube-public", "kube-node-lease")) objects.namespace(ns);
        for (int i = 0; i < servers.size(); i++) objects.node(servers.get(i), i, false);
        objects.service("default", "kubernetes", "10.43.0.1", 443);
        objects.service("kube-system", "kube-dns", PodNetwork.DNS_ADDRESS, 53);
        objects.service("kube-system", "metrics-server", "10.43.37.114", 443);
    }

    void reconcile(List<SimulatedServer> servers, Instant started) {
        String manager = servers.get(0).name();
        for (int i = 0; i < servers.size(); i++) {
            SimulatedServer s = servers.get(i);
            if (timeline.passed(started, s.manager() ? 25 : 40)) objects.node(s, i, true);
        }
        if (timeline.passed(started, 30) && api.get("apps", "deployments", "kube-system", "coredns").isEmpty()) {
            objects.readyDeployment("kube-system", "coredns", Map.of("k8s-app", "kube-dns"), manager);
            objects.readyDeployment("kube-system", "local-path-provisioner", Map.of("app", "local-path-provisioner"), manager);
            objects.readyDeployment("kube-system", "metrics-server", Map.of("k8s-app", "metrics-server"), manager);
            objects.readyDeployment("kube-system", "traefik", Map.of("app.kubernetes.io/name", "traefik"), manager);
        }
        api.get("helm.cattle.io", "helmcharts", "kube-system", "cert-manager").ifPresent(chart -> {
            Instant since = timeline.firstSeen("helmchart");
            if (timeline.passed(since, 35) && api.get("apps", "deployments", "cert-manager", "cert-manager").isEmpty()) {
                objects.namespace("cert-manager");
                for (String d : List.of("cert-manager", "cert-manager-cainjector", "cert-manager-webhook")) {
                    objects.readyDeployment("cert-manager", d, Map.of("app.kubernetes.io/name", d.replace("cert-manager-", "")), manager);
                }
                timeline.happened("cert-manager-ready");
            }
        });
        issueCertificates();
    }

    private void issueCertificates() {
        Instant certManager = timeline.at("cert-manager-ready");
        for (ObjectNode cert : api.list("cert-manager.io", "certificates")) {
            if (certManager == null || cert.path("status").has("notAfter")) continue;
            Instant since = timeline.firstSeen("certificate/" + cert.path("metadata").path("namespace").asText() + "/" + cert.path("metadata").path("name").asText());
            if (!timeline.passed(since, 50)) continue;
            ObjectNode status = cert.putObject("status");
            status.put("notBefore", ClusterObjects.iso(timeline.now()))
                    .put("notAfter", ClusterObjects.iso(timeline.now().plus(Duration.ofDays(90))))
                    .put("renewalTime", ClusterObjects.iso(timeline.now().plus(Duration.ofDays(60)))).put("revision", 1);
            status.putArray("conditions").addObject().put("type", "Ready").put("status", "True").put("reason", "Ready")
                    .put("message", "Certificate is up to date and has not expired").put("lastTransitionTime", ClusterObjects.iso(timeline.now()));
            api.put(cert);
        }
    }
}
