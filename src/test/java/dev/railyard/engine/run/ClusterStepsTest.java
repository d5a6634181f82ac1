package dev.railyard.engine.run;

import dev.railyard.testsupport.TestClocks;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.render.gitpod.GitpodRenderer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true)
// generous bound: the first test pays for starting the mock server and loading fabric8 on a shared 2-core machine
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClusterStepsTest {

    static final String CANARY = "canary-db-password-91c4e";
    static final io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext HELM_CHART =
            new io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext.Builder().withGroup("helm.cattle.io")
                    .withVersion("v1").withKind("HelmChart").withPlural("helmcharts").withScope("Namespaced").build();

    KubernetesClient client;
    KubernetesMockServer server;

    @TempDir
    Path root;

    @Test
    void createsTheGitpodNamespaceAndSecretsFromTheStoreAndUpdatesAnExistingSecretInsteadOfDuplicatingIt() throws Exception {
        Path export = exportWithSecrets();
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName("gitpod")
                .endMetadata().build()).create();
        client.secrets().inNamespace("gitpod").resource(new SecretBuilder().withNewMetadata().withName("database").endMetadata()
                .withStringData(Map.of("password", "old", "stale-key", "x")).build()).create();

        Pipeline.Result result = run(export, steps(export).gitpodSecrets());

        assertThat(result.outcome()).isEqualTo(Pipeline.Outcome.SUCCEEDED);
        var secrets = client.secrets().inNamespace("gitpod").list().getItems();
        assertThat(secrets).extracting(s -> s.getMetadata().getName()).containsExactlyInAnyOrder("database", "ssh-gateway-host-key");
        var database = client.secrets().inNamespace("gitpod").withName("database").get();
        String password = database.getStringData() != null && database.getStringData().containsKey("password")
                ? database.getStringData().get("password")
                : new String(Base64.getDecoder().decode(database.getData().get("password")), StandardCharsets.UTF_8);
        assertThat(password).isEqualTo(CANARY);
        assertThat(client.secrets().inNamespace("cert-manager").withName("cloudflare-solver").get()).isNotNull();
        assertThat(client.secrets().inNamespace("gitpod").withName("ssh-gateway-host-key").get().getStringData().get("host-key"))
                .startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        String log = Files.readString(root.resolve("run/run.log"));
        assertThat(log).contains("updated secret gitpod/database").contains("created secret cert-manager/cloudflare-solver")
                .contains("created secret gitpod/ssh-gateway-host-key");
        TerraformPipelineTest.assertNoFileContains(root.resolve("run"), CANARY);
    }

    @Test
    void refusesToCreateASecretThatStillHoldsAPlaceholder() throws Exception {
        Path export = exportWithSecrets();
        Files.writeString(export.resolve("gitpod/secrets/storage.yaml"), "apiVersion: v1\nkind: Secret\nmetadata:\n  name: storage\n"
                + "  namespace: gitpod\nstringData:\n  secretAccessKey: REPLACE_ME_FROM_KEYCHAIN_S3\n");
        Pipeline.Result result = run(export, steps(export).gitpodSecrets());
        assertThat(result.outcome()).isEqualTo(Pipeline.Outcome.FAILED);
        assertThat(result.message()).contains("storage.yaml still holds REPLACE_ME_FROM_KEYCHAIN_S3");
    }

    @Test
    void installsCertManagerThroughAHelmChartAndWaitsForItsDeployments() throws Exception {
        Path export = exportWithSecrets();
        CompletableFuture<Void> controller = CompletableFuture.runAsync(() -> {
            // what k3s's Helm controller would do: the chart's deployments appear and become available
            await(() -> client.genericKubernetesResources(HELM_CHART).inNamespace("kube-system")
                    .withName("cert-manager").get() != null);
            // only after the step has asked for the last deployment once (and found none): else, on a busy machine, its
            // first look could already find some available and the log would not show it waiting for all three
            awaitRequestFor("/namespaces/cert-manager/deployments/" + ClusterSteps.CERT_MANAGER_DEPLOYMENTS.get(ClusterSteps.CERT_MANAGER_DEPLOYMENTS.size() - 1));
            for (String name : ClusterSteps.CERT_MANAGER_DEPLOYMENTS) {
                var deployment = new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("cert-manager")
                        .endMetadata().withNewStatus().withAvailableReplicas(1).endStatus().build();
                client.apps().deployments().inNamespace("cert-manager").resource(deployment).create();
                client.apps().deployments().inNamespace("cert-manager").resource(deployment).updateStatus();
            }
        });
        Pipeline.Result result = run(export, steps(export).certManager());
        controller.get(20, TimeUnit.SECONDS);

        assertThat(result.outcome()).isEqualTo(Pipeline.Outcome.SUCCEEDED);
        GenericKubernetesResource chart = client.genericKubernetesResources(HELM_CHART).inNamespace("kube-system")
                .withName("cert-manager").get();
        assertThat(((Map<?, ?>) chart.getAdditionalProperties().get("spec")).get("version")).isEqualTo(GitpodRenderer.CERT_MANAGER_CHART_VERSION);
        assertThat(Files.readString(root.resolve("run/run.log"))).contains("created HelmChart kube-system/cert-manager")
                .contains("waiting for cert-manager, cert-manager-webhook, cert-manager-cainjector").contains("cert-manager is available");
    }

    @Test
    void runsTheInstallerJobWithTheConfiguredImageAndWaitsForGitpodsDeployments() throws Exception {
        Path export = exportWithSecrets();
        CompletableFuture<Void> cluster = CompletableFuture.runAsync(() -> {
            await(() -> client.batch().v1().jobs().inNamespace("gitpod").withName(InstallerJob.NAME).get() != null);
            var job = client.batch().v1().jobs().inNamespace("gitpod").withName(InstallerJob.NAME).get();
            job.setStatus(new JobStatusBuilder().withSucceeded(1).build());
            client.batch().v1().jobs().inNamespace("gitpod").resource(job).updateStatus();
            client.apps().deployments().inNamespace("gitpod").resource(new DeploymentBuilder().withNewMetadata().withName("server")
                    .endMetadata().withNewStatus().withAvailableReplicas(1).endStatus().build()).create();
        });
        Pipeline.Result result = run(export, steps(export).gitpodInstaller("registry.example.com/gitpod/installer:2022.11.3", false));
        cluster.get(20, TimeUnit.SECONDS);

        assertThat(result.outcome()).as(result.message()).isEqualTo(Pipeline.Outcome.SUCCEEDED);
        var job = client.batch().v1().jobs().inNamespace("gitpod").withName(InstallerJob.NAME).get();
        assertThat(job.getSpec().getTemplate().getSpec().getInitContainers().get(0).getImage())
                .isEqualTo("registry.example.com/gitpod/installer:2022.11.3");
        assertThat(client.configMaps().inNamespace("gitpod").withName("gitpod-installer-config").get().getData().get("config.yaml"))
                .contains("domain: gitpod.example.com");
        assertThat(Files.readString(root.resolve("run/run.log"))).contains("installer job: 1 succeeded")
                .contains("1 of 1 Gitpod deployments available");
    }

    @Test
    void withTheInClusterDatabaseReplacesTheInstallersPublishedEncryptionKeyAndRestartsWhatReadsIt() throws Exception {
        Path export = exportWithSecrets();
        String ours = "[{\"name\":\"general\",\"version\":1,\"primary\":true,\"material\":\"b3VyLW93bi1rZXktMzItYnl0ZXMtb2YtcmFuZG9tbmVzcw==\"}]";
        String published = "[{\"name\":\"general\",\"version\":1,\"primary\":true,\"material\":\"4uGh1q8y2DYryJwrVMHs0kWXJlqvHWWt/KJuNi04edI=\"}]";
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName("gitpod").endMetadata()
                .build()).create();
        client.secrets().inNamespace("gitpod").resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
                .withName("database").endMetadata().addToStringData("encryptionKeys", ours).build()).create();
        CompletableFuture<Void> cluster = CompletableFuture.runAsync(() -> {
            // what the installer's output brings: its Secret with the published key, a reader and a non-reader
            await(() -> client.batch().v1().jobs().inNamespace("gitpod").withName(InstallerJob.NAME).get() != null);
            client.secrets().inNamespace("gitpod").resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
                    .withName("mysql").endMetadata().addToData("encryptionKeys", base64(published)).addToData("password", base64("pw"))
                    .build()).create();
            client.apps().deployments().inNamespace("gitpod").resource(new DeploymentBuilder().withNewMetadata().withName("server")
                    .endMetadata().withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("server").addNewEnv()
                    .withName("DB_ENCRYPTION_KEYS").withNewValueFrom().withNewSecretKeyRef("encryptionKeys", "mysql", false).endValueFrom()
                    .endEnv().endContainer().endSpec().endTemplate().endSpec().withNewStatus().withAvailableReplicas(1).endStatus().build())
                    .create();
            client.apps().deployments().inNamespace("gitpod").resource(new DeploymentBuilder().withNewMetadata().withName("proxy")
                    .endMetadata().withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("proxy").endContainer()
                    .endSpec().endTemplate().endSpec().withNewStatus().withAvailableReplicas(1).endStatus().build()).create();
            var job = client.batch().v1().jobs().inNamespace("gitpod").withName(InstallerJob.NAME).get();
            job.setStatus(new JobStatusBuilder().withSucceeded(1).build());
            client.batch().v1().jobs().inNamespace("gitpod").resource(job).updateStatus();
        });
        Pipeline.Result result = run(export, steps(export).gitpodInstaller("registry.example.com/gitpod/installer:2022.11.3", true));
        cluster.get(20, TimeUnit.SECONDS);

        assertThat(result.outcome()).as(result.message()).isEqualTo(Pipeline.Outcome.SUCCEEDED);
        var mysql = client.secrets().inNamespace("gitpod").withName("mysql").get();
        assertThat(new String(java.util.Base64.getDecoder().decode(mysql.getData().get("encryptionKeys")), StandardCharsets.UTF_8))
                .isEqualTo(ours);
        assertThat(mysql.getData().get("password")).as("the installer's other keys are kept").isEqualTo(base64("pw"));
        assertThat(client.apps().deployments().inNamespace("gitpod").withName("server").get().getSpec().getTemplate().getMetadata()
                .getAnnotations()).containsKey(InstallerEncryptionKey.RESTART_ANNOTATION);
        var proxyMeta = client.apps().deployments().inNamespace("gitpod").withName("proxy").get().getSpec().getTemplate().getMetadata();
        assertThat(proxyMeta == null || proxyMeta.getAnnotations() == null
                || !proxyMeta.getAnnotations().containsKey(InstallerEncryptionKey.RESTART_ANNOTATION)).as("proxy does not read it").isTrue();
        assertThat(Files.readString(root.resolve("run/run.log"))).contains("replaced the installer's published encryption key")
                .contains("deployment/server").doesNotContain("deployment/proxy");

        // running the step again (resume) with the key already right changes nothing
        var job = client.batch().v1().jobs().inNamespace("gitpod").withName(InstallerJob.NAME);
        CompletableFuture<Void> again = CompletableFuture.runAsync(() -> {
            // the step replaces the finished Job with a new one: answer that one
            await(() -> {
                var current = job.get();
                return current != null && (current.getStatus() == null || current.getStatus().getSucceeded() == null);
            });
            var j = job.get();
            j.setStatus(new JobStatusBuilder().withSucceeded(1).build());
            client.batch().v1().jobs().inNamespace("gitpod").resource(j).updateStatus();
        });
        Files.delete(root.resolve("run/state.json"));
        Pipeline.Result second = run(export, steps(export).gitpodInstaller("registry.example.com/gitpod/installer:2022.11.3", true));
        again.get(20, TimeUnit.SECONDS);
        assertThat(second.outcome()).as(second.message()).isEqualTo(Pipeline.Outcome.SUCCEEDED);
        assertThat(Files.readString(root.resolve("run/run.log"))).contains("already holds this cluster's own encryption key");
    }

    private static String base64(String s) {
        return java.util.Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void waitsForEveryNodeToBeReady() throws Exception {
        Path export = exportWithSecrets();
        client.nodes().resource(node("manager-1", "True")).create();
        client.nodes().resource(node("node-1", "False")).create();
        CompletableFuture.runAsync(() -> {
            sleep(300);
            client.nodes().resource(node("node-1", "True")).update();
        });
        Pipeline.Result result = run(export, steps(export).nodesReady(2));
        assertThat(result.outcome()).isEqualTo(Pipeline.Outcome.SUCCEEDED);
        assertThat(Files.readString(root.resolve("run/run.log"))).contains("1 of 2 nodes Ready").contains("2 of 2 nodes Ready");
    }

    @Test
    void anApiErrorFailsTheStepWithTheServersMessage() throws Exception {
        Path export = exportWithSecrets();
        // a real API server would answer like this to a user without rights in the namespace
        server.expect().get().withPath("/api/v1/namespaces/gitpod").andReturn(403,
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"namespaces \\\"gitpod\\\" is forbidden: User \\\"dev\\\" cannot get resource\",\"reason\":\"Forbidden\",\"code\":403}")
                .always();
        Pipeline.Result result = run(export, steps(export).gitpodSecrets());
        assertThat(result.outcome()).isEqualTo(Pipeline.Outcome.FAILED);
        assertThat(result.failedStep()).isEqualTo("gitpod-secrets");
        assertThat(result.message()).contains("forbidden");
        assertThat(result.state().step("gitpod-secrets").orElseThrow().state()).isEqualTo(StepState.FAILED);
    }

    // --- fixtures

    private ClusterSteps steps(Path export) throws Exception {
        var plan = Examples.load(new dev.railyard.engine.plan.PlanFormat(), "hetzner-small");
        Map<String, String> env = Map.of("DB", CANARY, "CF", "cf-token-value");
        InMemoryStore store = new InMemoryStore();
        store.put("hcloud", "hcloud-token-value");
        var resolver = new dev.railyard.engine.secrets.SecretResolver(store, env, root);
        var planWithEnvRefs = plan.withSpec(plan.spec().withGitpod(new dev.railyard.engine.plan.Gitpod(plan.spec().gitpod().domain(),
                plan.spec().gitpod().blockNewUsers(), new dev.railyard.engine.plan.Gitpod.Tls("cert-manager", "ops@example.com",
                new dev.railyard.engine.plan.Gitpod.Dns01("cloudflare", "env:CF"), null, null),
                new dev.railyard.engine.plan.Gitpod.Database(false, "db.example.com", 3306, "gitpod", "env:DB"),
                plan.spec().gitpod().registry(), plan.spec().gitpod().storage(), plan.spec().gitpod().workspace(), null)));
        RunSecrets secrets = RunSecrets.resolve(planWithEnvRefs, resolver, store, true);
        assertThat(secrets.missing()).isEmpty();
        RunOptions options = RunOptions.defaults(export, root.resolve("run"), root).withWaits(Duration.ofSeconds(5), Duration.ofSeconds(20),
                Duration.ofSeconds(1));
        return new ClusterSteps(() -> client, options, secrets, Duration.ofMillis(100));
    }

    private Path exportWithSecrets() throws Exception {
        // a real API server knows these kinds from their CRDs (k3s ships HelmChart's)
        server.expectCustomResource(HELM_CHART);
        Path export = root.resolve("export");
        Files.createDirectories(export.resolve("gitpod/secrets"));
        Files.createDirectories(export.resolve("gitpod/cert-manager"));
        Files.writeString(export.resolve("gitpod/secrets/database.yaml"), "apiVersion: v1\nkind: Secret\nmetadata:\n  name: database\n"
                + "  namespace: gitpod\ntype: Opaque\nstringData:\n  host: \"db.example.com\"\n  port: \"3306\"\n  username: \"gitpod\"\n"
                + "  password: \"REPLACE_ME_FROM_ENV_DB\"\n  encryptionKeys: '[{\"name\":\"general\",\"version\":1,\"primary\":true,"
                + "\"material\":\"REPLACE_ME_WITH_32_RANDOM_BYTES_BASE64\"}]'\n");
        Files.writeString(export.resolve("gitpod/secrets/cloudflare-solver.yaml"), "apiVersion: v1\nkind: Secret\nmetadata:\n"
                + "  name: cloudflare-solver\n  namespace: cert-manager\ntype: Opaque\nstringData:\n  apiToken: \"REPLACE_ME_FROM_ENV_CF\"\n");
        Files.writeString(export.resolve("gitpod/cert-manager/helmchart.yaml"), "apiVersion: helm.cattle.io/v1\nkind: HelmChart\nmetadata:\n"
                + "  name: cert-manager\n  namespace: kube-system\nspec:\n  repo: \"https://charts.jetstack.io\"\n  chart: cert-manager\n"
                + "  version: " + GitpodRenderer.CERT_MANAGER_CHART_VERSION + "\n  targetNamespace: cert-manager\n  createNamespace: true\n");
        Files.writeString(export.resolve("gitpod/config.yaml"), "apiVersion: v1\ndomain: gitpod.example.com\n");
        return export;
    }

    private Pipeline.Result run(Path export, Step step) throws Exception {
        try (RunLog log = new RunLog(root.resolve("run"), new Redactor(List.of(CANARY)), TestClocks.ticking())) {
            return new Pipeline("acme", "provision", List.of(step), new RunStateStore(root.resolve("run")), log,
                    new ProcessRunner(Duration.ofSeconds(1)), TestClocks.ticking()).run(new Cancellation());
        }
    }

    static io.fabric8.kubernetes.api.model.Node node(String name, String ready) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewStatus().addNewCondition().withType("Ready")
                .withStatus(ready).endCondition().endStatus().build();
    }

    static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not reached");
            sleep(50);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static final class InMemoryStore implements dev.railyard.engine.secrets.SecretStore {
        private final Map<String, String> values = new java.util.concurrent.ConcurrentHashMap<>();

        @Override public String describe() { return "test store"; }
        @Override public java.util.Optional<String> get(String name) { return java.util.Optional.ofNullable(values.get(name)); }
        @Override public void put(String name, String value) { values.put(name, value); }
        @Override public void delete(String name) { values.remove(name); }
        @Override public java.util.Set<String> names() { return values.keySet(); }
        java.util.Map<String, String> values() { return values; }
    }

    /** Waits until the mock server has answered a request for {@code pathEnd} (requests are taken in order). */
    private void awaitRequestFor(String pathEnd) {
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                var request = server.takeRequest(1, TimeUnit.SECONDS);
                if (request != null && request.getPath() != null && request.getPath().endsWith(pathEnd)) return;
            }
            throw new AssertionError("no request for " + pathEnd + " within 20 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
