package dev.railyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.cli.RailyardProcess.Run;
import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.cluster.SnapshotGatherer;
import dev.railyard.engine.cluster.checks.CoderCheck;
import dev.railyard.engine.coder.CoderApi;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.project.AppDirs;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.Generator;
import dev.railyard.engine.run.EndpointOverrides;
import dev.railyard.engine.run.ServerHostKeys;
import dev.railyard.engine.secrets.VaultSecretStore;
import dev.railyard.engine.ssh.HostKeys;
import dev.railyard.testsupport.OpenSshServer;
import dev.railyard.testsupport.StandInCoder;
import dev.railyard.testsupport.StandInCoderCluster;
import dev.railyard.testsupport.StandInK3sManager;
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
 *   <li>provision, then health: one real {@code railyard provision} from preflight to summary, with nothing edited in
 *       its run folder, through the stand-in terraform (a bash script speaking Terraform's -json lines,
 *       {@code src/test/resources/fake-terraform}; it also prints the TF_VAR_ secrets to stderr like a chatty
 *       provider), a real OpenSSH server on 127.0.0.1 holding the host key Railyard generated for the manager, stand-in
 *       {@code cloud-init}, k3s kubeconfig and {@code sudo} on that server's PATH, the fabric8 mock API server for
 *       the cluster and the stand-in coderd; then {@code railyard health} on the kubeconfig the run fetched. No
 *       canary in the output, run.log or any file but the 0600 ones.</li>
 *   <li>health alone: the real CLI against the fabric8 mock API server (127.0.0.1, reached from the child through a
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

    @Test
    void generateTwiceIsByteIdenticalAndSecretsAreOnlyInOwnerOnlyFiles(@TempDir Path dir) throws Exception {
        Map<String, String> env = vaultEnv(dir);
        String tokenCanary = "canary-hcloud-" + System.nanoTime();
        String dnsCanary = "canary-cloudflare-" + System.nanoTime();
        String ownerCanary = "canary-coder-owner-" + System.nanoTime();
        setSecrets(dir, env, Map.of("hcloud", tokenCanary, "cf", dnsCanary, "coder-admin", ownerCanary));
        Files.writeString(dir.resolve("p.yaml"), Examples.text(EXAMPLE));

        Run first = RailyardProcess.run(dir, env, "generate", "p.yaml", "-o", "first");
        assertThat(first.code()).as(first.err()).isZero();
        Run again = RailyardProcess.run(dir, env, "generate", "p.yaml", "-o", "first");
        assertThat(again.code()).as(again.err()).isZero();
        Run second = RailyardProcess.run(dir, env, "generate", "p.yaml", "-o", "second");
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

        Run withSecrets = RailyardProcess.run(dir, env, "generate", "p.yaml", "-o", "with-secrets", "--include-secrets");
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

    /**
     * One {@code railyard provision} from preflight to summary, then {@code railyard health} on the kubeconfig it
     * fetched. Nothing in the run folder is edited between them. What stands in for what:
     * <ul>
     *   <li>the cloud: the stand-in terraform, which reports one manager at 127.0.0.1 with {@code ssh_port} set to a free
     *       port, the way the generated outputs.tf reports the plan's SSH port (2244 here) on a real server;</li>
     *   <li>the manager: a real OpenSSH server on that port whose only host key is the one Railyard generated for
     *       {@code acme-coder-manager-1} and kept in the vault (read back from the vault by this test, as cloud-init
     *       would have written it from {@code TF_VAR_ssh_host_keys}), so wait-for-ssh verifies it against the
     *       known_hosts Railyard pinned, with no trust on first use;</li>
     *   <li>on the manager's PATH, each a stand-in: {@code cloud-init}, {@code cat} for k3s's kubeconfig (at the fabric8
     *       mock API server, with a canary token) and {@code sudo}; {@link StandInK3sManager} says what each does and why a
     *       stand-in {@code cat} (the tests run as root);</li>
     *   <li>k3s, cert-manager, the CloudNativePG operator and coderd's rollout: {@link StandInCoderCluster} on the fabric8
     *       mock API server; coderd's API: {@link StandInCoder} on 127.0.0.1.</li>
     * </ul>
     * The plan has one node besides the manager; the stand-in terraform reports no node address (two servers cannot
     * share 127.0.0.1 and one port with different host keys), so SSH reaches only the manager, while the mock API
     * server lists both nodes Ready.
     */
    @Test
    void provisionRunsFromPreflightToSummaryThroughTheStandInsThenHealthReadsTheCoderFindings(@TempDir Path dir) throws Exception {
        StandInCoderCluster.expectCustomResources(server);
        Path home = Files.createDirectories(dir.resolve("home"));
        Map<String, String> env = vaultEnv(dir);
        String tokenCanary = "canary-hcloud-" + System.nanoTime();
        String dnsCanary = "canary-cloudflare-" + System.nanoTime();
        String ownerCanary = "canary-owner-" + System.nanoTime();
        String kubeCanary = "canary-k3s-token-" + System.nanoTime();
        // the user's vault as `railyard secret set` leaves it (that command's own test is above); one key derivation, not three JVMs
        VaultSecretStore userVault = vault(dir, env);
        for (var e : new TreeMap<>(Map.of("hcloud", tokenCanary, "cf", dnsCanary, "coder-admin", ownerCanary)).entrySet()) {
            userVault.put(e.getKey(), e.getValue());
        }
        RailyardProcess.sshKey(home);
        Files.writeString(dir.resolve("p.yaml"), Examples.text(EXAMPLE));
        Path tf = RailyardProcess.standInTerraform(dir);
        int sshPort = OpenSshServer.freePort();
        // the servers k3s registered once cloud-init started it, CoreDNS and Traefik on the nodes' address
        StandInCoderCluster.registerK3s(client, "acme-coder", "127.0.0.1");
        var plan = Examples.load(new PlanFormat(), EXAMPLE);
        String hostKeyName = ServerHostKeys.storeName(plan, "acme-coder-manager-1");

        Path runDir = dir.resolve(".railyard/runs/acme-coder/provision");
        Path out = dir.resolve("provision.out");
        String said;
        StandInK3sManager manager = null;
        try (StandInCoder coder = new StandInCoder()) {
            coder.healthReport(StandInCoder.HEALTH_DERP_OVER_WEBSOCKETS);
            String coderUrl = "-D" + EndpointOverrides.CODER_URL_PROPERTY + "=" + coder.base();
            // --regenerate: the export is written by the same process, then provisioned
            ProcessBuilder pb = new ProcessBuilder(RailyardProcess.java(), "-Duser.home=" + home, coderUrl, "-jar", RailyardProcess.jar(), "provision", "p.yaml",
                    "--regenerate", "--terraform", tf.toString()).directory(dir.toFile());
            pb.environment().putAll(env);
            pb.environment().remove("DISPLAY");
            // read by the stand-in terraform: apply finishes at once, prints the TF_VAR_ values (the Hetzner token, the host keys)
            // to stderr like a chatty provider, and reports the manager's SSH port and login like outputs.tf
            pb.environment().putAll(Map.of("FAKE_TF_DELAY", "0", "FAKE_TF_LEAK", "1", "FAKE_TF_SSH_PORT", Integer.toString(sshPort),
                    "FAKE_TF_SSH_USER", System.getProperty("user.name")));
            Process provision = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
            try {
                // Railyard makes the host keys before its first step; the "server" gets the manager's, as cloud-init would
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!Files.readString(out).contains("[preflight]")) {
                    assertThat(provision.isAlive()).as(Files.readString(out)).isTrue();
                    assertThat(System.nanoTime()).as("preflight started: " + Files.readString(out)).isLessThan(deadline);
                    Thread.sleep(100);
                }
                String pem = vault(dir, env).get(hostKeyName).orElseThrow(() -> new AssertionError("no " + hostKeyName + " in the vault"));
                HostKeys hostKey = HostKeys.fromPrivateKey(pem, "acme-coder-manager-1");
                manager = StandInK3sManager.start(dir.resolve("sshd"), hostKey, sshPort, home.resolve(".ssh/id_ed25519.pub"), server.getPort(),
                        kubeCanary);
                var cluster = java.util.concurrent.CompletableFuture.runAsync(() -> StandInCoderCluster.actAsControllers(client));

                assertThat(provision.waitFor(150, TimeUnit.SECONDS)).as("provision finished: " + Files.readString(out)).isTrue();
                said = Files.readString(out);
                assertThat(provision.exitValue()).as(said + manager.log()).isZero();
                cluster.get(5, TimeUnit.SECONDS);
                assertThat(Files.readString(runDir.resolve("known_hosts"))).as("pinned before the first connection")
                        .contains("[127.0.0.1]:" + sshPort + " " + hostKey.publicKeyLine().split(" ")[0] + " " + hostKey.publicKeyLine().split(" ")[1]);
                assertThat(manager.log()).contains("Accepted publickey for " + System.getProperty("user.name"));
                assertNowhereButOwnerOnly(dir, pem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow(), manager.dir());
            } finally {
                provision.destroyForcibly();
                if (manager != null) manager.close();
            }
            assertThat(coder.hasFirstUser()).isTrue();
            assertThat(coder.templateCount()).isEqualTo(1);
            assertThat(coder.bodies).anyMatch(b -> b.contains(ownerCanary));

            var state = new ObjectMapper().readTree(runDir.resolve("state.json").toFile());
            Map<String, String> states = new LinkedHashMap<>();
            state.path("steps").forEach(s -> states.put(s.path("name").asText(), s.path("state").asText()));
            assertThat(List.copyOf(states.keySet())).doesNotContain("images", "gitpod-secrets", "gitpod-installer")
                    .containsExactly("preflight", "terraform-init", "terraform-plan", "terraform-apply", "wait-for-ssh", "cloud-init", "kubeconfig",
                            "nodes-ready", "coder-secrets", "cert-manager", "certificate", "coder-database", "coder", "coder-owner", "coder-template",
                            "summary");
            assertThat(states.values()).as(states.toString()).containsOnly("done");
            List<GeneratedFile> engine = Generator.standard(Catalog.bundled()).generate(plan, Optional.empty());
            for (GeneratedFile f : engine) {
                assertThat(Files.readString(dir.resolve("generated").resolve(f.path()))).as("exported " + f.path()).isEqualTo(f.content());
            }
            assertThat(said).contains("[terraform-apply]").contains("Apply complete")
                    .contains("answers on SSH, host key verified").contains("status: done").contains("2 of 2 nodes Ready")
                    .contains("[coder-owner]").contains("[coder-template]").contains("Coder: https://coder.example.com");
            // the kubeconfig the SSH step fetched: k3s's names replaced by the cluster's, the stand-in's token only in this 0600 file
            String kubeconfig = Files.readString(runDir.resolve("kubeconfig"));
            assertThat(kubeconfig).contains("current-context: \"acme-coder\"").contains("http://127.0.0.1:" + server.getPort()).contains(kubeCanary);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(runDir.resolve("kubeconfig")))).isEqualTo("rw-------");
            String log = Files.readString(runDir.resolve("run.log"));
            for (String canary : List.of(tokenCanary, dnsCanary, ownerCanary, kubeCanary)) {
                assertThat(said).as(canary).doesNotContain(canary);
                assertThat(log).as(canary).doesNotContain(canary);
            }
            for (String canary : List.of(tokenCanary, dnsCanary, ownerCanary)) assertNowhere(runDir, canary);
            assertNowhereButOwnerOnly(dir, kubeCanary, manager.dir());
            assertNowhere(dir.resolve("generated"), tokenCanary);
            assertNowhere(dir.resolve("generated"), ownerCanary);
            assertThat(client.secrets().inNamespace("cert-manager").withName("cloudflare-solver").get())
                    .as("the DNS-01 token reached the cluster, filled in from the store").isNotNull();

            // health on what provision left: the kubeconfig it fetched, names resolved only from a hosts file
            Path hosts = dir.resolve("hosts");
            Files.writeString(hosts, "127.0.0.1 localhost coder.example.com " + CoderCheck.WILDCARD_PROBE + ".coder.example.com\n");
            Run health = RailyardProcess.run(dir, env, "-Djdk.net.hosts.file=" + hosts, coderUrl, "health", "--plan", "p.yaml",
                    "--kubeconfig", runDir.resolve("kubeconfig").toString(), "--json");
            var findings = new ObjectMapper().readTree(health.out()).path("findings");
            Map<String, String> bySeverity = new TreeMap<>();
            findings.forEach(f -> bySeverity.put(f.path("code").asText(), f.path("severity").asText()));
            // what provision set up is healthy; the one finding is the warning coderd's own report gives
            assertThat(bySeverity).as(health.out() + health.err()).containsExactly(Map.entry("RY-CODER-006", "warning"));
            assertThat(health.code()).as(health.err()).isEqualTo(HealthCommand.WARNINGS);
            assertThat(health.out()).contains("EDERP01");
            assertThat(coder.requests).anyMatch(q -> q.contains("/api/v2/debug/health"));
            assertThat(health.out() + health.err()).doesNotContain(ownerCanary).doesNotContain(kubeCanary);
        }
    }

    /** The vault the CLI writes, opened with the same passphrase. */
    private static VaultSecretStore vault(Path dir, Map<String, String> env) {
        Path file = AppDirs.resolve(System.getProperty("os.name"), env, dir.resolve("home")).vault();
        return new VaultSecretStore(file, () -> env.get("RAILYARD_VAULT_PASSPHRASE").toCharArray());
    }

    /** {@code secret} is only in owner-only (0600) files under {@code root}, apart from the stand-in server's own folder. */
    private static void assertNowhereButOwnerOnly(Path root, String secret, Path standIn) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(standIn)).toList()) {
                if (Files.readString(f, StandardCharsets.ISO_8859_1).contains(secret)) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f + " holds a secret").isEqualTo("rw-------");
                }
            }
        }
    }

    @Test
    void aCoderUrlOverrideThatIsNotHttpsNorLoopbackIsRefusedBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("p.yaml"), Examples.text(EXAMPLE));
        Run r = RailyardProcess.run(dir, vaultEnv(dir), "-D" + EndpointOverrides.CODER_URL_PROPERTY + "=http://coder.example.com", "provision", "p.yaml");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(RailyardCli.USAGE);
        assertThat(r.err()).contains("railyard.coder.url").contains("https://");
        assertThat(dir.resolve(".railyard")).doesNotExist();
        Run health = RailyardProcess.run(dir, vaultEnv(dir), "-D" + EndpointOverrides.CODER_URL_PROPERTY + "=ftp://127.0.0.1", "health", "--plan", "p.yaml");
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
            Run r = RailyardProcess.run(dir, env, "-Djdk.net.hosts.file=" + hosts, "-D" + EndpointOverrides.CODER_URL_PROPERTY + "=" + coder.base(),
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
        for (var e : new TreeMap<>(values).entrySet()) RailyardProcess.setSecret(dir, env, e.getKey(), e.getValue());
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
}
