package dev.railyard.engine.run;

import dev.railyard.engine.images.GitpodImages;
import dev.railyard.engine.images.ImageRegistry;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Gitpod;
import dev.railyard.engine.plan.Platform;
import dev.railyard.engine.secrets.SecretResolver;
import dev.railyard.engine.secrets.SecretStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Builds the provisioning and destroy pipelines of a plan over its exported folder: the composition
 * the CLI and the run screen share. Close the returned {@link Run} to flush the logs and release the
 * Kubernetes client.
 */
public final class Provisioning {

    /** The admin user of the cloud images Railyard's Terraform creates (Hetzner: root; Azure: the VM's admin user). */
    public static String cloudUser(ClusterPlan plan) {
        return plan.spec().provider().isAzure() ? "railyard" : "root";
    }

    /** A pipeline ready to run, with its log and what it holds open. */
    public record Run(Pipeline pipeline, RunLog log, RunSecrets secrets, AutoCloseable resources) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            try {
                resources.close();
            } finally {
                log.close();
            }
        }
    }

    private final ClusterPlan plan;
    private final RunOptions options;
    private final SecretResolver resolver;
    private final SecretStore store;
    private final Map<String, String> environment;
    private final Clock clock;
    private final OutsideWorld world;

    public Provisioning(ClusterPlan plan, RunOptions options, SecretResolver resolver, SecretStore store,
                        Map<String, String> environment, Clock clock) {
        this(plan, options, resolver, store, environment, clock, OutsideWorld.REAL);
    }

    /** {@code world}: what the steps reach outside Railyard; {@link OutsideWorld#REAL} but in the demo. */
    public Provisioning(ClusterPlan plan, RunOptions options, SecretResolver resolver, SecretStore store,
                        Map<String, String> environment, Clock clock, OutsideWorld world) {
        this.world = world;
        this.plan = plan;
        this.options = options;
        this.resolver = resolver;
        this.store = store;
        this.environment = Map.copyOf(environment);
        this.clock = clock;
    }

    public Run provision() throws IOException {
        RunSecrets secrets = RunSecrets.resolve(plan, resolver, store, true);
        RunLog log = new RunLog(options.runDir(), new Redactor(secrets.allValues()), clock, world.logLabel());
        Path privateKey = privateKey();
        boolean cloud = plan.spec().provider().isCloud();
        PreflightStep preflight = new PreflightStep(plan, options, secrets, privateKey, cloud, environment.get("PATH"), world.terraform());
        Supplier<Terraform> terraform = () -> new Terraform(preflight.terraform(), options.exportDir().resolve("terraform"),
                secrets.terraformVariables());
        SshSteps.HostsSource hosts = cloud ? cachedHosts(ctx -> terraformHosts(ctx, terraform.get()))
                : ctx -> Hosts.existing(plan, dev.railyard.engine.ssh.SshConfigFile.read(options.home().resolve(".ssh/config"), options.home()));
        Map<String, String> expectedHostKeys = new LinkedHashMap<>();
        secrets.hostKeys().byServer().forEach((server, keys) -> expectedHostKeys.put(server, keys.publicKeyLine()));
        SshSteps ssh = new SshSteps(plan.name(), hosts, world.ssh(options.sshTimeout()), new KnownHosts(options.knownHostsFile()),
                privateKey, options, expectedHostKeys);
        KubeClient kube = new KubeClient(options.kubeconfigFile(), world);
        ClusterSteps cluster = new ClusterSteps(kube, options, secrets, world.poll());

        List<Step> steps = new ArrayList<>();
        boolean gitpod = plan.spec().platform() == Platform.GITPOD;
        steps.add(preflight);
        // Gitpod 2022.11's images may be gone and never ran on arm64: both are checked before anything is spent
        if (gitpod) steps.add(imagePreflight());
        if (cloud) {
            steps.add(TerraformSteps.init(terraform));
            steps.add(TerraformSteps.plan(terraform));
            steps.add(TerraformSteps.apply(terraform));
        }
        steps.add(ssh.waitForSsh());
        if (cloud) {
            steps.add(ssh.cloudInit());
        } else {
            if (gitpod) steps.add(ssh.hostPreflight());
            steps.add(ssh.hostScripts(hostScriptEnvironment(secrets, true), hostScriptEnvironment(secrets, false)));
        }
        steps.add(ssh.kubeconfig());
        steps.add(cluster.nodesReady(expectedNodes()));
        if (plan.spec().platform() == Platform.CODER) {
            steps.addAll(coderSteps(kube, cluster, secrets, hosts));
        } else {
            steps.add(cluster.gitpodSecrets());
            if (plan.spec().gitpod().tls().isCertManager()) {
                steps.add(cluster.certManager());
                steps.add(cluster.certificate());
            }
            steps.add(cluster.gitpodInstaller(installerImage(), plan.spec().gitpod().database().isInCluster()));
            // an uploaded certificate: k3s's containerd must trust it for reg.<domain>:20000 (gitpod issue 15029)
            if (dev.railyard.engine.render.gitpod.RegistryCaDaemonSet.neededFor(plan)) {
                steps.add(new RegistryCaStep(kube, options, world.poll()).step());
            }
            steps.add(SummaryStep.create(plan.spec().gitpod().domain(), hosts, options.exportDir(), options.kubeconfigFile()));
        }
        Pipeline pipeline = new Pipeline(plan.name(), "provision", steps, new RunStateStore(options.runDir()), log,
                world.processes(options.cancelGrace()), clock);
        return new Run(pipeline, log, secrets, kube);
    }

    /**
     * After the nodes: Coder's namespace and secrets, cert-manager and the certificate when cert-manager
     * issues it, PostgreSQL, Coder itself, the owner account, the template, the address. No Gitpod
     * installer job and no encryption key: those are Gitpod's.
     */
    List<Step> coderSteps(Supplier<io.fabric8.kubernetes.client.KubernetesClient> kube, ClusterSteps cluster, RunSecrets secrets,
                          SshSteps.HostsSource hosts) {
        CoderSteps.Endpoint endpoint = world.coderEndpoint(kube, options.coderUrl());
        CoderSteps coder = new CoderSteps(kube, options, secrets, plan.spec().coder(), endpoint, world.poll());
        List<Step> steps = new ArrayList<>();
        steps.add(coder.secrets());
        if (plan.spec().coder().tls().isCertManager()) {
            steps.add(cluster.certManager(coder.certManagerDir()));
            steps.add(cluster.certificate(coder.certManagerDir(), CoderSteps.NAMESPACE));
        }
        steps.add(coder.database());
        steps.add(coder.install());
        steps.add(coder.owner());
        steps.add(coder.template());
        steps.add(coder.summary(hosts, options.kubeconfigFile()));
        return steps;
    }

    public Run destroy() throws IOException {
        RunSecrets secrets = RunSecrets.resolve(plan, resolver, store, false);
        RunLog log = new RunLog(options.runDir(), new Redactor(secrets.allValues()), clock, world.logLabel());
        boolean cloud = plan.spec().provider().isCloud();
        PreflightStep preflight = new PreflightStep(plan, options, secrets, privateKey(), cloud, environment.get("PATH"), world.terraform());
        Supplier<Terraform> terraform = () -> new Terraform(preflight.terraform(), options.exportDir().resolve("terraform"),
                secrets.terraformVariables());
        KubeClient kube = new KubeClient(options.kubeconfigFile(), world);
        List<Step> steps = new ArrayList<>();
        steps.add(preflight);
        steps.add(DestroySteps.clusterResources(kube, options.clusterWait(), world.poll()));
        if (cloud) {
            steps.add(TerraformSteps.init(terraform));
            steps.add(TerraformSteps.destroy(terraform));
        }
        Pipeline pipeline = new Pipeline(plan.name(), "destroy", steps, new RunStateStore(options.runDir()), log,
                world.processes(options.cancelGrace()), clock);
        return new Run(pipeline, log, secrets, kube);
    }

    private Path privateKey() {
        return plan.spec().sshKey().privateKeyFile(options.home());
    }

    private int expectedNodes() {
        if (!plan.spec().provider().isCloud()) return Hosts.existing(plan).all().size();
        return plan.spec().size().managerCount() + plan.spec().size().initialNodeCount();
    }

    private String installerImage() {
        if (options.installerImage() != null) return options.installerImage();
        Gitpod gitpod = plan.spec().gitpod();
        return GitpodImages.installerImage(gitpod.repository(), gitpod.installerImage());
    }

    /**
     * Every registry is asked where the images live, except when {@value #REGISTRY_URL_PROPERTY} names one base URL
     * that answers for all of them (a pull-through mirror; tests point it at a stand-in on 127.0.0.1).
     */
    private Step imagePreflight() {
        String override = System.getProperty(REGISTRY_URL_PROPERTY);
        ImageRegistry client = world.registry(override == null || override.isBlank() ? null : java.net.URI.create(override.strip()));
        Gitpod gitpod = plan.spec().gitpod();
        List<String> images = new ArrayList<>(ImagePreflight.imagesFor(gitpod, installerImage()));
        // the installer Job's apply container
        if (options.kubectlImage() != null && !images.contains(options.kubectlImage())) images.add(options.kubectlImage());
        return new ImagePreflight(images, client, GitpodImages.repository(gitpod.repository()));
    }

    public static final String REGISTRY_URL_PROPERTY = "railyard.registry.url";

    /**
     * What the per-host scripts of existing servers read from their environment: managers get the server token and
     * the agent token they set; nodes only the agent token (the server token is full admin of the cluster).
     */
    private Map<String, String> hostScriptEnvironment(RunSecrets secrets, boolean manager) {
        Map<String, String> env = new LinkedHashMap<>();
        if (manager) secrets.k3sToken().ifPresent(v -> env.put("K3S_TOKEN", v));
        secrets.k3sAgentToken().ifPresent(v -> env.put("K3S_AGENT_TOKEN", v));
        var ts = plan.spec().network().tailscale();
        if (ts.isEnabled()) secrets.value(ts.authKeyRef()).ifPresent(v -> env.put("TAILSCALE_AUTH_KEY", v));
        return env;
    }

    private Hosts terraformHosts(StepContext ctx, Terraform terraform) throws Exception {
        StringBuilder out = new StringBuilder();
        // outputs may hold sensitive values: they stay in memory, only the addresses are used
        ProcessResult r = ctx.run(terraform.command("output", "-json", "-no-color"), (stream, line) -> {
            if (stream == LogLine.Kind.OUT) {
                synchronized (out) {
                    out.append(line).append('\n');
                }
            } else {
                ctx.output(terraform.toolName(), stream, line);
            }
        });
        if (!r.succeeded()) throw new StepFailedException(terraform.toolName() + " output failed (exit " + r.exitCode() + ")");
        Hosts hosts = Hosts.fromTerraformOutputs(out.toString(), plan, cloudUser(plan));
        ctx.info("servers: " + hosts.all().stream().map(h -> h.name() + "=" + h.address()).toList());
        return hosts;
    }

    private static SshSteps.HostsSource cachedHosts(SshSteps.HostsSource source) {
        AtomicReference<Hosts> cache = new AtomicReference<>();
        return ctx -> {
            Hosts h = cache.get();
            if (h == null) {
                h = source.hosts(ctx);
                cache.set(h);
            }
            return h;
        };
    }

    /** A Kubernetes client made from the run's kubeconfig when first needed (it exists only after that step). */
    static final class KubeClient implements Supplier<KubernetesClient>, AutoCloseable {
        private final Path kubeconfig;
        private final OutsideWorld world;
        private KubernetesClient client;

        KubeClient(Path kubeconfig, OutsideWorld world) {
            this.kubeconfig = kubeconfig;
            this.world = world;
        }

        @Override
        public synchronized KubernetesClient get() {
            if (client == null) {
                if (!Files.isReadable(kubeconfig)) throw new IllegalStateException("no kubeconfig at " + kubeconfig);
                try {
                    client = world.kubernetes(Files.readString(kubeconfig, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return client;
        }

        @Override
        public synchronized void close() {
            if (client != null) client.close();
        }
    }
}
