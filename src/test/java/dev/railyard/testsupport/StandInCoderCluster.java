package dev.railyard.testsupport;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The cluster side of a Coder provision on the fabric8 mock API server: what k3s runs by itself once it is up (the
 * nodes it registered, CoreDNS, Traefik's service load balancer on the nodes' address) and what its controllers do
 * while the run goes on (k3s's Helm controller installing cert-manager, cert-manager issuing the certificate, the
 * CloudNativePG operator making the database Ready, coderd's rollout).
 */
public final class StandInCoderCluster {

    public static final CustomResourceDefinitionContext CERTIFICATES = crd("cert-manager.io", "Certificate", "certificates", "Namespaced");
    public static final CustomResourceDefinitionContext CNPG_CLUSTERS = crd("postgresql.cnpg.io", "Cluster", "clusters", "Namespaced");

    private StandInCoderCluster() {}

    /** The custom resources a Coder provision writes and health reads. */
    public static void expectCustomResources(KubernetesMockServer server) {
        for (CustomResourceDefinitionContext crd : List.of(crd("helm.cattle.io", "HelmChart", "helmcharts", "Namespaced"), CNPG_CLUSTERS,
                CERTIFICATES, crd("cert-manager.io", "ClusterIssuer", "clusterissuers", "Cluster"),
                crd("acme.cert-manager.io", "Challenge", "challenges", "Namespaced"))) {
            server.expectCustomResource(crd);
        }
    }

    /** What k3s runs on its own for {@code cluster}'s manager and one node, both at {@code address}. */
    public static void registerK3s(KubernetesClient client, String cluster, String address) {
        client.nodes().resource(node(cluster + "-manager-1", true)).create();
        client.nodes().resource(node(cluster + "-node-1", false)).create();
        client.resource(new PodBuilder().withNewMetadata().withNamespace("kube-system").withName("coredns-6f9d7c7b9-x2k4p")
                .addToLabels("k8s-app", "kube-dns").endMetadata().withNewSpec().withNodeName(cluster + "-manager-1").addNewContainer()
                .withName("coredns").withImage("rancher/mirrored-coredns-coredns").endContainer().endSpec()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build())
                .create();
        client.resource(new ServiceBuilder().withNewMetadata().withNamespace("kube-system").withName("traefik").endMetadata()
                .withNewSpec().withType("LoadBalancer").withClusterIP("10.43.50.1").addNewPort().withPort(443).endPort().endSpec()
                .withNewStatus().withNewLoadBalancer().addNewIngress().withIp(address).endIngress().endLoadBalancer().endStatus().build())
                .create();
    }

    /**
     * Plays the controllers, in the order the provision needs them; returns once coderd is rolled out. Waits for the run to
     * create the Certificate and the database Cluster before answering for them.
     */
    public static void actAsControllers(KubernetesClient client) {
        try {
            for (String name : List.of("cert-manager", "cert-manager-webhook", "cert-manager-cainjector")) available(client, "cert-manager", name);
            GenericKubernetesResource cert = awaitOne(client, CERTIFICATES, "coder");
            cert.setAdditionalProperty("status", Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True", "message", "ok"))));
            client.genericKubernetesResources(CERTIFICATES).inNamespace("coder").resource(cert).updateStatus();
            available(client, "cnpg-system", "cnpg-cloudnative-pg");
            GenericKubernetesResource db = awaitOne(client, CNPG_CLUSTERS, "coder");
            db.setAdditionalProperty("status", Map.of("phase", "Cluster in healthy state",
                    "conditions", List.of(Map.of("type", "Ready", "status", "True", "message", "Cluster is Ready"))));
            client.genericKubernetesResources(CNPG_CLUSTERS).inNamespace("coder").resource(db).updateStatus();
            available(client, "coder", "coder");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static GenericKubernetesResource awaitOne(KubernetesClient client, CustomResourceDefinitionContext kind, String namespace)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            var items = client.genericKubernetesResources(kind).inNamespace(namespace).list().getItems();
            if (!items.isEmpty()) return items.get(0);
            if (System.nanoTime() > deadline) throw new AssertionError("no " + kind.getKind() + " in " + namespace);
            Thread.sleep(200);
        }
    }

    private static void available(KubernetesClient client, String ns, String name) {
        var d = new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata().withNewSpec().withReplicas(1)
                .endSpec().withNewStatus().withAvailableReplicas(1).withUpdatedReplicas(1).withReadyReplicas(1).endStatus().build();
        client.apps().deployments().inNamespace(ns).resource(d).create();
        client.apps().deployments().inNamespace(ns).resource(d).updateStatus();
    }

    private static Node node(String name, boolean manager) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).addToLabels("kubernetes.io/hostname", name).endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady").endCondition()
                .addNewAddress().withType("InternalIP").withAddress(manager ? "10.0.1.1" : "10.0.1.2").endAddress()
                .withNewNodeInfo().withKubeletVersion("v1.33.7+k3s1").withArchitecture("amd64").endNodeInfo().endStatus();
        if (manager) b.editMetadata().addToLabels("node-role.kubernetes.io/control-plane", "true").endMetadata();
        return b.build();
    }

    private static CustomResourceDefinitionContext crd(String group, String kind, String plural, String scope) {
        return new CustomResourceDefinitionContext.Builder().withGroup(group).withVersion("v1").withKind(kind).withPlural(plural)
                .withScope(scope).build();
    }
}
