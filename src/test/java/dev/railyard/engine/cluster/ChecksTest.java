package dev.railyard.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Findings beyond the acceptance scenarios, each from the healthy cluster with one change. */
class ChecksTest {

    private static final ClusterSnapshot HEALTHY = ClusterScenarios.healthy().snapshot();

    private static List<Finding> evaluate(ClusterSnapshot snapshot, Expectations expect) {
        return HealthChecks.standard().evaluate(snapshot, expect).findings();
    }

    private static List<String> codes(ClusterSnapshot snapshot, Expectations expect) {
        return evaluate(snapshot, expect).stream().map(Finding::code).toList();
    }

    private static Finding only(ClusterSnapshot snapshot, Expectations expect, String code) {
        List<Finding> found = evaluate(snapshot, expect).stream().filter(f -> f.code().equals(code)).toList();
        assertThat(found).as(code).hasSize(1);
        return found.get(0);
    }

    private static ClusterSnapshot withPod(Pod pod) {
        List<Pod> pods = new ArrayList<>(HEALTHY.pods());
        pods.add(pod);
        return HEALTHY.withPods(pods);
    }

    private static Expectations preset(String preset) {
        Expectations p = ClusterScenarios.plan();
        return new Expectations(true, preset, p.sshPort(), p.k3sVersion(), false, null, null, false, null, null,
                p.domain(), p.tlsMode(), p.fsShiftMethod(), List.of());
    }

    @Nested
    class Nodes {
        @Test
        void noLabelledNodeMeansGitpodCannotSchedule() {
            ClusterSnapshot unlabelled = HEALTHY.withNodes(HEALTHY.nodes().stream().map(n -> new NodeBuilder(n).editMetadata()
                    .removeFromLabels("gitpod.io/workload_workspace_headless").endMetadata().build()).toList());

            Finding f = only(unlabelled, ClusterScenarios.plan(), "RY-NODE-004");
            assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
            assertThat(f.evidence()).contains("gp-node-1: missing gitpod.io/workload_workspace_headless");
        }

        @Test
        void mediumPresetWantsTaintedManagers() {
            Finding f = only(HEALTHY, preset("medium"), "RY-NODE-005");
            assertThat(f.evidence()).containsExactly("gp-manager-1: control-plane node without a NoSchedule taint (preset medium)");
        }

        @Test
        void smallNodesAndMixedVersionsAreWarnings() {
            ClusterSnapshot odd = HEALTHY.withNodes(HEALTHY.nodes().stream().map(n -> n.getMetadata().getName().equals(ClusterScenarios.NODE)
                    ? new NodeBuilder(n).editStatus().addToAllocatable("cpu", new Quantity("2")).addToAllocatable("memory", new Quantity("7Gi"))
                    .editNodeInfo().withKubeletVersion("v1.32.11+k3s1").endNodeInfo().endStatus().build()
                    : n).toList());

            assertThat(codes(odd, ClusterScenarios.plan())).containsExactlyInAnyOrder("RY-NODE-003", "RY-NODE-006");
            assertThat(only(odd, ClusterScenarios.plan(), "RY-NODE-006").evidence()).singleElement().asString()
                    .contains("gp-node-1").contains("cpu 2 < 3.5").contains("memory 7Gi < 14Gi");
        }

        @Test
        void anEmptyClusterSaysSo() {
            assertThat(codes(HEALTHY.withNodes(List.of()), ClusterScenarios.plan())).contains("RY-NODE-000");
        }
    }

    @Nested
    class DockerSocket {
        @ParameterizedTest
        @ValueSource(strings = {"/", "/run", "/var/run/", "/run/k3s", "/run/k3s/containerd", "/run//containerd/",
                "/run/containerd/containerd.sock", "/var/run/k3s/containerd/containerd.sock", "/var/run/../run/k3s"})
        void anyParentDirectoryOfARuntimeSocketIsAViolation(String hostPath) {
            Pod pod = new PodBuilder(ClusterScenarios.running("tools", "debug-shell", ClusterScenarios.NODE, Map.of(), "shell"))
                    .editSpec().addNewVolume().withName("host").withNewHostPath().withPath(hostPath).endHostPath().endVolume()
                    .editFirstContainer().addNewVolumeMount().withName("host").withMountPath("/host").endVolumeMount().endContainer()
                    .endSpec().build();

            Finding f = only(withPod(pod), ClusterScenarios.plan(), "RY-ISO-001");
            assertThat(f.evidence()).singleElement().asString()
                    .startsWith("pod tools/debug-shell, volume host = hostPath " + hostPath).endsWith("container shell at /host");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/var/lib/docker", "/run/k3s/containerd-other", "/srv", "/var/log"})
        void unrelatedHostPathsAreNot(String hostPath) {
            Pod pod = new PodBuilder(ClusterScenarios.running("tools", "logs", ClusterScenarios.NODE, Map.of(), "shell"))
                    .editSpec().addNewVolume().withName("host").withNewHostPath().withPath(hostPath).endHostPath().endVolume().endSpec().build();

            assertThat(codes(withPod(pod), ClusterScenarios.plan())).doesNotContain("RY-ISO-001");
        }

        @Test
        void aPodNamedLikeWsDaemonButNotItsDaemonSetIsNotAllowed() {
            Pod impostor = new PodBuilder(ClusterScenarios.healthy().objects().stream().filter(o -> o instanceof Pod)
                    .map(o -> (Pod) o).filter(p -> p.getMetadata().getName().startsWith("ws-daemon")).findFirst().orElseThrow())
                    .editMetadata().withName("ws-daemon-impostor").withNamespace("default").endMetadata().build();

            Finding f = only(withPod(impostor), ClusterScenarios.plan(), "RY-ISO-001");
            assertThat(f.evidence()).singleElement().asString().contains("default/ws-daemon-impostor")
                    .contains("/run/k3s/containerd/containerd.sock").contains("container ws-daemon at /mnt/containerd.sock");
        }
    }

    @Nested
    class Workspaces {
        @Test
        void hostNamespacesAndTokensAreNamedPerPod() {
            Pod ws = new PodBuilder(ClusterScenarios.workspace("ws-leaky", false))
                    .editSpec().withHostPID(true).withHostNetwork(true).withAutomountServiceAccountToken(null).endSpec().build();

            assertThat(only(withPod(ws), ClusterScenarios.plan(), "RY-ISO-003").evidence())
                    .containsExactly("pod gitpod/ws-leaky: hostPID=true", "pod gitpod/ws-leaky: hostNetwork=true");
            assertThat(only(withPod(ws), ClusterScenarios.plan(), "RY-ISO-004").evidence()).singleElement().asString()
                    .startsWith("pod gitpod/ws-leaky: automountServiceAccountToken=null");
        }

        @Test
        void workspacesWithoutANetworkPolicyAreNotIsolated() {
            Finding f = only(HEALTHY.withNetworkPolicies(List.of()), ClusterScenarios.plan(), "RY-ISO-005");
            assertThat(f.evidence()).contains("pod gitpod/ws-3b1f2c9e-0a1b is selected by no NetworkPolicy", "0 NetworkPolicies in namespace gitpod");
        }
    }

    @Nested
    class Tailscale {
        private final ClusterSnapshot onTailnet = ClusterScenarios.tailscaleRouteNotApproved().snapshot();

        private ClusterSnapshot with(String policy) {
            return onTailnet.withTailnetPolicy(Optional.of(TailnetPolicy.parse(policy)));
        }

        @Test
        void aCompletePolicyHasNoFindings() {
            String policy = """
                    {
                      // HuJSON, as exported
                      "tagOwners": {"tag:k3s": ["autogroup:admin"]},
                      "autoApprovers": {"routes": {"10.42.0.0/16": ["tag:k3s"]}},
                      "grants": [{"src": ["tag:k3s", "10.42.0.0/16"], "dst": ["tag:k3s", "10.42.0.0/16"], "ip": ["*"]}],
                      "ssh": [{"action": "check", "src": ["group:admins"], "dst": ["tag:k3s"], "users": ["autogroup:nonroot"]}],
                    }""";
            assertThat(codes(with(policy), ClusterScenarios.tailscalePlan())).isEmpty();
        }

        @Test
        void missingPiecesAreNamedWithThePolicyLinesToAdd() {
            List<Finding> found = evaluate(with("{\"acls\": [{\"action\": \"accept\", \"src\": [\"group:admins\"], \"dst\": [\"*:22\"]}]}"),
                    ClusterScenarios.tailscalePlan());

            assertThat(found).extracting(Finding::code).containsExactlyInAnyOrder("RY-TS-003", "RY-TS-004", "RY-TS-005", "RY-TS-006");
            assertThat(found).filteredOn(f -> f.code().equals("RY-TS-004")).singleElement().extracting(Finding::fix).asString()
                    .contains("\"autoApprovers\": { \"routes\": { \"10.42.0.0/16\": [\"tag:k3s\"] } }");
            assertThat(found).filteredOn(f -> f.code().equals("RY-TS-005")).singleElement().extracting(Finding::fix).asString()
                    .contains("\"src\": [\"tag:k3s\", \"10.42.0.0/16\"], \"dst\": [\"tag:k3s:*\", \"10.42.0.0/16:*\"]");
        }

        @Test
        void nodesNotOnTheTailnetAndAMissingPolicyAreReported() {
            assertThat(codes(HEALTHY, ClusterScenarios.tailscalePlan())).containsExactlyInAnyOrder("RY-TS-000", "RY-TS-001");
        }
    }

    @Nested
    class Dns {
        @Test
        void noCoreDnsIsAnError() {
            ClusterSnapshot noDns = HEALTHY.withPods(HEALTHY.pods().stream().filter(p -> !KubeFacts.namespace(p).equals("kube-system")).toList());
            assertThat(only(noDns, ClusterScenarios.plan(), "RY-DNS-002").severity()).isEqualTo(Finding.Severity.ERROR);
        }

        @Test
        void noSuchHostForANameThatIsNoServiceIsAMissingNameNotANetworkFault() {
            Pod app = ClusterScenarios.crashLooping("shop", "api-1", ClusterScenarios.NODE, "api", 2);
            ClusterSnapshot snapshot = withPod(app).withLogs(Map.of(new ContainerRef("shop", "api-1", "api"),
                    List.of("dial tcp: lookup orders-db on 10.43.0.10:53: no such host")));

            assertThat(codes(snapshot, ClusterScenarios.plan())).containsExactlyInAnyOrder("RY-POD-001", "RY-DNS-003");
        }
    }

    @Nested
    class ShiftfsTlsAndGitpod {
        @Test
        void wsDaemonFailingToMountShiftfsIsAnErrorUnlessThePlanUsesFuse() {
            ClusterSnapshot snapshot = HEALTHY.withLogs(Map.of(new ContainerRef("gitpod", "ws-daemon-8tmwp", "ws-daemon"),
                    List.of("{\"level\":\"fatal\",\"message\":\"cannot mount shiftfs: mount: unknown filesystem type 'shiftfs'\"}")));

            assertThat(only(snapshot, ClusterScenarios.plan(), "RY-SHIFTFS-001").evidence()).singleElement().asString()
                    .startsWith("ws-daemon-8tmwp on gp-node-1: ");
            Expectations fuse = new Expectations(true, "small", 2244, "v1.33.7+k3s1", false, null, null, false, null, null,
                    ClusterScenarios.DOMAIN, "cert-manager", "fuse", List.of());
            // the healthy cluster runs shiftfs, so a fuse plan only hears that the two differ
            assertThat(codes(snapshot, fuse)).containsExactly("RY-SHIFTFS-003");
        }

        @Test
        void certificateMissingANameOrExpiredIsAnError() {
            var cert = ClusterScenarios.certificate(true, ClusterScenarios.NOW.minus(Duration.ofDays(3)));
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = new java.util.HashMap<>((Map<String, Object>) cert.getAdditionalProperties().get("spec"));
            spec.put("dnsNames", List.of(ClusterScenarios.DOMAIN, "*." + ClusterScenarios.DOMAIN));
            cert.getAdditionalProperties().put("spec", spec);

            List<Finding> found = evaluate(HEALTHY.withCertificates(List.of(cert)), ClusterScenarios.plan());
            assertThat(found).extracting(Finding::code).containsExactlyInAnyOrder("RY-TLS-003", "RY-TLS-004");
            assertThat(found).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR));
            assertThat(found.get(0).evidence().toString() + found.get(1).evidence()).contains("missing: [*.ws.gitpod.example.com]");
        }

        @Test
        void uploadedCertificatesAreNotLookedFor() {
            Expectations upload = new Expectations(true, "small", 2244, "v1.33.7+k3s1", false, null, null, false, null, null,
                    ClusterScenarios.DOMAIN, "upload", "shiftfs", List.of());
            assertThat(codes(HEALTHY.withCertificates(List.of()), upload)).isEmpty();
        }

        @Test
        void gitpodWorkloadsThatAreNotReadyAreNamed() {
            List<Deployment> deployments = new ArrayList<>(HEALTHY.deployments());
            deployments.add(ClusterScenarios.deployment("ws-manager", 1, 0));
            List<DaemonSet> daemonSets = List.of(ClusterScenarios.daemonSet("ws-daemon", 2, 1));

            List<Finding> found = evaluate(HEALTHY.withDeployments(deployments).withDaemonSets(daemonSets), ClusterScenarios.plan());
            assertThat(found).extracting(Finding::code).containsExactlyInAnyOrder("RY-GITPOD-001", "RY-GITPOD-002");
            assertThat(found).flatExtracting(Finding::evidence).contains("deployment/ws-manager: 0/1 ready", "daemonset/ws-daemon: 1/2 ready");
        }

        @Test
        void aClusterWithoutGitpodIsNotedAsSuch() {
            ClusterSnapshot bare = HEALTHY.withDeployments(List.of()).withDaemonSets(List.of())
                    .withPods(HEALTHY.pods().stream().filter(p -> !KubeFacts.namespace(p).equals("gitpod")).toList());
            assertThat(codes(bare, Expectations.withoutPlan())).containsExactly("RY-GITPOD-000");
            assertThat(only(bare, Expectations.withoutPlan(), "RY-GITPOD-000").severity()).isEqualTo(Finding.Severity.INFO);
        }
    }
}
