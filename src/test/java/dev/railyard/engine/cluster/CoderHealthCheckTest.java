package dev.railyard.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.engine.plan.Platform;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** RY-CODER-* and the isolation checks on Coder workspaces, from snapshots and from a fabric8 mock API server. */
@EnableKubernetesMockClient(crud = true)
class CoderHealthCheckTest {

    static final String DOMAIN = "coder.example.com";
    static final String LB_IP = "203.0.113.10";

    KubernetesMockServer server;
    KubernetesClient client;

    static Expectations coderPlan() {
        return new Expectations(true, "small", 2244, "v1.33.7+k3s1", false, null, null, false, null, null, DOMAIN, "cert-manager",
                null, List.of(), Platform.CODER);
    }

    static Deployment coderd(int ready, EnvVar... env) {
        return new DeploymentBuilder().withNewMetadata().withNamespace("coder").withName("coder").endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app.kubernetes.io/name", "coder").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app.kubernetes.io/name", "coder").endMetadata()
                .withNewSpec().addNewContainer().withName("coder").withImage("ghcr.io/coder/coder:v2.29.1").withEnv(env).endContainer().endSpec()
                .endTemplate().endSpec()
                .withNewStatus().withReplicas(1).withReadyReplicas(ready).endStatus().build();
    }

    static Service traefik() {
        return new ServiceBuilder().withNewMetadata().withNamespace("kube-system").withName("traefik").endMetadata()
                .withNewSpec().withType("LoadBalancer").withClusterIP("10.43.50.1").addNewPort().withPort(443).endPort().endSpec()
                .withNewStatus().withNewLoadBalancer().addNewIngress().withIp(LB_IP).endIngress().endLoadBalancer().endStatus().build();
    }

    static GenericKubernetesResource condition(String apiVersion, String kind, String name, boolean ready, String message, Map<String, Object> extra) {
        Map<String, Object> status = new LinkedHashMap<>(extra);
        status.put("conditions", List.of(Map.of("type", "Ready", "status", ready ? "True" : "False", "message", message)));
        return new GenericKubernetesResourceBuilder().withApiVersion(apiVersion).withKind(kind)
                .withNewMetadata().withNamespace("coder").withName(name).endMetadata()
                .addToAdditionalProperties("status", status).build();
    }

    static GenericKubernetesResource database(boolean ready) {
        return condition("postgresql.cnpg.io/v1", "Cluster", "coder-db", ready, ready ? "Cluster is Ready" : "Cluster is not Ready",
                Map.of("phase", ready ? "Cluster in healthy state" : "Setting up primary"));
    }

    static GenericKubernetesResource certificate(boolean ready) {
        return condition("cert-manager.io/v1", "Certificate", "coder-tls", ready,
                ready ? "Certificate is up to date and has not expired" : "Issuing certificate as Secret does not exist", Map.of());
    }

    static Pod coderWorkspace(String name, String image, List<String> command, boolean privileged) {
        return new PodBuilder().withNewMetadata().withNamespace("coder-workspaces").withName(name)
                .addToLabels("app.kubernetes.io/name", "coder-workspace").addToLabels("com.coder.workspace.id", "9a1b").endMetadata()
                .withNewSpec().withNodeName(ClusterScenarios.NODE).withAutomountServiceAccountToken(false)
                .addToContainers(new ContainerBuilder().withName("dev").withImage(image).withCommand(command)
                        .withNewSecurityContext().withPrivileged(privileged).endSecurityContext().build())
                .endSpec().withNewStatus().withPhase("Running").endStatus().build();
    }

    /** A healthy Coder cluster: the healthy Gitpod-free base, coderd ready, database and certificate Ready, DNS right. */
    static ClusterSnapshot healthy() {
        ClusterSnapshot base = ClusterScenarios.healthy().snapshot();
        List<Pod> pods = new ArrayList<>(base.pods().stream().filter(p -> !"gitpod".equals(KubeFacts.namespace(p))).toList());
        pods.add(ClusterScenarios.running("coder", "coder-6f5d8c7b9-q2w3e", ClusterScenarios.NODE, Map.of("app.kubernetes.io/name", "coder"), "coder"));
        List<Service> services = new ArrayList<>(base.services());
        services.add(traefik());
        return base.withPods(pods).withDeployments(List.of(coderd(1))).withDaemonSets(List.of()).withNetworkPolicies(List.of())
                .withServices(services).withCertificates(List.of(certificate(true)))
                .withCoder(new CoderFacts(List.of(database(true)), Map.of(DOMAIN, List.of(LB_IP),
                        "railyard-wildcard-check." + DOMAIN, List.of(LB_IP)), Optional.empty(), ""));
    }

    static Set<String> codes(ClusterSnapshot snapshot) {
        HealthReport report = HealthChecks.standard().evaluate(snapshot, coderPlan());
        return report.findings().stream().map(Finding::code).collect(Collectors.toCollection(TreeSet::new));
    }

    static Finding only(ClusterSnapshot snapshot, String code) {
        List<Finding> found = HealthChecks.standard().evaluate(snapshot, coderPlan()).findings().stream()
                .filter(f -> f.code().equals(code)).toList();
        assertThat(found).as(code).hasSize(1);
        return found.get(0);
    }

    @Test
    void aHealthyCoderClusterHasNoFindingsAndNoGitpodOnes() {
        assertThat(codes(healthy())).isEmpty();
    }

    @Test
    void aCoderClustersNodesNeedNoGitpodWorkloadLabels() {
        ClusterSnapshot s = healthy();
        List<io.fabric8.kubernetes.api.model.Node> plain = s.nodes().stream().map(n -> {
            var b = new io.fabric8.kubernetes.api.model.NodeBuilder(n);
            n.getMetadata().getLabels().keySet().stream().filter(l -> l.startsWith("gitpod.io/")).toList()
                    .forEach(l -> b.editMetadata().removeFromLabels(l).endMetadata());
            return b.build();
        }).toList();
        assertThat(plain).allSatisfy(n -> assertThat(n.getMetadata().getLabels()).doesNotContainKey("gitpod.io/workload_meta"));
        assertThat(codes(s.withNodes(plain))).isEmpty();
    }

    @Test
    void aCoderPlanWithoutCoderSaysSoOnce() {
        assertThat(codes(healthy().withDeployments(List.of()))).containsExactly("RY-CODER-000");
    }

    @Test
    void coderdNotReadyNamesTheDeploymentAndItsPods() {
        ClusterSnapshot s = healthy();
        List<Pod> pods = new ArrayList<>(s.pods());
        pods.removeIf(p -> KubeFacts.namespace(p).equals("coder"));
        pods.add(ClusterScenarios.crashLooping("coder", "coder-6f5d8c7b9-q2w3e", ClusterScenarios.NODE, "coder", 7));
        Finding f = only(s.withDeployments(List.of(coderd(0))).withPods(pods), "RY-CODER-001");
        assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
        assertThat(f.evidence()).contains("deployment coder/coder: 0/1 ready",
                "pod coder/coder-6f5d8c7b9-q2w3e, container coder: CrashLoopBackOff, 7 restarts");
    }

    @Test
    void databaseUnreachableFromTheCloudNativePgClusterStatus() {
        ClusterSnapshot s = healthy();
        Finding f = only(s.withCoder(s.coder().withDatabaseClusters(List.of(database(false)))), "RY-CODER-002");
        assertThat(f.evidence()).singleElement().asString()
                .contains("CloudNativePG Cluster coder/coder-db").contains("Setting up primary").contains("Ready=False");
    }

    @Test
    void databaseUnreachableFromCoderdsOwnLogLines() {
        ClusterSnapshot s = healthy();
        String line = "2026-11-25 11:58:01.123 [erro] ping postgres: dial tcp 10.43.8.9:5432: connect: connection refused";
        Finding f = only(s.withLogs(Map.of(new ContainerRef("coder", "coder-6f5d8c7b9-q2w3e", "coder"), List.of("starting", line))),
                "RY-CODER-002");
        assertThat(f.evidence()).containsExactly("coder-6f5d8c7b9-q2w3e: " + line);
    }

    @Test
    void accessUrlThatDoesNotResolveAndAWildcardPointingElsewhere() {
        ClusterSnapshot s = healthy();
        Finding f = only(s.withCoder(s.coder().withResolved(Map.of(DOMAIN, List.of(),
                "railyard-wildcard-check." + DOMAIN, List.of("198.51.100.7")))), "RY-CODER-003");
        assertThat(f.evidence()).containsExactly("access URL: " + DOMAIN + " does not resolve",
                "wildcard *." + DOMAIN + ": railyard-wildcard-check." + DOMAIN + " resolves to 198.51.100.7, the ingress is at " + LB_IP);
    }

    @Test
    void certificateNotReady() {
        Finding f = only(healthy().withCertificates(List.of(certificate(false))), "RY-CODER-004");
        assertThat(f.evidence()).containsExactly("certificate coder/coder-tls: Ready=False (Issuing certificate as Secret does not exist)");
    }

    @Test
    void noProvisionerFromTheDeploymentOrFromCodersReport() throws Exception {
        Finding fromEnv = only(healthy().withDeployments(List.of(coderd(1, new EnvVar("CODER_PROVISIONER_DAEMONS", "0", null)))),
                "RY-CODER-005");
        assertThat(fromEnv.evidence()).containsExactly("deployment coder/coder, container coder: CODER_PROVISIONER_DAEMONS=0");
        ClusterSnapshot s = healthy();
        var report = CoderHealthReport.parse(new ObjectMapper().readTree(
                "{\"severity\":\"ok\",\"provisioner_daemons\":{\"severity\":\"ok\",\"warnings\":[],\"items\":[]}}"));
        Finding fromReport = only(s.withCoder(s.coder().withHealthReport(Optional.of(report), "")), "RY-CODER-005");
        assertThat(fromReport.evidence()).containsExactly("Coder's health report lists no provisioner daemon");
    }

    @Test
    void reportsEachProblemOfCodersOwnHealthReportWithItsCode() throws Exception {
        // healthsdk.HealthcheckReport: error is "CODE: text", warnings are health.Message without JSON tags
        String json = """
                {"severity":"error","coder_version":"v2.29.1",
                 "access_url":{"severity":"warning","warnings":[{"Code":"EACS04","Message":"/healthz returned 503"}],"dismissed":false},
                 "database":{"severity":"error","error":"EDB01: ping database: context deadline exceeded","warnings":[],"dismissed":false},
                 "websocket":{"severity":"ok","warnings":[]},
                 "derp":{"severity":"warning","warnings":[{"Code":"EDERP01","Message":"Node uses websockets"}],"dismissed":true},
                 "provisioner_daemons":{"severity":"ok","warnings":[],"items":[{"provisioner_daemon":{"name":"built-in"}}]}}
                """;
        ClusterSnapshot s = healthy();
        var report = CoderHealthReport.parse(new ObjectMapper().readTree(json));
        HealthReport health = HealthChecks.standard().evaluate(s.withCoder(s.coder().withHealthReport(Optional.of(report), "")), coderPlan());
        List<Finding> own = health.findings().stream().filter(f -> f.code().equals("RY-CODER-006")).toList();
        assertThat(own).extracting(Finding::severity).containsExactly(Finding.Severity.ERROR, Finding.Severity.WARNING);
        assertThat(own.get(0).evidence()).containsExactly("database: EDB01: ping database: context deadline exceeded");
        assertThat(own.get(1).evidence()).containsExactly("access_url: EACS04: /healthz returned 503",
                "derp: EDERP01: Node uses websockets (dismissed in Coder)");
        assertThat(health.findings()).noneMatch(f -> f.code().equals("RY-CODER-005"));
    }

    @Test
    void aReportThatCouldNotBeReadIsSaidNotHidden() {
        ClusterSnapshot s = healthy();
        Finding f = only(s.withCoder(s.coder().withHealthReport(Optional.empty(), "logging in as admin@example.com: Coder answered HTTP 401")),
                "RY-CODER-007");
        assertThat(f.severity()).isEqualTo(Finding.Severity.INFO);
    }

    @Test
    void envboxIsPrivilegedByDesignAndReportedAsSuchNotAsAViolation() {
        ClusterSnapshot s = healthy();
        List<Pod> pods = new ArrayList<>(s.pods());
        pods.add(coderWorkspace("coder-ada-dev", "ghcr.io/coder/envbox:0.6.7", List.of("/envbox", "docker"), true));
        Set<String> found = codes(s.withPods(pods));
        assertThat(found).contains("RY-ISO-006").doesNotContain("RY-ISO-002");
        assertThat(only(s.withPods(pods), "RY-ISO-006").severity()).isEqualTo(Finding.Severity.INFO);
    }

    @Test
    void anyOtherPrivilegedCoderWorkspaceIsAViolation() {
        ClusterSnapshot s = healthy();
        List<Pod> pods = new ArrayList<>(s.pods());
        pods.add(coderWorkspace("coder-bob-dev", "codercom/enterprise-base:ubuntu", List.of("sh"), true));
        // an image that only borrows envbox's name is not envbox
        pods.add(coderWorkspace("coder-eve-dev", "ghcr.io/coder/envbox-evil:1", List.of("/envbox"), true));
        Finding f = only(s.withPods(pods), "RY-ISO-002");
        assertThat(f.evidence()).hasSize(2).allMatch(e -> e.contains("securityContext.privileged=true"));
        assertThat(codes(s.withPods(pods))).doesNotContain("RY-ISO-006");
    }

    @Test
    void aCoderWorkspaceWithTheHostsRuntimeSocketIsAnError() {
        ClusterSnapshot s = healthy();
        Pod socket = new PodBuilder(coderWorkspace("coder-mal-dev", "codercom/enterprise-base:ubuntu", List.of("sh"), false))
                .editSpec().addNewVolume().withName("docker").withNewHostPath().withPath("/var/run/docker.sock").endHostPath().endVolume()
                .editFirstContainer().addNewVolumeMount().withName("docker").withMountPath("/var/run/docker.sock").endVolumeMount().endContainer()
                .endSpec().build();
        List<Pod> pods = new ArrayList<>(s.pods());
        pods.add(socket);
        Finding f = only(s.withPods(pods), "RY-ISO-001");
        assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
        assertThat(f.evidence()).singleElement().asString().contains("coder-workspaces/coder-mal-dev").contains("/var/run/docker.sock");
    }

    @Test
    void gathersTheCloudNativePgClusterFromTheApiAndProbesDnsOnlyForACoderPlan() {
        server.expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup("postgresql.cnpg.io").withVersion("v1")
                .withKind("Cluster").withPlural("clusters").withScope("Namespaced").build());
        server.expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup("cert-manager.io").withVersion("v1")
                .withKind("Certificate").withPlural("certificates").withScope("Namespaced").build());
        server.expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup("acme.cert-manager.io").withVersion("v1")
                .withKind("Challenge").withPlural("challenges").withScope("Namespaced").build());
        for (HasMetadata o : List.<HasMetadata>of(coderd(1), traefik())) client.resource(o).create();
        client.genericKubernetesResources(SnapshotGatherer.CNPG_CLUSTERS).resource(database(false)).create();
        client.genericKubernetesResources(SnapshotGatherer.CERTIFICATES).resource(certificate(true)).create();
        List<String> lookedUp = new CopyOnWriteArrayList<>();
        CoderProbe probe = CoderProbe.of(name -> {
            lookedUp.add(name);
            return List.of(LB_IP);
        }, Optional.empty(), "railyard-wildcard-check");
        SnapshotGatherer gatherer = new SnapshotGatherer(client, (h, p, t) -> { throw new AssertionError("no host probes"); },
                Clock.fixed(ClusterScenarios.NOW, ZoneOffset.UTC), SnapshotGatherer.Limits.DEFAULT).withCoderProbe(probe);

        gatherer.gather(ClusterScenarios.plan(), Optional.empty(), false);
        assertThat(lookedUp).as("a Gitpod plan resolves nothing for Coder").isEmpty();

        ClusterSnapshot snapshot = gatherer.gather(coderPlan(), Optional.empty(), false);
        assertThat(lookedUp).containsExactly(DOMAIN, "railyard-wildcard-check." + DOMAIN);
        assertThat(snapshot.coder().databaseClusters()).extracting(c -> c.getMetadata().getName()).containsExactly("coder-db");
        assertThat(HealthChecks.standard().evaluate(snapshot, coderPlan()).findings())
                .filteredOn(f -> f.code().equals("RY-CODER-002")).singleElement()
                .satisfies(f -> assertThat(f.evidence()).anyMatch(e -> e.contains("Setting up primary")));
    }

    @Test
    void theProbeTheCliAndTheAppShareResolvesTheCoderPlansNamesAndSaysWhyThereIsNoReportWithoutTheOwnerPassword() {
        var format = new dev.railyard.engine.plan.PlanFormat();
        var noStore = new dev.railyard.engine.secrets.SecretResolver(new dev.railyard.engine.secrets.UnavailableSecretStore("none in this test"),
                Map.of(), java.nio.file.Path.of("/nonexistent-home"));
        List<String> asked = new CopyOnWriteArrayList<>();
        CoderProbe.Resolver names = name -> {
            asked.add(name);
            return List.of(LB_IP);
        };
        assertThat(CoderProbe.forPlan(dev.railyard.engine.plan.Examples.load(format, "hetzner-small"), noStore, names))
                .as("a Gitpod plan").isSameAs(CoderProbe.NONE);

        var coderPlan = dev.railyard.engine.plan.Examples.load(format, "hetzner-small-coder");
        CoderFacts facts = CoderProbe.forPlan(coderPlan, noStore, names).probe(Expectations.of(coderPlan));
        assertThat(asked).containsExactly(DOMAIN, "railyard-wildcard-check." + DOMAIN);
        assertThat(facts.resolved()).containsEntry(DOMAIN, List.of(LB_IP));
        assertThat(facts.healthReport()).as("no owner password, no session, no report").isEmpty();
    }
}
