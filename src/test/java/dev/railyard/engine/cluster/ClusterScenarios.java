package dev.railyard.engine.cluster;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Clusters to diagnose, each a healthy small Gitpod cluster with one thing broken. Shared by the
 * mock-server tests, the CLI test, the panel's TestFX tests and the benchmark's sanity check.
 */
public final class ClusterScenarios {

    public static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    public static final String DOMAIN = "gitpod.example.com";
    public static final String CANARY = "canary-5f0c1e2d-never-export-me";
    public static final String MANAGER = "gp-manager-1";
    public static final String NODE = "gp-node-1";

    /** A cluster as Railyard sees it: API objects (Secrets included: the gatherer must skip them), log text, plan facts. */
    public record Scenario(String name, List<HasMetadata> objects, List<GenericKubernetesResource> certificates,
                           List<GenericKubernetesResource> challenges, Map<ContainerRef, String> logs,
                           Expectations expectations, Optional<TailnetPolicy> tailnetPolicy, Set<String> expectedCodes) {

        /** The snapshot the gatherer should produce from the same objects (Secrets left out, as it does). */
        public ClusterSnapshot snapshot() {
            List<Node> nodes = new ArrayList<>();
            List<Pod> pods = new ArrayList<>();
            List<Service> services = new ArrayList<>();
            List<Deployment> deployments = new ArrayList<>();
            List<DaemonSet> daemonSets = new ArrayList<>();
            List<NetworkPolicy> policies = new ArrayList<>();
            for (HasMetadata o : objects) {
                if (o instanceof Node n) nodes.add(n);
                else if (o instanceof Pod p) pods.add(p);
                else if (o instanceof Service s) services.add(s);
                else if (o instanceof Deployment d) deployments.add(d);
                else if (o instanceof DaemonSet d) daemonSets.add(d);
                else if (o instanceof NetworkPolicy p) policies.add(p);
            }
            Map<ContainerRef, List<String>> lines = new LinkedHashMap<>();
            logs.forEach((ref, text) -> lines.put(ref, text.lines().toList()));
            return ClusterSnapshot.empty(NOW).withServerVersion("v1.33.7+k3s1").withNodes(nodes).withPods(pods)
                    .withServices(services).withDeployments(deployments).withDaemonSets(daemonSets)
                    .withNetworkPolicies(policies).withCertificates(certificates).withChallenges(challenges)
                    .withLogs(lines).withTailnetPolicy(tailnetPolicy);
        }

        Scenario named(String value, Set<String> codes) {
            return new Scenario(value, objects, certificates, challenges, logs, expectations, tailnetPolicy, codes);
        }

        Scenario replacing(String kind, String name, HasMetadata replacement) {
            List<HasMetadata> all = new ArrayList<>();
            for (HasMetadata o : objects) {
                all.add(o.getKind().equals(kind) && o.getMetadata().getName().equals(name) ? replacement : o);
            }
            return new Scenario(name, all, certificates, challenges, logs, expectations, tailnetPolicy, expectedCodes);
        }

        Scenario adding(HasMetadata... more) {
            List<HasMetadata> all = new ArrayList<>(objects);
            all.addAll(List.of(more));
            return new Scenario(name, all, certificates, challenges, logs, expectations, tailnetPolicy, expectedCodes);
        }

        Scenario withLogs(Map<ContainerRef, String> value) {
            return new Scenario(name, objects, certificates, challenges, value, expectations, tailnetPolicy, expectedCodes);
        }

        Scenario withCertificates(List<GenericKubernetesResource> certs, List<GenericKubernetesResource> chs) {
            return new Scenario(name, objects, certs, chs, logs, expectations, tailnetPolicy, expectedCodes);
        }

        Scenario withTailscale(Expectations e, TailnetPolicy policy) {
            return new Scenario(name, objects, certificates, challenges, logs, e, Optional.of(policy), expectedCodes);
        }

        Scenario mapNodes(UnaryOperator<Node> change) {
            List<HasMetadata> all = new ArrayList<>();
            for (HasMetadata o : objects) all.add(o instanceof Node n ? change.apply(n) : o);
            return new Scenario(name, all, certificates, challenges, logs, expectations, tailnetPolicy, expectedCodes);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private ClusterScenarios() {}

    public static Expectations plan() {
        return new Expectations(true, "small", 2244, "v1.33.7+k3s1", false, null, null, false,
                null, null, DOMAIN, "cert-manager", "shiftfs", List.of());
    }

    public static Expectations tailscalePlan() {
        return new Expectations(true, "small", 2244, "v1.33.7+k3s1", true, "tag:k3s", "group:admins", true,
                null, null, DOMAIN, "cert-manager", "shiftfs", List.of());
    }

    public static List<Scenario> all() {
        return List.of(healthy(), seedDnsCrashLoop(), dockerSocketInUserPod(), privilegedWorkspace(),
                tailscaleRouteNotApproved(), unissuedCertificate(), nodeNotReady(), degraded());
    }

    public static Scenario healthy() {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(node(MANAGER, true, "10.0.1.1", "203.0.113.10", "10.42.0.0/24"));
        objects.add(node(NODE, false, "10.0.1.2", "203.0.113.11", "10.42.1.0/24"));
        objects.add(running("kube-system", "coredns-6799fbcd5-x2x7k", MANAGER, Map.of("k8s-app", "kube-dns"), "coredns"));
        objects.add(wsDaemon(MANAGER, "ws-daemon-4kq9z"));
        objects.add(wsDaemon(NODE, "ws-daemon-8tmwp"));
        objects.add(running("gitpod", "server-7d9c6b5f4-abcde", NODE, Map.of("component", "server"), "server"));
        objects.add(workspace("ws-3b1f2c9e-0a1b", false));
        objects.add(service("kube-system", "kube-dns", "10.43.0.10"));
        objects.add(service("default", "kotsadm-postgres", "10.43.12.7"));
        objects.add(deployment("server", 1, 1));
        objects.add(deployment("proxy", 1, 1));
        objects.add(new DaemonSetBuilder(daemonSet("ws-daemon", 2, 2)).editSpec().editTemplate().editSpec()
                .addNewInitContainer().withName("shiftfs-module-loader").withImage("registry.example/shiftfs-module-loader:1").endInitContainer()
                .endSpec().endTemplate().endSpec().build());
        objects.add(new NetworkPolicyBuilder().withNewMetadata().withNamespace("gitpod").withName("workspace-default").endMetadata()
                .withNewSpec().withNewPodSelector().addToMatchLabels("component", "workspace").endPodSelector()
                .withPolicyTypes("Ingress", "Egress").endSpec().build());
        objects.add(canarySecret());
        return new Scenario("healthy", objects, List.of(certificate(true, NOW.plus(Duration.ofDays(60)))), List.of(),
                Map.of(), plan(), Optional.empty(), Set.of());
    }

    /** The seed: kotsadm and cattle-cluster-agent crash-loop because DNS on the other node is unreachable. */
    public static Scenario seedDnsCrashLoop() {
        Pod kotsadm = crashLooping("default", "kotsadm-5d7f8c9b6-qz4wn", NODE, "kotsadm", 14);
        Pod cattle = crashLooping("cattle-system", "cattle-cluster-agent-6b8d9f7c5-lm2pk", NODE, "cluster-register", 22);
        Map<ContainerRef, String> logs = new LinkedHashMap<>();
        logs.put(new ContainerRef("default", kotsadm.getMetadata().getName(), "kotsadm"), String.join("\n",
                "2026/11/25 11:58:01 Starting kotsadm API",
                "2026/11/25 11:58:11 failed to ping postgres: dial tcp: lookup kotsadm-postgres on 10.43.0.10:53: read udp 10.42.1.17:51871->10.43.0.10:53: i/o timeout",
                "Error: failed to run migrations: dial tcp: lookup kotsadm-postgres on 10.43.0.10:53: i/o timeout"));
        logs.put(new ContainerRef("cattle-system", cattle.getMetadata().getName(), "cluster-register"), String.join("\n",
                "INFO: Environment: CATTLE_ADDRESS=10.42.1.18 CATTLE_CLUSTER=true",
                "time=\"2026-11-25T11:58:20Z\" level=fatal msg=\"dial tcp: lookup kotsadm-postgres.default.svc.cluster.local on 10.43.0.10:53: i/o timeout\""));
        return healthy().adding(kotsadm, cattle).withLogs(logs)
                .named("seed DNS crash loop", Set.of("RY-POD-001", "RY-DNS-001"));
    }

    public static Scenario dockerSocketInUserPod() {
        Pod builder = new PodBuilder(running("ci", "builder-5c7d8", NODE, Map.of("app", "builder"), "docker"))
                .editSpec()
                .addNewVolume().withName("dockersock").withNewHostPath().withPath("/var/run/docker.sock").endHostPath().endVolume()
                .editFirstContainer().addNewVolumeMount().withName("dockersock").withMountPath("/var/run/docker.sock").endVolumeMount().endContainer()
                .endSpec().build();
        return healthy().adding(builder).named("docker.sock in a user pod", Set.of("RY-ISO-001"));
    }

    public static Scenario privilegedWorkspace() {
        return healthy().adding(workspace("ws-9e8d7c6b-ffff", true)).named("privileged workspace", Set.of("RY-ISO-002"));
    }

    public static Scenario tailscaleRouteNotApproved() {
        TailnetPolicy policy = TailnetPolicy.parse(String.join("\n",
                "// exported from the admin console",
                "{",
                "  \"tagOwners\": { \"tag:k3s\": [\"autogroup:admin\"] },",
                "  \"acls\": [",
                "    { \"action\": \"accept\", \"src\": [\"tag:k3s\", \"10.42.0.0/16\"], \"dst\": [\"tag:k3s:*\", \"10.42.0.0/16:*\"] },",
                "  ],",
                "  \"ssh\": [ { \"action\": \"accept\", \"src\": [\"group:admins\"], \"dst\": [\"tag:k3s\"], \"users\": [\"root\"] } ],",
                "}"));
        return healthy()
                .mapNodes(n -> new NodeBuilder(n).editStatus().withAddresses().addNewAddress().withType("InternalIP")
                        .withAddress(MANAGER.equals(n.getMetadata().getName()) ? "100.101.1.1" : "100.101.1.2").endAddress()
                        .endStatus().build())
                .withTailscale(tailscalePlan(), policy)
                .named("Tailscale route not approved", Set.of("RY-TS-004"));
    }

    public static Scenario unissuedCertificate() {
        GenericKubernetesResource challenge = new GenericKubernetesResourceBuilder()
                .withApiVersion("acme.cert-manager.io/v1").withKind("Challenge")
                .withNewMetadata().withNamespace("gitpod").withName("https-certificates-1-2881525041-1183093411").endMetadata()
                .addToAdditionalProperties("spec", Map.of("dnsName", DOMAIN, "type", "DNS-01"))
                .addToAdditionalProperties("status", Map.of("processing", true, "presented", false, "state", "pending",
                        "reason", "Error presenting challenge: Cloudflare API Error for GET \"/zones?name=example.com\": 9109: Invalid access token"))
                .build();
        return healthy().withCertificates(List.of(certificate(false, null)), List.of(challenge))
                .named("unissued certificate", Set.of("RY-TLS-002", "RY-TLS-005"));
    }

    public static Scenario nodeNotReady() {
        return healthy().mapNodes(n -> NODE.equals(n.getMetadata().getName())
                        ? new NodeBuilder(n).editStatus().editMatchingCondition(c -> "Ready".equals(c.getType()))
                        .withStatus("Unknown").withReason("NodeStatusUnknown").withMessage("Kubelet stopped posting node status.")
                        .endCondition().endStatus().build()
                        : n)
                .named("node NotReady", Set.of("RY-NODE-001"));
    }

    /** Works, but: a node under memory pressure, a certificate renewal failing quietly, an image that does not pull. */
    public static Scenario degraded() {
        Pod stuck = new PodBuilder(running("gitpod", "openvsx-proxy-0", NODE, Map.of("component", "openvsx-proxy"), "openvsx-proxy"))
                .editStatus().withContainerStatuses(new ContainerStatusBuilder().withName("openvsx-proxy")
                        .withImage("eu.gcr.io/gitpod-core-dev/build/openvsx-proxy:commit-1a2b3c").withReady(false).withRestartCount(0)
                        .withNewState().withNewWaiting().withReason("ImagePullBackOff")
                        .withMessage("Back-off pulling image \"eu.gcr.io/gitpod-core-dev/build/openvsx-proxy:commit-1a2b3c\"").endWaiting().endState()
                        .build()).endStatus().build();
        return healthy()
                .mapNodes(n -> NODE.equals(n.getMetadata().getName())
                        ? new NodeBuilder(n).editStatus().editMatchingCondition(c -> "MemoryPressure".equals(c.getType())).withStatus("True")
                        .withReason("KubeletHasInsufficientMemory").withMessage("kubelet has insufficient memory available").endCondition()
                        .endStatus().build()
                        : n)
                .adding(stuck)
                .withCertificates(List.of(certificate(true, NOW.plus(Duration.ofDays(5)))), List.of())
                .named("degraded", Set.of("RY-NODE-002", "RY-POD-002", "RY-TLS-004"));
    }

    // ---- building blocks ----

    public static Node node(String name, boolean manager, String internalIp, String externalIp, String podCidr) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels("kubernetes.io/hostname", name)
                .addToLabels("gitpod.io/workload_meta", "true").addToLabels("gitpod.io/workload_ide", "true")
                .addToLabels("gitpod.io/workload_workspace_services", "true").addToLabels("gitpod.io/workload_workspace_regular", "true")
                .addToLabels("gitpod.io/workload_workspace_headless", "true")
                .endMetadata()
                .withNewSpec().withPodCIDR(podCidr).withPodCIDRs(podCidr).endSpec()
                .withNewStatus()
                .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady").withMessage("kubelet is posting ready status")
                .withLastTransitionTime("2026-11-24T08:00:00Z").endCondition()
                .addNewCondition().withType("MemoryPressure").withStatus("False").endCondition()
                .addNewCondition().withType("DiskPressure").withStatus("False").endCondition()
                .addNewAddress().withType("InternalIP").withAddress(internalIp).endAddress()
                .addNewAddress().withType("ExternalIP").withAddress(externalIp).endAddress()
                .withNewNodeInfo().withKubeletVersion("v1.33.7+k3s1").withKernelVersion("5.15.0-126-generic")
                .withOsImage("Ubuntu 22.04.5 LTS").withContainerRuntimeVersion("containerd://2.1.5-k3s1").endNodeInfo()
                .addToAllocatable("cpu", new Quantity("4")).addToAllocatable("memory", new Quantity("15896424Ki"))
                .addToCapacity("cpu", new Quantity("4")).addToCapacity("memory", new Quantity("16000000Ki"))
                .endStatus();
        if (manager) {
            b.editMetadata().addToLabels(KubeFacts.CONTROL_PLANE_LABEL, "true").endMetadata();
        }
        return b.build();
    }

    public static Pod running(String namespace, String name, String node, Map<String, String> labels, String container) {
        return new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withNodeName(node)
                .addToContainers(new ContainerBuilder().withName(container).withImage("registry.example/" + container + ":1").build())
                .endSpec()
                .withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addToContainerStatuses(new ContainerStatusBuilder().withName(container).withReady(true).withRestartCount(0)
                        .withImage("registry.example/" + container + ":1").withNewState().withNewRunning().withStartedAt("2026-11-24T08:00:00Z").endRunning().endState().build())
                .endStatus().build();
    }

    public static Pod crashLooping(String namespace, String name, String node, String container, int restarts) {
        ContainerStatus status = new ContainerStatusBuilder().withName(container).withReady(false).withRestartCount(restarts)
                .withImage("registry.example/" + container + ":1")
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                .withMessage("back-off 5m0s restarting failed container=" + container).endWaiting().endState()
                .withNewLastState().withNewTerminated().withExitCode(1).withReason("Error").withFinishedAt("2026-11-25T11:58:21Z").endTerminated().endLastState()
                .build();
        return new PodBuilder(running(namespace, name, node, Map.of("app", container), container))
                .editStatus().withConditions().addNewCondition().withType("Ready").withStatus("False").endCondition()
                .withContainerStatuses(status).endStatus().build();
    }

    public static Pod wsDaemon(String node, String name) {
        return new PodBuilder(running("gitpod", name, node, Map.of("component", "ws-daemon"), "ws-daemon"))
                .editMetadata().addNewOwnerReference().withApiVersion("apps/v1").withKind("DaemonSet").withName("ws-daemon")
                .withUid("0b1c2d3e-0000-4000-8000-000000000001").withController(true).endOwnerReference().endMetadata()
                .editSpec()
                // the plan says shiftfs: Gitpod 2022.11.3 then adds this init container to ws-daemon
                .addNewInitContainer().withName("shiftfs-module-loader").withImage("registry.example/shiftfs-module-loader:1").endInitContainer()
                .addNewVolume().withName("containerd-socket").withNewHostPath().withPath("/run/k3s/containerd/containerd.sock").endHostPath().endVolume()
                .editFirstContainer().addNewVolumeMount().withName("containerd-socket").withMountPath("/mnt/containerd.sock").endVolumeMount().endContainer()
                .endSpec().build();
    }

    public static Pod workspace(String name, boolean privileged) {
        return new PodBuilder(running("gitpod", name, NODE, Map.of("component", "workspace", "workspaceType", "regular"), "workspace"))
                .editSpec().withAutomountServiceAccountToken(false).withServiceAccountName("workspace")
                .editFirstContainer().withNewSecurityContext().withPrivileged(privileged).withAllowPrivilegeEscalation(privileged).endSecurityContext().endContainer()
                .endSpec().build();
    }

    public static Service service(String namespace, String name, String clusterIp) {
        return new ServiceBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withClusterIP(clusterIp).addNewPort().withPort(53).endPort().endSpec().build();
    }

    public static Deployment deployment(String name, int replicas, int ready) {
        return new DeploymentBuilder().withNewMetadata().withNamespace("gitpod").withName(name).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("component", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("component", name).endMetadata()
                .withNewSpec().addNewContainer().withName(name).withImage("registry.example/" + name + ":1").endContainer().endSpec().endTemplate()
                .endSpec()
                .withNewStatus().withReplicas(replicas).withReadyReplicas(ready).endStatus().build();
    }

    public static DaemonSet daemonSet(String name, int desired, int ready) {
        return new DaemonSetBuilder().withNewMetadata().withNamespace("gitpod").withName(name).endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("component", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("component", name).endMetadata()
                .withNewSpec().addNewContainer().withName(name).withImage("registry.example/" + name + ":1").endContainer().endSpec().endTemplate()
                .endSpec()
                .withNewStatus().withDesiredNumberScheduled(desired).withNumberReady(ready).withCurrentNumberScheduled(desired)
                .withNumberMisscheduled(0).endStatus().build();
    }

    static Secret canarySecret() {
        return new SecretBuilder().withNewMetadata().withNamespace("gitpod").withName("database").endMetadata()
                .addToStringData("password", CANARY).addToStringData("host", "mysql.example.com").build();
    }

    public static GenericKubernetesResource certificate(boolean ready, Instant notAfter) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("conditions", List.of(ready
                ? Map.of("type", "Ready", "status", "True", "reason", "Ready", "message", "Certificate is up to date and has not expired")
                : Map.of("type", "Ready", "status", "False", "reason", "DoesNotExist", "message", "Issuing certificate as Secret does not exist")));
        if (notAfter != null) status.put("notAfter", notAfter.toString());
        return new GenericKubernetesResourceBuilder().withApiVersion("cert-manager.io/v1").withKind("Certificate")
                .withNewMetadata().withNamespace("gitpod").withName("https-certificates").endMetadata()
                .addToAdditionalProperties("spec", Map.of("secretName", "https-certificates",
                        "dnsNames", List.of(DOMAIN, "*." + DOMAIN, "*.ws." + DOMAIN),
                        "issuerRef", Map.of("kind", "ClusterIssuer", "name", "gitpod-issuer")))
                .addToAdditionalProperties("status", status)
                .build();
    }
}
