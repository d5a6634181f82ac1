package dev.railyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.cluster.SnapshotGatherer;
import dev.railyard.engine.coder.CoderApi;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.Generator;
import dev.railyard.engine.run.EndpointOverrides;
import dev.railyard.testsupport.StandInCoder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Coder plan (the bundled {@code hetzner-small-coder}) through the packaged {@code railyard.jar} run as a
 * real child process: generate, provision, health. What runs for real and what is a stand-in:
 * <ul>
 *   <li>generate: the real CLI, twice, byte-identical to each other and to the engine; with
 *       {@code --include-secrets} the canary owner password is only in 0600 files.</li>
 *   <li>provision: the real CLI with the stand-in terraform (a bash script speaking Terraform's -json lines,
 *       {@code src/test/resources/fake-terraform}; it also prints the TF_VAR_ secrets to stderr like a chatty
 *       provider) and {@code -Drailyard.coder.url} at the stand-in coderd on 127.0.0.1. It covers preflight,
 *       terraform init/plan/apply and the start of wait-for-ssh; the servers the stand-in terraform reports
 *       (127.0.0.1:2244) do not exist, since k3s cannot be stood in for a child process here, so the run is
 *       cancelled with SIGINT in wait-for-ssh. The test checks the Coder step list in the run state (no Gitpod
 *       step, Coder's steps pending after the cluster's) and that no canary is in the output, run.log or any
 *       file of the run folder.</li>
 *   <li>resume: the real CLI runs the Coder steps (coder-secrets, cert-manager, certificate, coder-database,
 *       coder, coder-owner, coder-template, summary) against the fabric8 mock API server and the stand-in coderd,
 *       after the SSH and k3s steps of that cancelled run are marked done in its state.json and its kubeconfig
 *       points at the mock server (those steps run in-process against a real sshd in SshStepsTest).</li>
 *   <li>health: the real CLI against the fabric8 mock API server (127.0.0.1, reached from the child through a
 *       kubeconfig) holding coderd, Traefik and an unready CloudNativePG cluster, with Coder's health report read
 *       from the stand-in coderd through {@code -Drailyard.coder.url} and names resolved only from a hosts file
 *       ({@code -Djdk.net.hosts.file}), so no outside address is asked.</li>
 * </ul>
 */
@EnableKubernetesMockClient(crud = true, https = false)
class CoderCliIT {

    static final String EXAMPLE = "hetzner-small-coder";
    static final String LB_IP = "203.0.113.10";

    KubernetesMockServer server;
    KubernetesClient client;

    record Run(int code, String out, String err) {}

    @Test
    void generateTwiceIsByteIdenticalAndSecretsAreOnlyInOwnerOnlyFiles(@TempDir Path dir) throws Exception {
        Map<String, String> env = vaultEnv(dir);
        String tokenCanary = "canary-hcloud-" + System.nanoTime();
        String dnsCanary = "canary-cloudflare-" + System.nanoTime();
        String ownerCanary = "canary-coder-owner-" + System.nanoTime();
        setSecrets(dir, env, Map.of("hcloud", tokenCanary, "cf", dnsCanary, "coder-admin", ownerCanary));
        Files.writeString(dir.resolve("p.yaml"), Examples.text(EXAMPLE));

        Run first = railyard(dir, env, "generate", "p.yaml", "-o", "first");
        assertThat(first.code()).as(first.err()).isZero();
        Run again = railyard(dir, env, "generate", "p.yaml", "-o", "first");
        assertThat(again.code()).as(again.err()).isZero();
        Run second = railyard(dir, env, "generate", "p.yaml", "-o", "second");
        assertThat(second.code()).as(second.err()).isZero();
        Map<String, byte[]> a = tree(dir.resolve("first"));
        Map<String, byte[]> b = tree(dir.resolve("second"));
        assertThat(a.keySet()).isEqualTo(b.keySet());
        a.forEach((path, bytes) -> assertThat(b.get(path)).as(path).isEqualTo(bytes));
        List<GeneratedFile> engine = Generator.standard(Catalog.bundled()).generate(Examples.load(new PlanFormat(), EXAMPLE), Optional.empty());
        for (GeneratedFile f : engine) {
            assertThat(new String(a.get(f.path()), StandardCharsets.UTF_8)).as(f.path()).isEqualTo(f.content());
        }
        assertThat(a).hasSize(engine.size() + 1); // + the export marker
        assertThat(a.keySet()).anyMatch(p -> p.startsWith("coder/")).noneMatch(p -> p.startsWith("gitpod/"));
        for (String canary : List.of(tokenCanary, dnsCanary, ownerCanary)) assertNowhere(dir, canary);

        Run withSecrets = railyard(dir, env, "generate", "p.yaml", "-o", "with-secrets", "--include-secrets");
        assertThat(withSecrets.code()).as(withSecrets.err()).isZero();
        Map<Path, String> holding = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                for (String canary : List.of(tokenCanary, dnsCanary, ownerCanary)) {
                    if (text.contains(canary)) holding.put(f, canary);
                }
            }
        }
        // the DNS-01 token goes to cert-manager's solver Secret; the owner password only ever to coderd's API
        assertThat(holding).as("exported when asked for").containsEntry(dir.resolve("with-secrets/coder/secrets/cloudflare-solver.yaml"), dnsCanary)
                .doesNotContainValue(ownerCanary);
        for (Path f : holding.keySet()) {
            assertThat(f.startsWith(dir.resolve("with-secrets"))).as(f.toString()).isTrue();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString()).isEqualTo("rw-------");
        }
        for (String canary : List.of(tokenCanary, dnsCanary, ownerCanary)) {
            assertThat(withSecrets.out() + withSecrets.err()).doesNotContain(canary);
        }
    }

    @Test
    void provisionRunsPreflightAndTerraformWithTheCoderStepsAndNoCanaryInItsLogOrState(@TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Map<String, String> env = vaultEnv(dir);
        String tokenCanary = "canary-hcloud-" + System.nanoTime();
        String ownerCanary = "canary-owner-" + System.nanoTime();
        setSecrets(dir, env, Map.of("hcloud", tokenCanary, "cf", "value-of-cf", "coder-admin", ownerCanary));
        sshKey(home);
        Files.writeString(dir.resolve("p.yaml"), Examples.text(EXAMPLE));
        assertThat(railyard(dir, env, "generate", "p.yaml", "-o", "generated").code()).isZero();
        Path tf = standInTerraform(dir);
        // apply finishes at once; the stand-in prints the TF_VAR_ values (the Hetzner token) to stderr like a chatty provider
        Files.writeString(dir.resolve("generated/terraform/fake-terraform.env"), "FAKE_TF_DELAY=0\nFAKE_TF_LEAK=1\n");

        try (StandInCoder coder = new StandInCoder()) {
            ProcessBuilder pb = new ProcessBuilder(java(), "-Duser.home=" + home, "-D" + EndpointOverrides.CODER_URL_PROPERTY + "=" + coder.base(),
                    "-jar", jar(), "provision", "p.yaml", "--terraform", tf.toString()).directory(dir.toFile());
            pb.environment().putAll(env);
            pb.environment().remove("DISPLAY");
            Path out = dir.resolve("provision.out");
            Process provision = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.readString(out).contains("[wait-for-ssh]")) {
                assertThat(provision.isAlive()).as(Files.readString(out)).isTrue();
                assertThat(System.nanoTime()).as("wait-for-ssh started: " + Files.readString(out)).isLessThan(deadline);
                Thread.sleep(100);
            }
            new ProcessBuilder("kill", "-INT", Long.toString(provision.pid())).start().waitFor();
            assertThat(provision.waitFor(30, TimeUnit.SECONDS)).as("railyard stopped after Ctrl-C").isTrue();
            String said = Files.readString(out);
            assertThat(provision.exitValue()).as(said).isEqualTo(130);
            assertThat(said).contains("[terraform-apply]").contains("Apply complete").doesNotContain(tokenCanary).doesNotContain(ownerCanary);
            assertThat(coder.requests).as("coderd is only asked once the cluster is up").isEmpty();
        }

        Path runDir = dir.resolve(".railyard/runs/acme-coder/provision");
        var state = new ObjectMapper().readTree(runDir.resolve("state.json").toFile());
        Map<String, String> states = new LinkedHashMap<>();
        state.path("steps").forEach(s -> states.put(s.path("name").asText(), s.path("state").asText()));
        assertThat(states).containsEntry("preflight", "done").containsEntry("terraform-init", "done").containsEntry("terraform-plan", "done")
                .containsEntry("terraform-apply", "done").containsEntry("wait-for-ssh", "cancelled");
        List<String> names = List.copyOf(states.keySet());
        assertThat(names).doesNotContain("images", "gitpod-secrets", "gitpod-installer")
                .containsSubsequence("wait-for-ssh", "coder-secrets", "cert-manager", "certificate", "coder-database", "coder",
                        "coder-owner", "coder-template", "summary");
        for (String step : names.subList(names.indexOf("coder-secrets"), names.size())) {
            assertThat(states.get(step)).as(step).isEqualTo("pending");
        }
        assertThat(runDir.resolve("run.log")).exists();
        assertThat(Files.readString(runDir.resolve("run.log"))).contains("terraform-apply");
        assertNowhere(runDir, tokenCanary);
        assertNowhere(runDir, ownerCanary);
        assertNowhere(dir.resolve("generated"), tokenCanary);
        assertNowhere(dir.resolve("generated"), ownerCanary);
    }

    /**
     * The Coder steps from a real process: {@code railyard resume} picks up a provision cancelled in wait-for-ssh
     * whose SSH and k3s steps (which cannot run against stand-ins in a child process) are marked done in
     * state.json, with a kubeconfig at the fabric8 mock API server; this test thread plays k3s's Helm
     * controller, cert-manager, the CloudNativePG operator and coderd's rollout, and {@code -Drailyard.coder.url}
     * points the owner and template steps at the stand-in coderd.
     */
    @Test
    void resumeRunsTheCoderStepsAgainstTheMockClusterAndTheStandInCoderd(@TempDir Path dir) throws Exception {
        var cd = new CustomResourceDefinitionContext.Builder();
        server.expectCustomResource(cd.withGroup("helm.cattle.io").withVersion("v1").withKind("HelmChart").withPlural("helmcharts")
                .withScope("Namespaced").build());
        server.expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup("postgresql.cnpg.io").withVersion("v1")
                .withKind("Cluster").withPlural("clusters").withScope("Namespaced").build());
        server.expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup("cert-manager.io").withVersion("v1")
                .withKind("Certificate").withPlural("certificates").withScope("Namespaced").build());
        server.expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup("cert-manager.io").withVersion("v1")
                .withKind("ClusterIssuer").withPlural("clusterissuers").withScope("Cluster").build());
        Path home = Files.createDirectories(dir.resolve("home"));
        Map<String, String> env = vaultEnv(dir);
        String dnsCanary = "canary-cloudflare-" + System.nanoTime();
        String ownerCanary = "canary-owner-" + System.nanoTime();
        setSecrets(dir, env, Map.of("hcloud", "value-of-hcloud", "cf", dnsCanary, "coder-admin", ownerCanary));
        sshKey(home);
        Files.writeString(dir.resolve("p.yaml"), Examples.text(EXAMPLE));
        assertThat(railyard(dir, env, "generate", "p.yaml", "-o", "generated").code()).isZero();
        Path tf = standInTerraform(dir);
        Files.writeString(dir.resolve("generated/terraform/fake-terraform.env"), "FAKE_TF_DELAY=0\n");

        try (StandInCoder coder = new StandInCoder()) {
            String coderUrl = "-D" + EndpointOverrides.CODER_URL_PROPERTY + "=" + coder.base();
            ProcessBuilder pb = new ProcessBuilder(java(), "-Duser.home=" + home, coderUrl, "-jar", jar(), "provision", "p.yaml",
                    "--terraform", tf.toString()).directory(dir.toFile());
            pb.environment().putAll(env);
            pb.environment().remove("DISPLAY");
            Path out = dir.resolve("provision.out");
            Process provision = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.readString(out).contains("[wait-for-ssh]")) {
                assertThat(provision.isAlive()).as(Files.readString(out)).isTrue();
                assertThat(System.nanoTime()).as("wait-for-ssh started: " + Files.readString(out)).isLessThan(deadline);
                Thread.sleep(100);
            }
            new ProcessBuilder("kill", "-INT", Long.toString(provision.pid())).start().waitFor();
            assertThat(provision.waitFor(30, TimeUnit.SECONDS)).isTrue();

            Path runDir = dir.resolve(".railyard/runs/acme-coder/provision");
            ObjectMapper json = new ObjectMapper();
            var state = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(runDir.resolve("state.json").toFile());
            List<String> byStandIns = List.of("wait-for-ssh", "cloud-init", "kubeconfig", "nodes-ready");
            state.withArray("steps").forEach(step -> {
                if (byStandIns.contains(step.path("name").asText())) ((com.fasterxml.jackson.databind.node.ObjectNode) step).put("state", "done");
            });
            json.writeValue(runDir.resolve("state.json").toFile(), state);
            Files.writeString(runDir.resolve("kubeconfig"), kubeconfigText());

            var cluster = java.util.concurrent.CompletableFuture.runAsync(this::actAsTheCluster);
            Run resumed = railyard(dir, env, "-Duser.home=" + home, coderUrl, "resume", "p.yaml");
            cluster.get(5, TimeUnit.SECONDS);
            assertThat(resumed.code()).as(resumed.out() + resumed.err()).isZero();
            assertThat(resumed.out()).contains("[coder-owner]").contains("[coder-template]").contains("Coder: https://coder.example.com");
            assertThat(coder.hasFirstUser()).isTrue();
            assertThat(coder.templateCount()).isEqualTo(1);
            assertThat(coder.bodies).anyMatch(b -> b.contains(ownerCanary));
            assertThat(resumed.out() + resumed.err()).doesNotContain(ownerCanary).doesNotContain(dnsCanary);
            assertNowhere(runDir, ownerCanary);
            assertNowhere(runDir, dnsCanary);
            var solver = client.secrets().inNamespace("cert-manager").withName("cloudflare-solver").get();
            assertThat(solver).as("the DNS-01 token reached the cluster, filled in from the store").isNotNull();
        }
    }

    /** What k3s's Helm controller, cert-manager, the CloudNativePG operator and coderd's rollout would do. */
    private void actAsTheCluster() {
        try {
            for (String name : List.of("cert-manager", "cert-manager-webhook", "cert-manager-cainjector")) available("cert-manager", name);
            var certificates = new CustomResourceDefinitionContext.Builder().withGroup("cert-manager.io").withVersion("v1")
                    .withKind("Certificate").withPlural("certificates").withScope("Namespaced").build();
            var cnpg = new CustomResourceDefinitionContext.Builder().withGroup("postgresql.cnpg.io").withVersion("v1")
                    .withKind("Cluster").withPlural("clusters").withScope("Namespaced").build();
            GenericKubernetesResource cert = awaitOne(certificates, "coder");
            cert.setAdditionalProperty("status", Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True", "message", "ok"))));
            client.genericKubernetesResources(certificates).inNamespace("coder").resource(cert).updateStatus();
            available("cnpg-system", "cnpg-cloudnative-pg");
            GenericKubernetesResource db = awaitOne(cnpg, "coder");
            db.setAdditionalProperty("status", Map.of("phase", "Cluster in healthy state",
                    "conditions", List.of(Map.of("type", "Ready", "status", "True", "message", "Cluster is Ready"))));
            client.genericKubernetesResources(cnpg).inNamespace("coder").resource(db).updateStatus();
            available("coder", "coder");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private GenericKubernetesResource awaitOne(CustomResourceDefinitionContext kind, String namespace) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            var items = client.genericKubernetesResources(kind).inNamespace(namespace).list().getItems();
            if (!items.isEmpty()) return items.get(0);
            if (System.nanoTime() > deadline) throw new AssertionError("no " + kind.getKind() + " in " + namespace);
            Thread.sleep(200);
        }
    }

    private void available(String ns, String name) {
        var d = new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata().withNewSpec().withReplicas(1)
                .endSpec().withNewStatus().withAvailableReplicas(1).withUpdatedReplicas(1).withReadyReplicas(1).endStatus().build();
        client.apps().deployments().inNamespace(ns).resource(d).create();
        client.apps().deployments().inNamespace(ns).resource(d).updateStatus();
    }

    private String kubeconfigText() {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: http://127.0.0.1:%d
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    user: mock
                current-context: mock
                users:
                - name: mock
                  user:
                    token: mock-token
                """.formatted(server.getPort());
    }

    @Test
    void aCoderUrlOverrideThatIsNotHttpsNorLoopbackIsRefusedBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("p.yaml"), Examples.text(EXAMPLE));
        Run r = railyard(dir, vaultEnv(dir), "-D" + EndpointOverrides.CODER_URL_PROPERTY + "=http://coder.example.com", "provision", "p.yaml");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(RailyardCli.USAGE);
        assertThat(r.err()).contains("railyard.coder.url").contains("https://");
        assertThat(dir.resolve(".railyard")).doesNotExist();
        Run health = railyard(dir, vaultEnv(dir), "-D" + EndpointOverrides.CODER_URL_PROPERTY + "=ftp://127.0.0.1", "health", "--plan", "p.yaml");
        assertThat(health.code()).isEqualTo(RailyardCli.USAGE);
        assertThat(health.err()).contains("railyard.coder.url");
    }

    @Test
    void healthOfACoderClusterFromTheMockApiServerAndTheStandInCoderdReportsTheRyCoderCodes(@TempDir Path dir) throws Exception {
        server.expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup("postgresql.cnpg.io").withVersion("v1")
                .withKind("Cluster").withPlural("clusters").withScope("Namespaced").build());
        server.expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup("cert-manager.io").withVersion("v1")
                .withKind("Certificate").withPlural("certificates").withScope("Namespaced").build());
        server.expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup("acme.cert-manager.io").withVersion("v1")
                .withKind("Challenge").withPlural("challenges").withScope("Namespaced").build());
        client.resource(new DeploymentBuilder().withNewMetadata().withNamespace("coder").withName("coder").endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app.kubernetes.io/name", "coder").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app.kubernetes.io/name", "coder").endMetadata()
                .withNewSpec().addNewContainer().withName("coder").withImage("ghcr.io/coder/coder:v2.29.1").endContainer().endSpec()
                .endTemplate().endSpec().withNewStatus().withReplicas(1).withReadyReplicas(1).endStatus().build()).create();
        client.resource(new ServiceBuilder().withNewMetadata().withNamespace("kube-system").withName("traefik").endMetadata()
                .withNewSpec().withType("LoadBalancer").withClusterIP("10.43.50.1").addNewPort().withPort(443).endPort().endSpec()
                .withNewStatus().withNewLoadBalancer().addNewIngress().withIp(LB_IP).endIngress().endLoadBalancer().endStatus().build())
                .create();
        client.genericKubernetesResources(SnapshotGatherer.CNPG_CLUSTERS).resource(condition("postgresql.cnpg.io/v1", "Cluster", "coder-db",
                false, "Cluster is not Ready")).create();
        client.genericKubernetesResources(SnapshotGatherer.CERTIFICATES).resource(condition("cert-manager.io/v1", "Certificate", "coder-tls",
                true, "Certificate is up to date and has not expired")).create();
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: http://127.0.0.1:%d
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    user: mock
                current-context: mock
                users:
                - name: mock
                  user:
                    token: mock-token
                """.formatted(server.getPort()));
        // names resolve only from this file: the access URL and the wildcard point at Traefik's address
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 localhost\n" + LB_IP + " coder.example.com railyard-wildcard-check.coder.example.com\n");
        Map<String, String> env = vaultEnv(dir);
        String password = "owner-password-" + System.nanoTime();
        setSecrets(dir, env, Map.of("coder-admin", password));
        Files.writeString(dir.resolve("p.yaml"), Examples.text(EXAMPLE));

        try (StandInCoder coder = new StandInCoder()) {
            new CoderApi(HttpClient.newHttpClient(), coder.base(), Duration.ofSeconds(10)).createFirstUser("admin@example.com", "admin", password);
            coder.healthReport("""
                    {"severity":"error","coder_version":"v2.29.1",
                     "database":{"severity":"error","error":"EDB01: ping database: context deadline exceeded","warnings":[],"dismissed":false},
                     "provisioner_daemons":{"severity":"ok","warnings":[],"items":[{"provisioner_daemon":{"name":"built-in"}}]}}
                    """);
            Run r = railyard(dir, env, "-Djdk.net.hosts.file=" + hosts, "-D" + EndpointOverrides.CODER_URL_PROPERTY + "=" + coder.base(),
                    "health", "--plan", "p.yaml", "--kubeconfig", kubeconfig.toString(), "--json");
            assertThat(r.code()).as(r.out() + r.err()).isEqualTo(HealthCommand.ERRORS);
            var findings = new ObjectMapper().readTree(r.out()).path("findings");
            List<String> codes = new ArrayList<>();
            findings.forEach(f -> codes.add(f.path("code").asText()));
            assertThat(codes).as(r.out()).contains("RY-CODER-002", "RY-CODER-006")
                    .doesNotContain("RY-CODER-000", "RY-CODER-001", "RY-CODER-003", "RY-CODER-004", "RY-CODER-007");
            assertThat(r.out()).contains("EDB01");
            assertThat(coder.requests).anyMatch(q -> q.contains("/api/v2/debug/health"));
            assertThat(r.out() + r.err()).doesNotContain(password);
        }
    }

    private static GenericKubernetesResource condition(String apiVersion, String kind, String name, boolean ready, String message) {
        return new GenericKubernetesResourceBuilder().withApiVersion(apiVersion).withKind(kind)
                .withNewMetadata().withNamespace("coder").withName(name).endMetadata()
                .addToAdditionalProperties("status", Map.of("conditions",
                        List.of(Map.of("type", "Ready", "status", ready ? "True" : "False", "message", message)))).build();
    }

    private static Map<String, String> vaultEnv(Path dir) {
        return Map.of("RAILYARD_HOME", dir.resolve("home/.railyard").toString(), "RAILYARD_SECRET_STORE", "vault",
                "RAILYARD_VAULT_PASSPHRASE", "correct horse battery");
    }

    private static void setSecrets(Path dir, Map<String, String> env, Map<String, String> values) throws Exception {
        for (var e : new TreeMap<>(values).entrySet()) {
            ProcessBuilder pb = new ProcessBuilder(java(), "-jar", jar(), "secret", "set", e.getKey()).directory(dir.toFile());
            pb.environment().putAll(env);
            pb.environment().remove("DISPLAY");
            Process p = pb.redirectErrorStream(true).start();
            p.getOutputStream().write((e.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(said).isZero();
            assertThat(said).doesNotContain(e.getValue());
        }
    }

    private static Run railyard(Path cwd, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java()));
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty() && rest.get(0).startsWith("-D")) cmd.add(rest.remove(0)); // JVM options come first
        cmd.addAll(List.of("-jar", jar()));
        cmd.addAll(rest);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().putAll(new HashMap<>(env));
        pb.environment().remove("DISPLAY");
        Path out = Files.createTempFile("cli", ".out");
        Path err = Files.createTempFile("cli", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("railyard %s finished", List.of(args)).isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Every regular file under {@code root}, by path relative to it. */
    private static Map<String, byte[]> tree(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) files.put(root.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
        }
        return files;
    }

    private static void assertNowhere(Path root, String canary) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(canary);
            }
        }
    }

    private static void sshKey(Path home) throws Exception {
        Files.createDirectories(home.resolve(".ssh"));
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", home.resolve(".ssh/id_ed25519").toString())
                .redirectErrorStream(true).start();
        assertThat(keygen.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private static Path standInTerraform(Path dir) throws IOException {
        Path tf = Files.createDirectories(dir.resolve("bin")).resolve("terraform");
        try (var in = CoderCliIT.class.getResourceAsStream("/fake-terraform/terraform")) {
            Files.write(tf, in.readAllBytes());
        }
        Files.setPosixFilePermissions(tf, PosixFilePermissions.fromString("rwxr-xr-x"));
        return tf;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jar() {
        return System.getProperty("railyard.jar", "target/railyard.jar");
    }
}
