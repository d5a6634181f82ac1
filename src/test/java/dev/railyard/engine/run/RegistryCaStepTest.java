package dev.railyard.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.render.cloudinit.CloudInitTestPlans;
import dev.railyard.engine.render.gitpod.RegistryCaDaemonSet;
import dev.railyard.testsupport.TestClocks;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The registry-ca step against fabric8's mock API server (CRUD mode), with a thread standing in for the DaemonSet controller. */
@EnableKubernetesMockClient(crud = true)
// generous: the first test pays for the mock server and fabric8's start on a shared 2-core machine
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RegistryCaStepTest {

    static final String CERT = "-----BEGIN CERTIFICATE-----\nMIIBleaf\n-----END CERTIFICATE-----\n";
    static final String CA = "-----BEGIN CERTIFICATE-----\nMIIBroot\n-----END CERTIFICATE-----\n";
    static final String KEY_CANARY = "canary-private-key-material-7f3a";

    KubernetesClient client;

    @TempDir
    Path root;

    private final AtomicBoolean stop = new AtomicBoolean();

    @AfterEach
    void stopController() {
        stop.set(true);
    }

    @Test
    void appliesTheDaemonSetOnceTheSecretHoldsACertificateAndWaitsUntilEveryWorkspaceNodeHoldsTheCaFile() throws Exception {
        Path export = export();
        createSecret();
        controller(2);

        Pipeline.Result result = run(export, "run-1", Duration.ofSeconds(20));

        assertThat(result.outcome()).as(result.message()).isEqualTo(Pipeline.Outcome.SUCCEEDED);
        DaemonSet ds = client.apps().daemonSets().inNamespace("gitpod").withName(RegistryCaDaemonSet.NAME).get();
        assertThat(ds.getSpec().getTemplate().getSpec().getVolumes()).anySatisfy(v -> assertThat(v.getHostPath()).isNotNull());
        assertThat(ds.getMetadata().getAnnotations()).containsKey(RegistryCaStep.MANIFEST_HASH);
        String log = Files.readString(root.resolve("run-1/run.log"));
        assertThat(log).contains("Secret gitpod/https-certificates holds 2 certificate(s) in tls.crt")
                .contains("created DaemonSet gitpod/" + RegistryCaDaemonSet.NAME)
                .contains("2 of 2 workspace nodes hold the CA file");
        TerraformPipelineTest.assertNoFileContains(root.resolve("run-1"), KEY_CANARY);
    }

    @Test
    void aRerunWithTheSameManifestChangesNothingAndSaysSo() throws Exception {
        Path export = export();
        createSecret();
        controller(1);
        assertThat(run(export, "run-1", Duration.ofSeconds(20)).outcome()).isEqualTo(Pipeline.Outcome.SUCCEEDED);
        String version = client.apps().daemonSets().inNamespace("gitpod").withName(RegistryCaDaemonSet.NAME).get()
                .getMetadata().getResourceVersion();

        Pipeline.Result again = run(export, "run-2", Duration.ofSeconds(20));

        assertThat(again.outcome()).as(again.message()).isEqualTo(Pipeline.Outcome.SUCCEEDED);
        assertThat(Files.readString(root.resolve("run-2/run.log")))
                .contains("DaemonSet gitpod/" + RegistryCaDaemonSet.NAME + " is unchanged; kept")
                .doesNotContain("updated DaemonSet");
        assertThat(client.apps().daemonSets().inNamespace("gitpod").withName(RegistryCaDaemonSet.NAME).get().getMetadata()
                .getResourceVersion()).isEqualTo(version);
    }

    @Test
    void waitsForASecretThatAppearsLate() throws Exception {
        Path export = export();
        controller(1);
        CompletableFuture.runAsync(() -> {
            ClusterStepsTest.sleep(400);
            createSecret();
        });

        Pipeline.Result result = run(export, "run-1", Duration.ofSeconds(20));

        assertThat(result.outcome()).as(result.message()).isEqualTo(Pipeline.Outcome.SUCCEEDED);
        assertThat(Files.readString(root.resolve("run-1/run.log"))).containsSubsequence("waiting for Secret gitpod/https-certificates",
                "holds 2 certificate(s)", "1 of 1 workspace nodes hold the CA file");
    }

    @Test
    void aMissingSecretFailsAfterTheWaitNamingTheSecretAndItsKey() throws Exception {
        Path export = export();

        Pipeline.Result result = run(export, "run-1", Duration.ofSeconds(1));

        assertThat(result.outcome()).isEqualTo(Pipeline.Outcome.FAILED);
        assertThat(result.failedStep()).isEqualTo("registry-ca");
        assertThat(result.message()).contains("gave up after 1 s: waiting for Secret gitpod/https-certificates (key tls.crt)")
                .contains("spec.gitpod.tls.certificateRef").contains("railyard resume");
        assertThat(client.apps().daemonSets().inNamespace("gitpod").withName(RegistryCaDaemonSet.NAME).get()).isNull();
    }

    @Test
    void aSecretWithoutAPemCertificateIsNotCopiedAndTheMessageSaysWhatIsMissing() throws Exception {
        Path export = export();
        namespace();
        client.secrets().inNamespace("gitpod").resource(new SecretBuilder().withNewMetadata().withName("https-certificates").endMetadata()
                .withType("kubernetes.io/tls").withData(Map.of("tls.crt", b64("not a certificate"), "tls.key", b64(KEY_CANARY))).build()).create();

        Pipeline.Result result = run(export, "run-1", Duration.ofSeconds(1));

        assertThat(result.outcome()).isEqualTo(Pipeline.Outcome.FAILED);
        assertThat(result.message()).contains("Secret gitpod/https-certificates has no PEM certificate in tls.crt");
    }

    @Test
    void noNodeWithAWorkspaceLabelFailsSayingWhichLabelsTheDaemonSetNeeds() throws Exception {
        Path export = export();
        createSecret();
        controller(0);

        Pipeline.Result result = run(export, "run-1", Duration.ofSeconds(20));

        assertThat(result.outcome()).isEqualTo(Pipeline.Outcome.FAILED);
        assertThat(result.message()).contains("runs on no node").contains("gitpod.io/workload_workspace_regular");
    }

    @Test
    void provisioningAddsTheStepAfterTheInstallerOnlyForAnUploadedCertificate() throws Exception {
        var upload = CloudInitTestPlans.withUploadTls(Examples.load(new PlanFormat(), "hetzner-small"));
        assertThat(stepNames(upload)).containsSubsequence("gitpod-secrets", "gitpod-installer", "registry-ca", "summary")
                .doesNotContain("cert-manager");
        assertThat(stepNames(Examples.load(new PlanFormat(), "hetzner-small"))).contains("gitpod-installer").doesNotContain("registry-ca");
    }

    private List<String> stepNames(dev.railyard.engine.plan.ClusterPlan plan) throws Exception {
        RunOptions options = RunOptions.defaults(root.resolve("export"), root.resolve("run-" + plan.hashCode()), root);
        ClusterStepsTest.InMemoryStore store = new ClusterStepsTest.InMemoryStore();
        var resolver = new dev.railyard.engine.secrets.SecretResolver(store, Map.of(), root);
        try (Provisioning.Run run = new Provisioning(plan, options, resolver, store, Map.of(), TestClocks.ticking()).provision()) {
            return run.pipeline().steps().stream().map(Step::name).toList();
        }
    }

    // --- fixtures

    private Path export() throws Exception {
        Path export = root.resolve("export");
        Path file = export.resolve(RegistryCaDaemonSet.FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, RegistryCaDaemonSet.render(CloudInitTestPlans.withUploadTls(Examples.load(new PlanFormat(), "hetzner-small"))));
        return export;
    }

    private void namespace() {
        if (client.namespaces().withName("gitpod").get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("gitpod").endMetadata().build()).create();
        }
    }

    private void createSecret() {
        namespace();
        Secret secret = new SecretBuilder().withNewMetadata().withName("https-certificates").withNamespace("gitpod").endMetadata()
                .withType("kubernetes.io/tls").withData(Map.of("tls.crt", b64(CERT + CA), "tls.key", b64(KEY_CANARY))).build();
        client.secrets().inNamespace("gitpod").resource(secret).create();
    }

    /** Stands in for the DaemonSet controller: once the DaemonSet exists, reports {@code nodes} pods scheduled, current and Ready. */
    private void controller(int nodes) {
        CompletableFuture.runAsync(() -> {
            while (!stop.get()) {
                DaemonSet ds = client.apps().daemonSets().inNamespace("gitpod").withName(RegistryCaDaemonSet.NAME).get();
                if (ds != null && ds.getStatus() == null) {
                    ds.setStatus(new DaemonSetStatusBuilder().withDesiredNumberScheduled(nodes).withNumberReady(nodes)
                            .withUpdatedNumberScheduled(nodes).withObservedGeneration(ds.getMetadata().getGeneration()).build());
                    client.apps().daemonSets().inNamespace("gitpod").resource(ds).updateStatus();
                }
                ClusterStepsTest.sleep(50);
            }
        });
    }

    private Pipeline.Result run(Path export, String runDir, Duration clusterWait) throws Exception {
        RunOptions options = RunOptions.defaults(export, root.resolve(runDir), root).withWaits(Duration.ofSeconds(5), clusterWait,
                Duration.ofSeconds(1));
        Step step = new RegistryCaStep(() -> client, options, Duration.ofMillis(100)).step();
        try (RunLog log = new RunLog(root.resolve(runDir), new Redactor(List.of()), TestClocks.ticking())) {
            return new Pipeline("acme", "provision", List.of(step), new RunStateStore(root.resolve(runDir)), log,
                    new ProcessRunner(Duration.ofSeconds(1)), TestClocks.ticking()).run(new Cancellation());
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
