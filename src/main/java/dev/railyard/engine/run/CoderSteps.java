package dev.railyard.engine.run;

import dev.railyard.engine.coder.CoderApi;
import dev.railyard.engine.coder.CoderBootstrap;
import dev.railyard.engine.coder.CoderTransport;
import dev.railyard.engine.coder.TemplateArchive;
import dev.railyard.engine.plan.Coder;
import dev.railyard.engine.render.coder.CoderRenderer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The steps that install Coder once cert-manager is there: its namespace and secrets, PostgreSQL
 * (the CloudNativePG operator and one Cluster, or an outside server), Coder's HelmChart up to
 * {@code /healthz}, the first owner account and the workspace template. Kubernetes writes are
 * create-or-update and the Coder calls are idempotent (see {@link CoderBootstrap}), so every step can run
 * again and changes nothing that is already right. The paths are those {@link CoderRenderer} writes.
 */
public final class CoderSteps {

    static final String NAMESPACE = CoderRenderer.NAMESPACE;
    static final String DEPLOYMENT = CoderRenderer.DEPLOYMENT;
    static final String NAMESPACE_FILE = CoderRenderer.NAMESPACE_FILE;
    static final String SECRETS_DIR = "coder/secrets";
    static final String CERT_MANAGER_DIR = "coder/cert-manager";
    static final String POSTGRES_OPERATOR = CoderRenderer.POSTGRES_OPERATOR;
    static final String POSTGRES_CLUSTER = CoderRenderer.POSTGRES_CLUSTER;
    static final String HELM_CHART = CoderRenderer.HELM_CHART;
    static final String TEMPLATE_DIR = CoderRenderer.WORKSPACE_TEMPLATE_DIR;
    static final String TEMPLATE_NAME = CoderRenderer.TEMPLATE_NAME;
    static final String CNPG_NAMESPACE = CoderRenderer.CNPG_NAMESPACE;
    /** coderd's container port (the chart's {@code http} port). */
    static final int CODERD_PORT = 8080;

    /** How the steps reach coderd's API: a fixed URL, or a port-forward opened per step. */
    @FunctionalInterface
    public interface Endpoint {
        Session open(StepContext ctx) throws Exception;

        interface Session extends AutoCloseable {
            CoderApi api();

            @Override
            void close();
        }

        static Endpoint fixed(URI base) {
            return fixed(base, CoderTransport.over(HttpClient.newHttpClient()));
        }

        /** {@code base} reached through {@code transport} (HTTP, or the demo's simulated coderd). */
        static Endpoint fixed(URI base, CoderTransport transport) {
            return ctx -> new Session() {
                private final CoderApi api = new CoderApi(transport, base, Duration.ofSeconds(30));

                @Override
                public CoderApi api() {
                    return api;
                }

                @Override
                public void close() {}
            };
        }

        /** A port-forward to a running coderd pod over the Kubernetes API: works before DNS and the certificate do. */
        static Endpoint portForward(Supplier<KubernetesClient> client) {
            return portForward(client, CoderTransport.over(HttpClient.newHttpClient()));
        }

        /** As {@link #portForward(Supplier)}, the forwarded port reached through {@code transport}. */
        static Endpoint portForward(Supplier<KubernetesClient> client, CoderTransport transport) {
            return ctx -> {
                KubernetesClient k = client.get();
                Pod pod = k.pods().inNamespace(NAMESPACE).list().getItems().stream()
                        .filter(p -> p.getMetadata().getName().startsWith(DEPLOYMENT + "-") && p.getStatus() != null
                                && "Running".equals(p.getStatus().getPhase()))
                        .findFirst().orElseThrow(() -> new StepFailedException("no running coderd pod in namespace " + NAMESPACE
                                + " to reach its API; see `kubectl -n coder get pods`"));
                LocalPortForward forward = k.pods().inNamespace(NAMESPACE).withName(pod.getMetadata().getName()).portForward(CODERD_PORT);
                ctx.info("reaching coderd through a port-forward to pod " + pod.getMetadata().getName() + ":" + CODERD_PORT);
                CoderApi api = new CoderApi(transport, URI.create("http://127.0.0.1:" + forward.getLocalPort()),
                        Duration.ofSeconds(30));
                return new Session() {
                    @Override
                    public CoderApi api() {
                        return api;
                    }

                    @Override
                    public void close() {
                        try {
                            forward.close();
                        } catch (java.io.IOException e) {
                            ctx.warn("closing the port-forward: " + e.getMessage());
                        }
                    }
                };
            };
        }
    }

    private final Supplier<KubernetesClient> client;
    private final RunOptions options;
    private final RunSecrets secrets;
    private final Coder coder;
    private final Endpoint endpoint;
    private final Duration poll;

    public CoderSteps(Supplier<KubernetesClient> client, RunOptions options, RunSecrets secrets, Coder coder, Endpoint endpoint,
                      Duration poll) {
        this.client = client;
        this.options = options;
        this.secrets = secrets;
        this.coder = coder;
        this.endpoint = endpoint;
        this.poll = poll;
    }

    public Path certManagerDir() {
        return options.exportDir().resolve(CERT_MANAGER_DIR);
    }

    public Step secrets() {
        return new SimpleStep("coder-secrets", "Create Coder's namespace and secrets", ctx -> {
            KubernetesClient k = client.get();
            for (HasMetadata r : load(k, options.exportDir().resolve(NAMESPACE_FILE), true)) ClusterSteps.apply(ctx, k, r);
            for (Path file : ClusterSteps.yamlFiles(options.exportDir().resolve(SECRETS_DIR))) {
                for (HasMetadata r : load(k, file, true)) {
                    String ns = r.getMetadata().getNamespace() == null ? NAMESPACE : r.getMetadata().getNamespace();
                    r.getMetadata().setNamespace(ns);
                    ClusterSteps.ensureNamespace(ctx, k, ns);
                    ClusterSteps.apply(ctx, k, r);
                }
            }
        });
    }

    public Step database() {
        return new SimpleStep("coder-database", "PostgreSQL for Coder (CloudNativePG) and wait until it is Ready", ctx -> {
            if (!coder.database().isInCluster()) {
                Coder.External e = coder.database().external();
                ctx.info("outside PostgreSQL at " + (e == null ? "?" : e.host() + ":" + e.portOrDefault())
                        + ": nothing to install; coderd reads its connection URL from the secret made in coder-secrets");
                return;
            }
            KubernetesClient k = client.get();
            for (HasMetadata r : load(k, options.exportDir().resolve(POSTGRES_OPERATOR), false)) applyIfChanged(ctx, k, r);
            long deadline = deadline();
            String last = "";
            while (true) {
                List<Deployment> operator = k.apps().deployments().inNamespace(CNPG_NAMESPACE).list().getItems();
                boolean available = !operator.isEmpty() && operator.stream().allMatch(CoderSteps::available);
                String now = available ? "the CloudNativePG operator is available" : "waiting for the CloudNativePG operator in " + CNPG_NAMESPACE;
                last = say(ctx, last, now);
                if (available) break;
                waitOrGiveUp(ctx, deadline, "the CloudNativePG operator; see `kubectl -n kube-system logs job/helm-install-cloudnative-pg`");
            }
            // the operator's chart installs the Cluster CRD, so the Cluster can be applied only now
            List<HasMetadata> clusters = load(k, options.exportDir().resolve(POSTGRES_CLUSTER), false);
            for (HasMetadata r : clusters) applyIfChanged(ctx, k, r);
            for (HasMetadata cluster : clusters) {
                String ns = cluster.getMetadata().getNamespace() == null ? NAMESPACE : cluster.getMetadata().getNamespace();
                String name = cluster.getMetadata().getName();
                while (true) {
                    var live = k.genericKubernetesResources(cluster.getApiVersion(), cluster.getKind()).inNamespace(ns).withName(name).get();
                    String[] ready = ClusterSteps.readyCondition(live);
                    String now = "database cluster " + ns + "/" + name + ": " + (ready == null ? "no status yet"
                            : "Ready=" + ready[0] + (ready[1].isEmpty() ? "" : " (" + ready[1] + ")"));
                    last = say(ctx, last, now);
                    if (ready != null && "True".equals(ready[0])) break;
                    waitOrGiveUp(ctx, deadline, "the database (" + now + "); see `kubectl -n " + ns + " describe cluster " + name
                            + "` and whether its volume was bound (local-path)");
                }
            }
        });
    }

    public Step install() {
        return new SimpleStep("coder", "Install Coder (k3s Helm controller), wait for the rollout and /healthz", ctx -> {
            KubernetesClient k = client.get();
            for (HasMetadata r : load(k, options.exportDir().resolve(HELM_CHART), false)) applyIfChanged(ctx, k, r);
            long deadline = deadline();
            String last = "";
            while (true) {
                Deployment d = k.apps().deployments().inNamespace(NAMESPACE).withName(DEPLOYMENT).get();
                boolean rolledOut = d != null && available(d) && rolledOut(d);
                String now = d == null ? "waiting for deployment " + NAMESPACE + "/" + DEPLOYMENT
                        : "deployment " + NAMESPACE + "/" + DEPLOYMENT + ": " + count(d.getStatus() == null ? null : d.getStatus().getAvailableReplicas())
                        + " available, " + count(d.getStatus() == null ? null : d.getStatus().getUpdatedReplicas()) + " updated";
                last = say(ctx, last, now);
                if (rolledOut) break;
                waitOrGiveUp(ctx, deadline, "Coder's rollout (" + now + "); see `kubectl -n coder logs deploy/coder` (RY-CODER-001, RY-CODER-002)");
            }
            try (Endpoint.Session session = endpoint.open(ctx)) {
                while (true) {
                    boolean healthy;
                    String why = "";
                    try {
                        healthy = session.api().healthz();
                    } catch (java.io.IOException e) {
                        healthy = false;
                        why = ": " + e.getMessage();
                    }
                    last = say(ctx, last, healthy ? "coderd answers /healthz" : "coderd does not answer /healthz yet" + why);
                    if (healthy) return;
                    waitOrGiveUp(ctx, deadline, "coderd's /healthz");
                }
            }
        });
    }

    public Step owner() {
        return new SimpleStep("coder-owner", "Create Coder's first owner account", ctx -> {
            String password = password();
            try (Endpoint.Session session = endpoint.open(ctx)) {
                new CoderBootstrap(session.api(), progress(ctx), poll, 1).ensureFirstUser(coder.admin().email(), coder.admin().username(), password);
            }
        });
    }

    public Step template() {
        return new SimpleStep("coder-template", "Push the workspace template to Coder", ctx -> {
            String password = password();
            TemplateArchive archive = archive();
            try (Endpoint.Session session = endpoint.open(ctx)) {
                String token = session.api().login(coder.admin().email(), password);
                ctx.redactor().add(token);
                ctx.info("logged in as " + coder.admin().email());
                int polls = (int) Math.max(1, options.clusterWait().toMillis() / Math.max(1, poll.toMillis()));
                new CoderBootstrap(session.api(), progress(ctx), poll, polls).pushTemplate(token, TEMPLATE_NAME, "Kubernetes",
                        "A pod per workspace with a persistent home" + (coder.workspaces().usesEnvbox() ? " and Docker through envbox" : ""),
                        archive);
            }
        });
    }

    public Step summary(SshSteps.HostsSource hosts, Path kubeconfig) {
        return new SimpleStep("summary", "Coder's address and what to do next", ctx -> {
            String domain = coder.domain();
            Hosts h = hosts.hosts(ctx);
            ctx.info("Coder: https://" + domain);
            ctx.info("DNS records still to create (A records, at your DNS provider), if not done yet:");
            for (String name : new String[] {domain, "*." + domain}) ctx.info("  " + name + "  A  " + h.ingressAddress());
            ctx.info("Next: open https://" + domain + ", log in as " + coder.admin().email() + " (password: " + coder.admin().passwordRef()
                    + "), and create a workspace from the template '" + TEMPLATE_NAME + "'.");
            ctx.info("Workspaces are reached over Coder's own tunnel (`coder ssh`, `coder port-forward`): no SSH port on the load balancer.");
            ctx.info("kubeconfig: " + kubeconfig + " (`railyard kubeconfig PLAN --merge` adds it to ~/.kube/config)");
        });
    }

    private String password() throws StepFailedException {
        String ref = coder.admin().passwordRef();
        return secrets.value(ref).orElseThrow(() -> new StepFailedException("spec.coder.admin.passwordRef: no value for " + ref
                + " in the secret store; add it and run `railyard resume`"));
    }

    TemplateArchive archive() throws Exception {
        Path dir = options.exportDir().resolve(TEMPLATE_DIR);
        if (!Files.isDirectory(dir)) throw new StepFailedException("missing " + dir + ": export the plan again");
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.put(dir.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        if (files.isEmpty()) throw new StepFailedException("no files in " + dir + ": export the plan again");
        return new TemplateArchive(files);
    }

    private List<HasMetadata> load(KubernetesClient k, Path file, boolean fill) throws Exception {
        if (!Files.isReadable(file)) throw new StepFailedException("missing " + file + ": export the plan again");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (fill) {
            text = secrets.fillPlaceholders(text);
            var unfilled = RunSecrets.unfilledPlaceholder(text);
            if (unfilled.isPresent()) {
                throw new StepFailedException(file.getFileName() + " still holds " + unfilled.get()
                        + " and the secret store has no value for it; add the secret and run `railyard resume`");
            }
        }
        return new ArrayList<>(k.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).items());
    }

    /**
     * Leaves a custom resource whose spec is already the exported one alone: an update would restart the
     * Helm controller's install job for nothing, and a rerun must change nothing.
     */
    static void applyIfChanged(StepContext ctx, KubernetesClient k, HasMetadata resource) {
        if (resource instanceof io.fabric8.kubernetes.api.model.GenericKubernetesResource desired) {
            var live = k.genericKubernetesResources(desired.getApiVersion(), desired.getKind())
                    .inNamespace(desired.getMetadata().getNamespace()).withName(desired.getMetadata().getName()).get();
            if (live != null && java.util.Objects.equals(live.getAdditionalProperties().get("spec"), desired.getAdditionalProperties().get("spec"))) {
                ctx.info("unchanged " + desired.getKind() + " " + desired.getMetadata().getNamespace() + "/" + desired.getMetadata().getName());
                return;
            }
        }
        ClusterSteps.apply(ctx, k, resource);
    }

    private CoderBootstrap.Progress progress(StepContext ctx) {
        return new CoderBootstrap.Progress() {
            @Override
            public void info(String line) {
                ctx.info(line);
            }

            @Override
            public void sleep(Duration duration) {
                ctx.cancellation().sleep(duration.toMillis());
            }
        };
    }

    private static boolean available(Deployment d) {
        return d.getStatus() != null && d.getStatus().getAvailableReplicas() != null && d.getStatus().getAvailableReplicas() >= 1;
    }

    /** Every replica runs the current template: no old pod left from a previous chart version. */
    private static boolean rolledOut(Deployment d) {
        int want = d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        Integer updated = d.getStatus().getUpdatedReplicas();
        return updated == null || updated >= want;
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }

    private static String say(StepContext ctx, String last, String now) {
        if (!now.equals(last)) ctx.info(now);
        return now;
    }

    private long deadline() {
        return System.nanoTime() + options.clusterWait().toNanos();
    }

    private void waitOrGiveUp(StepContext ctx, long deadline, String what) throws StepFailedException {
        if (System.nanoTime() > deadline) {
            throw new StepFailedException("gave up after " + options.clusterWait().toSeconds() + " s waiting for " + what);
        }
        ctx.cancellation().sleep(poll.toMillis());
    }
}
