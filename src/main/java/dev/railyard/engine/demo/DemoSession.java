package dev.railyard.engine.demo;

import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.cluster.CoderProbe;
import dev.railyard.engine.cluster.Expectations;
import dev.railyard.engine.cluster.Finding;
import dev.railyard.engine.cluster.HealthChecks;
import dev.railyard.engine.cluster.HealthReport;
import dev.railyard.engine.cluster.Remedies;
import dev.railyard.engine.cluster.SnapshotGatherer;
import dev.railyard.engine.plan.AtomicFiles;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.render.Exporter;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.Generator;
import dev.railyard.engine.run.Provisioning;
import dev.railyard.engine.run.RunFolders;
import dev.railyard.engine.run.RunOptions;
import dev.railyard.engine.run.RunSecrets;
import dev.railyard.engine.secrets.SecretRef;
import dev.railyard.engine.secrets.SecretResolver;
import dev.railyard.engine.ssh.HostKeys;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One demo: an example plan exported into the demo's own folder ({@code demo/demo-EXAMPLE-TIME} under the app's data
 * folder), a throw-away SSH key and home there, an in-memory secret store holding stand-in values for the plan's
 * references, and Railyard's real provisioning pipeline and health checks over a {@link SimulatedWorld}. Closing it
 * removes the folder unless it is to be kept. The CLI's {@code railyard demo} and the app's "Demo (no cloud)" share it.
 */
public final class DemoSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoSession.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final ClusterPlan plan;
    private final SimulatedWorld world;
    private final Path folder;
    private final RunOptions options;
    private final InMemorySecretStore store = new InMemorySecretStore();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final boolean keep;

    private DemoSession(ClusterPlan plan, SimulatedWorld world, Path folder, boolean keep) {
        this.plan = plan;
        this.world = world;
        this.folder = folder;
        this.keep = keep;
        this.options = options(RunFolders.runDir(planFile(), plan, RunFolders.PROVISION));
    }

    /** The plan file of the demo (the example, written into the demo's folder) beside which its run lives. */
    public Path planFile() {
        return folder.resolve("railyard.yaml");
    }

    /** A run's options in this demo: the export beside the plan, the demo's own home (its SSH key), short grace. */
    public RunOptions options(Path runDir) {
        return RunOptions.defaults(RunFolders.defaultExportDir(planFile()), runDir, folder.resolve("home"))
                .withWaits(java.time.Duration.ofMinutes(10), java.time.Duration.ofMinutes(15), java.time.Duration.ofSeconds(2));
    }

    /**
     * Prepares a demo of the bundled example {@code example} under {@code dataDir}/demo, Gitpod's or Coder's. Refuses
     * examples on existing servers: their outside world (uploaded scripts) is not simulated.
     */
    public static DemoSession create(Path dataDir, String example, Pace pace, boolean keep) throws IOException {
        if (Examples.find(example).isEmpty()) {
            throw new IllegalArgumentException("--example: no example named '" + example + "'; `railyard examples` lists them");
        }
        return create(dataDir, Examples.load(new PlanFormat(), example), "--example " + example, example, pace, keep);
    }

    /**
     * A demo of any plan (the one being edited, from the review step); {@code what} names it in messages
     * ("--example hetzner-small", "this plan"), {@code slug} in the folder's name.
     */
    public static DemoSession create(Path dataDir, ClusterPlan plan, String what, String slug, Pace pace, boolean keep) throws IOException {
        if (!plan.spec().provider().isCloud()) {
            throw new IllegalArgumentException(what + ": existing servers are not simulated; pick a cloud example (hetzner-small)");
        }
        Path folder = dataDir.resolve("demo").resolve("demo-" + slug.replaceAll("[^A-Za-z0-9._-]", "-") + "-" + STAMP.format(pace.now()));
        Files.createDirectories(folder);
        DemoSession session = new DemoSession(plan, new SimulatedWorld(plan, pace), folder, keep);
        try {
            session.prepare();
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
        return session;
    }

    private void prepare() throws IOException {
        // stand-ins for the plan's secrets: in memory, named as such in case one is ever shown
        RunSecrets.referencesIn(plan).forEach((field, text) -> SecretRef.parse(text).ifPresent(ref -> {
            String value = "simulated-" + ref.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-not-a-real-secret";
            if (ref.kind() == SecretRef.Kind.KEYCHAIN) store.put(ref.name(), value);
            if (ref.kind() == SecretRef.Kind.ENV) environment.put(ref.name(), value);
        }));
        // the "laptop's" SSH key: a fresh one in the demo's own home, never the user's
        HostKeys key = HostKeys.generateEd25519("railyard-demo");
        Path privateKey = plan.spec().sshKey().privateKeyFile(options.home());
        Files.createDirectories(privateKey.getParent());
        AtomicFiles.write(privateKey, key.privateKeyPem().getBytes(StandardCharsets.UTF_8), true);
        Files.writeString(privateKey.resolveSibling(privateKey.getFileName() + ".pub"), key.publicKeyLine() + "\n", StandardCharsets.UTF_8);
        List<GeneratedFile> files;
        try {
            files = Generator.standard(Catalog.bundled()).generate(plan, Optional.empty());
        } catch (Generator.InvalidPlanException e) {
            throw new IllegalStateException("a bundled example does not validate: " + e.problems(), e);
        }
        new Exporter().export(files, options.exportDir(), false);
        Files.writeString(planFile(), "# a demo: this plan is provisioned in a simulation, nothing real is created\n"
                + new PlanFormat().write(plan), StandardCharsets.UTF_8);
        Files.createDirectories(options.runDir());
    }

    public ClusterPlan plan() {
        return plan;
    }

    public SimulatedWorld world() {
        return world;
    }

    /** The demo's own folder: everything it writes is under it. */
    public Path folder() {
        return folder;
    }

    public Path runDir() {
        return options.runDir();
    }

    /** The real provisioning pipeline's composition, over the simulated world and the in-memory store. */
    public Provisioning provisioning() {
        return provisioning(options);
    }

    /** As {@link #provisioning()}, with the options a run screen made with {@link #options(Path)}. */
    public Provisioning provisioning(RunOptions runOptions) {
        return new Provisioning(plan, runOptions, new SecretResolver(store, environment, runOptions.home()), store, environment,
                world.pace().clock(), world);
    }

    /** Railyard's health checks over the simulated cluster, read through the kubeconfig the run fetched. */
    public HealthReport health() throws IOException {
        String kubeconfig = Files.readString(options.kubeconfigFile(), StandardCharsets.UTF_8);
        try (KubernetesClient client = world.kubernetes(kubeconfig)) {
            Expectations expect = Expectations.of(plan);
            // for a Coder plan: its names and Coder's own report, read as `railyard health` reads them, from the simulation
            CoderProbe coder = CoderProbe.forPlan(plan, new SecretResolver(store, environment, options.home()), world.names(),
                    world.coderTransport());
            var snapshot = new SnapshotGatherer(client, world.hostProbe(), world.pace().clock(), SnapshotGatherer.Limits.DEFAULT, coder)
                    .gather(expect, Optional.empty(), true);
            return HealthChecks.standard().evaluate(snapshot, expect);
        }
    }

    /** The fixes the simulated world can carry out for a report's findings. */
    public List<Remedies.Remedy> remedies(HealthReport report) {
        return report.findings().stream().map(Finding.class::cast).map(world.remedies()::forFinding).flatMap(Optional::stream).toList();
    }

    public boolean kept() {
        return keep;
    }

    @Override
    public void close() throws IOException {
        if (keep || !Files.exists(folder)) return;
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
        LOG.info("removed the demo folder {}", folder);
    }
}
