package dev.railyard.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.plan.Platform;
import dev.railyard.testsupport.StandInCoder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Coder steps against the fabric8 mock API server (CRUD) and the stand-in coderd on 127.0.0.1: what
 * k3s's Helm controller and the operators would do is played by a background thread.
 */
@EnableKubernetesMockClient(crud = true)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CoderStepsTest {

    static final String ADMIN_PASSWORD = "canary-coder-admin-3e9d1";
    static final String CF_TOKEN = "canary-cf-token-77aa";
    static final CustomResourceDefinitionContext CNPG = new CustomResourceDefinitionContext.Builder().withGroup("postgresql.cnpg.io")
            .withVersion("v1").withKind("Cluster").withPlural("clusters").withScope("Namespaced").build();

    KubernetesClient client;
    KubernetesMockServer server;
    StandInCoder coder;

    @TempDir
    Path root;

    @BeforeEach
    void start() throws Exception {
        coder = new StandInCoder();
        server.expectCustomResource(ClusterStepsTest.HELM_CHART);
        server.expectCustomResource(CNPG);
    }

    @AfterEach
    void stop() {
        coder.close();
    }

    static final String CODER_SPEC = """
              coder:
                domain: coder.example.com
                tls:
                  mode: cert-manager
                  email: ops@example.com
                  dns01:
                    provider: cloudflare
                    tokenRef: env:CF
                database:
                  inCluster: true
                admin:
                  username: admin
                  email: admin@example.com
                  passwordRef: env:ADMIN
                workspaces:
                  docker: envbox
            """;

    static ClusterPlan coderPlan() throws Exception {
        String gitpodPlan = Examples.text("hetzner-small");
        return new PlanFormat().read(gitpodPlan.substring(0, gitpodPlan.indexOf("  gitpod:\n")) + CODER_SPEC, "coder.yaml");
    }

    private RunSecrets secrets(ClusterPlan plan) {
        ClusterStepsTest.InMemoryStore store = new ClusterStepsTest.InMemoryStore();
        store.put("hcloud", "hcloud-token-value");
        var resolver = new dev.railyard.engine.secrets.SecretResolver(store, Map.of("CF", CF_TOKEN, "ADMIN", ADMIN_PASSWORD), root);
        RunSecrets secrets = RunSecrets.resolve(plan, resolver, store, true);
        assertThat(secrets.missing()).isEmpty();
        assertThat(store.names()).as("no Gitpod encryption key for a Coder plan").noneMatch(n -> n.endsWith("gitpod-encryption-key"));
        return secrets;
    }

    private CoderSteps steps(ClusterPlan plan, RunSecrets secrets, Path export) {
        RunOptions options = RunOptions.defaults(export, root.resolve("run"), root)
                .withWaits(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(1)).withCoderUrl(coder.base());
        return new CoderSteps(() -> client, options, secrets, plan.spec().coder(), CoderSteps.Endpoint.fixed(coder.base()), Duration.ofMillis(50));
    }

    private Path export() throws Exception {
        Path export = root.resolve("export");
        Files.createDirectories(export.resolve("coder/secrets"));
        Files.createDirectories(export.resolve("coder/postgres"));
        Files.createDirectories(export.resolve("coder/template"));
        Files.writeString(export.resolve("coder/namespace.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: coder\n");
        Files.writeString(export.resolve("coder/secrets/cloudflare-solver.yaml"), "apiVersion: v1\nkind: Secret\nmetadata:\n"
                + "  name: cloudflare-solver\n  namespace: cert-manager\ntype: Opaque\nstringData:\n  apiToken: \"REPLACE_ME_FROM_ENV_CF\"\n");
        Files.writeString(export.resolve("coder/postgres/operator-helmchart.yaml"), "apiVersion: helm.cattle.io/v1\nkind: HelmChart\n"
                + "metadata:\n  name: cloudnative-pg\n  namespace: kube-system\nspec:\n  repo: https://cloudnative-pg.github.io/charts\n"
                + "  chart: cloudnative-pg\n  version: 0.29.0\n  targetNamespace: cnpg-system\n  createNamespace: true\n");
        Files.writeString(export.resolve("coder/postgres/cluster.yaml"), "apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n"
                + "  name: coder-db\n  namespace: coder\nspec:\n  instances: 1\n  storage:\n    storageClass: local-path\n    size: 10Gi\n");
        Files.writeString(export.resolve("coder/helmchart.yaml"), "apiVersion: helm.cattle.io/v1\nkind: HelmChart\nmetadata:\n"
                + "  name: coder\n  namespace: kube-system\nspec:\n  repo: https://helm.coder.com/v2\n  chart: coder\n  version: 2.34.5\n"
                + "  targetNamespace: coder\n");
        Files.writeString(export.resolve("coder/template/main.tf"), "terraform {}\n");
        Files.writeString(export.resolve("coder/template/README.md"), "# Kubernetes\n");
        return export;
    }

    /** What k3s's Helm controller, the CloudNativePG operator and coderd's rollout would do in a real cluster. */
    private CompletableFuture<Void> controllers() {
        return CompletableFuture.runAsync(() -> {
            ClusterStepsTest.await(() -> client.genericKubernetesResources(ClusterStepsTest.HELM_CHART).inNamespace("kube-system")
                    .withName("cloudnative-pg").get() != null);
            available("cnpg-system", "cnpg-cloudnative-pg");
            ClusterStepsTest.await(() -> client.genericKubernetesResources(CNPG).inNamespace("coder").withName("coder-db").get() != null);
            GenericKubernetesResource db = client.genericKubernetesResources(CNPG).inNamespace("coder").withName("coder-db").get();
            db.setAdditionalProperty("status", Map.of("phase", "Cluster in healthy state",
                    "conditions", List.of(Map.of("type", "Ready", "status", "True", "message", "Cluster is Ready"))));
            client.genericKubernetesResources(CNPG).inNamespace("coder").resource(db).updateStatus();
            ClusterStepsTest.await(() -> client.genericKubernetesResources(ClusterStepsTest.HELM_CHART).inNamespace("kube-system")
                    .withName("coder").get() != null);
            available("coder", "coder");
        });
    }

    private void available(String ns, String name) {
        var d = new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata().withNewSpec().withReplicas(1)
                .endSpec().withNewStatus().withAvailableReplicas(1).withUpdatedReplicas(1).withReadyReplicas(1).endStatus().build();
        client.apps().deployments().inNamespace(ns).resource(d).create();
        client.apps().deployments().inNamespace(ns).resource(d).updateStatus();
    }

    private Pipeline.Result run(List<Step> steps, RunSecrets secrets) throws Exception {
        try (RunLog log = new RunLog(root.resolve("run"), new Redactor(secrets.allValues()), dev.railyard.testsupport.TestClocks.ticking())) {
            return new Pipeline("acme-coder", "provision", steps, new RunStateStore(root.resolve("run-" + System.nanoTime())), log,
                    new ProcessRunner(Duration.ofSeconds(1)), dev.railyard.testsupport.TestClocks.ticking()).run(new Cancellation());
        }
    }

    private static List<Step> coderSteps(CoderSteps s) {
        return List.of(s.secrets(), s.database(), s.install(), s.owner(), s.template());
    }

    @Test
    void installsDatabaseAndCoderCreatesTheOwnerAndPushesTheTemplateWithoutLoggingAnySecret() throws Exception {
        ClusterPlan plan = coderPlan();
        assertThat(plan.spec().platform()).isEqualTo(Platform.CODER);
        RunSecrets secrets = secrets(plan);
        Path export = export();
        CompletableFuture<Void> cluster = controllers();
        Pipeline.Result result = run(coderSteps(steps(plan, secrets, export)), secrets);
        cluster.get(30, TimeUnit.SECONDS);

        assertThat(result.outcome()).as(result.message()).isEqualTo(Pipeline.Outcome.SUCCEEDED);
        var solver = client.secrets().inNamespace("cert-manager").withName("cloudflare-solver").get();
        String token = solver.getStringData() != null ? solver.getStringData().get("apiToken")
                : new String(Base64.getDecoder().decode(solver.getData().get("apiToken")), StandardCharsets.UTF_8);
        assertThat(token).isEqualTo(CF_TOKEN);
        assertThat(client.genericKubernetesResources(ClusterStepsTest.HELM_CHART).inNamespace("kube-system").withName("coder").get()).isNotNull();
        assertThat(coder.hasFirstUser()).isTrue();
        assertThat(coder.activeVersions()).containsOnlyKeys("kubernetes");
        assertThat(coder.uploadedFiles()).singleElement().isEqualTo(steps(plan, secrets, export).archive().bytes());
        String log = Files.readString(root.resolve("run/run.log"));
        assertThat(log).contains("created HelmChart kube-system/cloudnative-pg", "the CloudNativePG operator is available",
                "database cluster coder/coder-db: Ready=True", "created HelmChart kube-system/coder", "coderd answers /healthz",
                "created Coder's first user admin <admin@example.com>", "created template kubernetes");
        TerraformPipelineTest.assertNoFileContains(root.resolve("run"), ADMIN_PASSWORD);
        TerraformPipelineTest.assertNoFileContains(root.resolve("run"), CF_TOKEN);
        TerraformPipelineTest.assertNoFileContains(root.resolve("run"), "standin-session-");
    }

    @Test
    void runningEveryCoderStepAgainChangesNothing() throws Exception {
        ClusterPlan plan = coderPlan();
        RunSecrets secrets = secrets(plan);
        Path export = export();
        CompletableFuture<Void> cluster = controllers();
        assertThat(run(coderSteps(steps(plan, secrets, export)), secrets).outcome()).isEqualTo(Pipeline.Outcome.SUCCEEDED);
        cluster.get(30, TimeUnit.SECONDS);
        int files = coder.fileCount();
        int versions = coder.versionCount();
        Map<String, String> active = coder.activeVersions();
        long firstUserPosts = coder.requests.stream().filter(r -> r.equals("POST /api/v2/users/first")).count();

        Pipeline.Result again = run(coderSteps(steps(plan, secrets, export)), secrets);

        assertThat(again.outcome()).as(again.message()).isEqualTo(Pipeline.Outcome.SUCCEEDED);
        assertThat(coder.fileCount()).isEqualTo(files);
        assertThat(coder.versionCount()).isEqualTo(versions);
        assertThat(coder.activeVersions()).isEqualTo(active);
        assertThat(coder.requests.stream().filter(r -> r.equals("POST /api/v2/users/first")).count()).isEqualTo(firstUserPosts);
        assertThat(client.genericKubernetesResources(CNPG).inAnyNamespace().list().getItems()).hasSize(1);
        assertThat(Files.readString(root.resolve("run/run.log"))).contains("Coder already has its first user: kept",
                "template kubernetes already runs version", "unchanged Cluster coder/coder-db", "unchanged HelmChart kube-system/coder");
    }

    @Test
    void provisionsFromTheRealExportOfTheBundledCoderExample() throws Exception {
        ClusterPlan plan = new PlanFormat().read(Examples.text("hetzner-small-coder"), "hetzner-small-coder.yaml");
        Path export = root.resolve("real-export");
        // the export without secrets: placeholders that the run fills from the store
        new dev.railyard.engine.render.Exporter().export(dev.railyard.engine.render.Generator.standard(
                dev.railyard.engine.catalog.Catalog.bundled()).generate(plan, java.util.Optional.empty()), export, false);
        ClusterStepsTest.InMemoryStore store = new ClusterStepsTest.InMemoryStore();
        store.put("hcloud", "hcloud-token-value");
        store.put("cf", CF_TOKEN);
        store.put("coder-admin", ADMIN_PASSWORD);
        RunSecrets secrets = RunSecrets.resolve(plan, new dev.railyard.engine.secrets.SecretResolver(store, Map.of(), root), store, true);
        assertThat(secrets.missing()).isEmpty();
        CompletableFuture<Void> cluster = controllers();
        Pipeline.Result result = run(coderSteps(steps(plan, secrets, export)), secrets);
        cluster.get(30, TimeUnit.SECONDS);

        assertThat(result.outcome()).as(result.message()).isEqualTo(Pipeline.Outcome.SUCCEEDED);
        assertThat(coder.activeVersions()).containsOnlyKeys("kubernetes");
        assertThat(new String(coder.uploadedFiles().get(0), StandardCharsets.UTF_8)).contains("main.tf");
        TerraformPipelineTest.assertNoFileContains(root.resolve("run"), ADMIN_PASSWORD);
        TerraformPipelineTest.assertNoFileContains(root.resolve("run"), CF_TOKEN);
    }

    @Test
    void aMissingOwnerPasswordStopsTheOwnerStepWithTheFieldToFix() throws Exception {
        ClusterPlan plan = coderPlan();
        ClusterStepsTest.InMemoryStore store = new ClusterStepsTest.InMemoryStore();
        store.put("hcloud", "x-hcloud-token");
        var resolver = new dev.railyard.engine.secrets.SecretResolver(store, Map.of("CF", CF_TOKEN), root);
        RunSecrets secrets = RunSecrets.resolve(plan, resolver, store, true);
        assertThat(secrets.missing()).anyMatch(m -> m.startsWith("spec.coder.admin.passwordRef"));
        Pipeline.Result result = run(List.of(steps(plan, secrets, export()).owner()), secrets);
        assertThat(result.outcome()).isEqualTo(Pipeline.Outcome.FAILED);
        assertThat(result.message()).contains("spec.coder.admin.passwordRef");
        assertThat(coder.hasFirstUser()).isFalse();
    }

    @Test
    void aCoderPlanProvisionsWithoutGitpodsInstallerOrEncryptionKey() throws Exception {
        ClusterPlan plan = coderPlan();
        RunOptions options = RunOptions.defaults(root.resolve("export"), root.resolve("run"), root).withCoderUrl(coder.base());
        ClusterStepsTest.InMemoryStore store = new ClusterStepsTest.InMemoryStore();
        var resolver = new dev.railyard.engine.secrets.SecretResolver(store, Map.of("CF", CF_TOKEN, "ADMIN", ADMIN_PASSWORD), root);
        try (Provisioning.Run run = new Provisioning(plan, options, resolver, store, Map.of(), dev.railyard.testsupport.TestClocks.ticking()).provision()) {
            List<String> names = run.pipeline().steps().stream().map(Step::name).toList();
            assertThat(names).containsSubsequence("nodes-ready", "coder-secrets", "cert-manager", "certificate", "coder-database", "coder",
                    "coder-owner", "coder-template", "summary");
            assertThat(names).doesNotContain("gitpod-secrets", "gitpod-installer");
            assertThat(run.log().redactor().redact("pw " + ADMIN_PASSWORD)).isEqualTo("pw ***");
        }
        assertThat(store.names()).noneMatch(n -> n.contains("gitpod-encryption-key"));
    }
}
