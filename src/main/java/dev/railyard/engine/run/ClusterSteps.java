package dev.railyard.engine.run;

import dev.railyard.engine.ssh.HostKeys;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The steps that talk to the new cluster's API with fabric8: nodes Ready, Gitpod's namespace and
 * secrets, cert-manager through k3s's Helm controller, the certificate, and the Gitpod installer Job.
 * Every write is create-or-update, so running a step again changes nothing that is already right.
 */
public final class ClusterSteps {

    public static final String GITPOD = "gitpod";
    static final String CERT_MANAGER = "cert-manager";
    static final List<String> CERT_MANAGER_DEPLOYMENTS = List.of("cert-manager", "cert-manager-webhook", "cert-manager-cainjector");
    static final String SSH_GATEWAY_HOST_KEY = "ssh-gateway-host-key";

    private final Supplier<KubernetesClient> client;
    private final RunOptions options;
    private final RunSecrets secrets;
    private final Duration poll;

    public ClusterSteps(Supplier<KubernetesClient> client, RunOptions options, RunSecrets secrets, Duration poll) {
        this.client = client;
        this.options = options;
        this.secrets = secrets;
        this.poll = poll;
    }

    public Step nodesReady(int expected) {
        return new SimpleStep("nodes-ready", "Wait for every node to be Ready", ctx -> {
            KubernetesClient k = client.get();
            String last = "";
            long deadline = System.nanoTime() + options.clusterWait().toNanos();
            while (true) {
                List<Node> nodes = k.nodes().list().getItems();
                long ready = nodes.stream().filter(ClusterSteps::isReady).count();
                String now = ready + " of " + expected + " nodes Ready" + (nodes.size() > expected ? " (" + nodes.size() + " registered)" : "");
                if (!now.equals(last)) ctx.info(now);
                last = now;
                if (ready >= expected) return;
                waitOrGiveUp(ctx, deadline, "nodes to become Ready (" + now + "); check `journalctl -u k3s` on the managers");
            }
        });
    }

    public Step gitpodSecrets() {
        return new SimpleStep("gitpod-secrets", "Create Gitpod's namespace and secrets", ctx -> {
            KubernetesClient k = client.get();
            ensureNamespace(ctx, k, GITPOD);
            for (Path file : yamlFiles(options.exportDir().resolve("gitpod").resolve("secrets"))) {
                String text = secrets.fillPlaceholders(Files.readString(file, StandardCharsets.UTF_8));
                var unfilled = RunSecrets.unfilledPlaceholder(text);
                if (unfilled.isPresent()) {
                    throw new StepFailedException(file.getFileName() + " still holds " + unfilled.get()
                            + " and the secret store has no value for it; add the secret and run `railyard resume`");
                }
                for (HasMetadata item : k.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).items()) {
                    if (!(item instanceof Secret secret)) continue;
                    String ns = secret.getMetadata().getNamespace() == null ? GITPOD : secret.getMetadata().getNamespace();
                    ensureNamespace(ctx, k, ns);
                    upsertSecret(ctx, k, ns, secret);
                }
            }
            if (k.secrets().inNamespace(GITPOD).withName(SSH_GATEWAY_HOST_KEY).get() == null) {
                HostKeys key = HostKeys.generateEd25519("gitpod-ssh-gateway");
                ctx.redactor().add(key.privateKeyPem());
                k.secrets().inNamespace(GITPOD).resource(new SecretBuilder().withNewMetadata().withName(SSH_GATEWAY_HOST_KEY)
                        .withNamespace(GITPOD).endMetadata().withType("Opaque").withStringData(Map.of("host-key", key.privateKeyPem()))
                        .build()).create();
                ctx.info("created secret gitpod/" + SSH_GATEWAY_HOST_KEY + " (a new Ed25519 key, " + key.fingerprint() + ")");
            } else {
                ctx.info("secret gitpod/" + SSH_GATEWAY_HOST_KEY + " exists; kept, so workspace SSH clients keep trusting it");
            }
        });
    }

    public Step certManager() {
        return certManager(options.exportDir().resolve("gitpod").resolve("cert-manager"));
    }

    /** cert-manager from the HelmChart in {@code dir} (gitpod/cert-manager or coder/cert-manager of the export). */
    public Step certManager(Path dir) {
        return new SimpleStep("cert-manager", "Install cert-manager (k3s Helm controller) and wait for it", ctx -> {
            KubernetesClient k = client.get();
            List<HasMetadata> all = certManagerResources(k, dir);
            List<HasMetadata> charts = all.stream().filter(r -> "HelmChart".equals(r.getKind())).toList();
            if (charts.isEmpty()) throw new StepFailedException("no HelmChart in " + dir);
            for (HasMetadata chart : charts) apply(ctx, k, chart);
            long deadline = System.nanoTime() + options.clusterWait().toNanos();
            String last = "";
            while (true) {
                List<String> waiting = new ArrayList<>();
                for (String name : CERT_MANAGER_DEPLOYMENTS) {
                    Deployment d = k.apps().deployments().inNamespace(CERT_MANAGER).withName(name).get();
                    if (d == null || d.getStatus() == null || d.getStatus().getAvailableReplicas() == null
                            || d.getStatus().getAvailableReplicas() < 1) waiting.add(name);
                }
                String now = waiting.isEmpty() ? "cert-manager is available" : "waiting for " + String.join(", ", waiting);
                if (!now.equals(last)) ctx.info(now);
                last = now;
                if (waiting.isEmpty()) return;
                waitOrGiveUp(ctx, deadline, "cert-manager (" + now + "); see `kubectl -n kube-system logs job/helm-install-cert-manager`");
            }
        });
    }

    public Step certificate() {
        return certificate(options.exportDir().resolve("gitpod").resolve("cert-manager"), GITPOD);
    }

    /** The ClusterIssuer and Certificate in {@code dir}; a Certificate without a namespace is in {@code namespace}. */
    public Step certificate(Path dir, String namespace) {
        return new SimpleStep("certificate", "ClusterIssuer and wildcard certificate", ctx -> {
            KubernetesClient k = client.get();
            List<HasMetadata> rest = certManagerResources(k, dir).stream().filter(r -> !"HelmChart".equals(r.getKind())).toList();
            GenericKubernetesResource certificate = null;
            for (HasMetadata r : rest) {
                apply(ctx, k, r);
                if ("Certificate".equals(r.getKind()) && r instanceof GenericKubernetesResource g) certificate = g;
            }
            if (certificate == null) {
                ctx.info("no Certificate in the export (TLS uploaded): nothing to wait for");
                return;
            }
            String ns = Objects.requireNonNullElse(certificate.getMetadata().getNamespace(), namespace);
            String name = certificate.getMetadata().getName();
            long deadline = System.nanoTime() + options.clusterWait().toNanos();
            String last = "";
            while (true) {
                GenericKubernetesResource live = k.genericKubernetesResources(certificate.getApiVersion(), certificate.getKind())
                        .inNamespace(ns).withName(name).get();
                String[] ready = readyCondition(live);
                String now = ready == null ? "certificate " + name + ": no status yet" : "certificate " + name + ": Ready=" + ready[0]
                        + (ready[1].isEmpty() ? "" : " (" + ready[1] + ")");
                if (!now.equals(last)) ctx.info(now);
                last = now;
                if (ready != null && "True".equals(ready[0])) return;
                waitOrGiveUp(ctx, deadline, "the certificate (" + now + "); DNS01 needs the Cloudflare token to edit the"
                        + " zone; see `kubectl -n " + ns + " describe certificate " + name + "`");
            }
        });
    }

    /**
     * Runs the installer Job and waits for Gitpod's components; with {@code inClusterDatabase}, also
     * replaces the published encryption key the installer puts into its Secret {@code mysql}.
     */
    public Step gitpodInstaller(String installerImage, boolean inClusterDatabase) {
        return new SimpleStep("gitpod-installer", "Run the Gitpod installer in the cluster and wait", ctx -> {
            KubernetesClient k = client.get();
            Path config = options.exportDir().resolve("gitpod").resolve("config.yaml");
            if (!Files.isReadable(config)) throw new StepFailedException("missing " + config + ": export the plan again");
            InstallerJob job = new InstallerJob(installerImage, options.kubectlImage());
            for (HasMetadata r : job.resources(Files.readString(config, StandardCharsets.UTF_8))) {
                if (r instanceof io.fabric8.kubernetes.api.model.batch.v1.Job) {
                    // a Job's template cannot change: a rerun replaces the old one
                    k.batch().v1().jobs().inNamespace(GITPOD).withName(InstallerJob.NAME).withGracePeriod(0).delete();
                    k.batch().v1().jobs().inNamespace(GITPOD).withName(InstallerJob.NAME)
                            .waitUntilCondition(Objects::isNull, 30, java.util.concurrent.TimeUnit.SECONDS);
                }
                apply(ctx, k, r);
            }
            long deadline = System.nanoTime() + options.clusterWait().toNanos();
            String last = "";
            while (true) {
                var live = k.batch().v1().jobs().inNamespace(GITPOD).withName(InstallerJob.NAME).get();
                var status = live == null ? null : live.getStatus();
                int succeeded = status == null || status.getSucceeded() == null ? 0 : status.getSucceeded();
                int failed = status == null || status.getFailed() == null ? 0 : status.getFailed();
                String now = "installer job: " + succeeded + " succeeded, " + failed + " failed";
                if (!now.equals(last)) ctx.info(now);
                last = now;
                if (succeeded > 0) break;
                if (failed > InstallerJob.BACKOFF_LIMIT) {
                    throw new StepFailedException("the Gitpod installer job failed " + failed + " times; see `kubectl -n gitpod logs job/"
                            + InstallerJob.NAME + " --all-containers`; if the image cannot be pulled, set another installer image ("
                            + installerImage + " now)");
                }
                waitOrGiveUp(ctx, deadline, "the Gitpod installer job (" + now + ")");
            }
            if (inClusterDatabase) InstallerEncryptionKey.replace(ctx, k, ctx.now());
            waitForDeployments(ctx, k, deadline);
        });
    }

    private void waitForDeployments(StepContext ctx, KubernetesClient k, long deadline) throws Exception {
        String last = "";
        while (true) {
            List<Deployment> deployments = k.apps().deployments().inNamespace(GITPOD).list().getItems();
            List<String> waiting = deployments.stream().filter(d -> d.getStatus() == null || d.getStatus().getAvailableReplicas() == null
                    || d.getStatus().getAvailableReplicas() < 1).map(d -> d.getMetadata().getName()).sorted().toList();
            String now = deployments.isEmpty() ? "no Gitpod deployments yet"
                    : (deployments.size() - waiting.size()) + " of " + deployments.size() + " Gitpod deployments available"
                    + (waiting.isEmpty() ? "" : "; waiting for " + String.join(", ", waiting));
            if (!now.equals(last)) ctx.info(now);
            last = now;
            if (!deployments.isEmpty() && waiting.isEmpty()) return;
            waitOrGiveUp(ctx, deadline, "Gitpod's components (" + now + ")");
        }
    }

    void waitOrGiveUp(StepContext ctx, long deadline, String what) throws StepFailedException {
        if (System.nanoTime() > deadline) {
            throw new StepFailedException("gave up after " + options.clusterWait().toSeconds() + " s waiting for " + what);
        }
        ctx.cancellation().sleep(poll.toMillis());
    }

    private List<HasMetadata> certManagerResources(KubernetesClient k, Path dir) throws Exception {
        List<HasMetadata> all = new ArrayList<>();
        for (Path file : yamlFiles(dir)) {
            String text = secrets.fillPlaceholders(Files.readString(file, StandardCharsets.UTF_8));
            all.addAll(k.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).items());
        }
        return all;
    }

    static void apply(StepContext ctx, KubernetesClient k, HasMetadata resource) {
        String what = resource.getKind() + " " + (resource.getMetadata().getNamespace() == null ? "" : resource.getMetadata().getNamespace() + "/")
                + resource.getMetadata().getName();
        try {
            boolean existed = k.resource(resource).get() != null;
            k.resource(resource).createOr(op -> op.update());
            ctx.info((existed ? "updated " : "created ") + what);
        } catch (KubernetesClientException e) {
            throw new KubernetesClientException("cannot apply " + what + ": " + e.getStatus().getMessage()
                    + " (HTTP " + e.getCode() + ")", e);
        }
    }

    private static void upsertSecret(StepContext ctx, KubernetesClient k, String ns, Secret secret) {
        String name = secret.getMetadata().getName();
        try {
            Secret existing = k.secrets().inNamespace(ns).withName(name).get();
            if (existing == null) {
                k.secrets().inNamespace(ns).resource(secret).create();
                ctx.info("created secret " + ns + "/" + name);
            } else {
                // replace the data whole: a key removed from the plan must not linger in the cluster
                k.secrets().inNamespace(ns).withName(name).edit(s -> new SecretBuilder(s).withData(secret.getData())
                        .withStringData(secret.getStringData()).withType(secret.getType() == null ? s.getType() : secret.getType()).build());
                ctx.info("updated secret " + ns + "/" + name);
            }
        } catch (KubernetesClientException e) {
            throw new KubernetesClientException("cannot write secret " + ns + "/" + name + ": "
                    + (e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage()) + " (HTTP " + e.getCode() + ")", e);
        }
    }

    static void ensureNamespace(StepContext ctx, KubernetesClient k, String name) {
        if (k.namespaces().withName(name).get() == null) {
            k.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
            ctx.info("created namespace " + name);
        }
    }

    static boolean isReady(Node node) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) return false;
        for (NodeCondition c : node.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) return "True".equals(c.getStatus());
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    static String[] readyCondition(GenericKubernetesResource r) {
        if (r == null || !(r.getAdditionalProperties().get("status") instanceof Map<?, ?> status)) return null;
        if (!(status.get("conditions") instanceof List<?> conditions)) return null;
        for (Object o : conditions) {
            Map<String, Object> c = (Map<String, Object>) o;
            if ("Ready".equals(c.get("type"))) return new String[] {String.valueOf(c.get("status")), String.valueOf(c.getOrDefault("message", ""))};
        }
        return null;
    }

    static List<Path> yamlFiles(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        }
    }
}
