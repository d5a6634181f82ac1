package dev.railyard.ui.run;

import dev.railyard.testsupport.TestClocks;
import static dev.railyard.testsupport.FxThread.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.run.Provisioning;
import dev.railyard.engine.run.RunOptions;
import dev.railyard.engine.run.RunState;
import dev.railyard.engine.run.StepState;
import dev.railyard.engine.run.StepStatus;
import dev.railyard.engine.secrets.SecretResolver;
import dev.railyard.engine.secrets.SecretStore;
import dev.railyard.testsupport.FxThread;
import dev.railyard.testsupport.SlowSecretStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run screen over the real engine: a stand-in {@code terraform} script (Terraform itself cannot be
 * downloaded here) that speaks Terraform's -json output, real child processes, the real run folders.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RunScreenTest {

    static final String CANARY = "hcloud-canary-7Qx9-" + System.nanoTime();

    @TempDir
    Path dir;

    @BeforeAll
    static void startToolkit() throws Exception {
        FxThread.start();
    }

    @Test
    void withTheStandInTerraformRunsTerraformThenStopsAtSshWithTheReasonAndOffersResume() throws Exception {
        Fixture f = fixture("FAKE_TF_LEAK=1\n");
        onFx(() -> button(f.screen, "run-resume").fire());
        await(() -> onFx(() -> !f.controller.phaseProperty().get().isActive()), "the run ended");

        RunState state = onFx(() -> f.controller.stateProperty().get());
        assertThat(states(state)).containsEntry("preflight", StepState.DONE).containsEntry("terraform-init", StepState.DONE)
                .containsEntry("terraform-plan", StepState.DONE).containsEntry("terraform-apply", StepState.DONE)
                .containsEntry("wait-for-ssh", StepState.FAILED).containsEntry("kubeconfig", StepState.PENDING);
        assertThat(onFx(() -> f.controller.phaseProperty().get())).isEqualTo(RunController.Phase.FAILED);
        assertThat(onFx(() -> label(f.screen, "run-status").getText())).contains("Step wait-for-ssh failed")
                .contains("SSH").contains("Resume");
        assertThat(onFx(() -> button(f.screen, "run-resume").isDisabled())).isFalse();
        assertThat(onFx(() -> button(f.screen, "run-resume").getText())).isEqualTo("_Resume");
        assertThat(onFx(() -> button(f.screen, "run-cancel").isDisabled())).isTrue();
        assertThat(onFx(() -> button(f.screen, "run-health").isDisabled())).as("no kubeconfig yet").isTrue();
        assertThat(onFx(() -> label(f.screen, "run-time-left").getText())).contains("stopped;").endsWith(" left");

        Path runDir = dir.resolve(".railyard/runs/acme-gitpod/provision");
        String runLog = Files.readString(runDir.resolve("run.log"));
        assertThat(runLog).contains("[terraform-apply]").contains("Apply complete!").contains("provider debug: TF_VAR_hcloud_token=***")
                .doesNotContain(CANARY);
        assertThat(Files.readString(runDir.resolve("state.json"))).doesNotContain(CANARY);
        assertThat(Files.readString(runDir.resolve("options.properties"))).contains("exportDir");
        onFx(f.screen::close);
    }

    /**
     * Opening the secret store takes seconds (the vault's 600,000-iteration key derivation, a keychain over
     * D-Bus, making host keys): a store stand-in that takes 400 ms per call must not freeze the screen.
     */
    @Test
    void startingARunDoesItsSecretStoreWorkOffTheFxThread() throws Exception {
        ClusterPlan plan = new PlanFormat().read(Examples.text("hetzner-small"), "hetzner-small");
        Fixture f = fixture("FAKE_TF_DELAY=30\n");
        SlowSecretStore store = new SlowSecretStore(Duration.ofMillis(400));
        store.values.put("hcloud", CANARY);
        Path home = dir.resolve("home");
        RunController controller = onFx(() -> new RunController(plan, dir.resolve("railyard.yaml"), dir.resolve("generated"),
                (export, runDir) -> RunOptions.defaults(export, runDir, home).withTerraform(dir.resolve("bin/terraform")),
                options -> new Provisioning(withEnvSecrets(plan), options,
                        new SecretResolver(store, Map.of("DB", "db-password", "CF", "cf-token"), home), store, Map.of("PATH", "/usr/bin:/bin"),
                        dev.railyard.testsupport.TestClocks.ticking()),
                Executors.newCachedThreadPool(), Platform::runLater));
        RunScreen screen = onFx(() -> new RunScreen(controller, new NoActions(), dev.railyard.testsupport.TestClocks.ticking()));
        onFx(f.screen::close);
        try (var watchdog = dev.railyard.testsupport.FxPulseWatchdog.start()) {
            onFx(controller::provision);
            assertThat(onFx(() -> label(screen, "run-status").getText())).contains("Opening the secret store");
            await(() -> onFx(() -> states(controller.stateProperty().get()).get("terraform-apply") == StepState.RUNNING), "apply running");
            assertThat(store.calls.get()).as("the store was used").isGreaterThan(3);
            watchdog.assertNoStallOver(Duration.ofMillis(300));
        }
        onFx(controller::cancel);
        await(() -> onFx(() -> !controller.phaseProperty().get().isActive()), "cancelled");
        onFx(screen::close);
    }

    @Test
    void cancelDuringApplyStopsTheStandInTerraformAndTheStateSaysCancelled() throws Exception {
        Fixture f = fixture("FAKE_TF_DELAY=30\n");
        onFx(f.controller::provision);
        await(() -> onFx(() -> states(f.controller.stateProperty().get()).get("terraform-apply") == StepState.RUNNING), "apply running");
        Thread.sleep(300);
        long start = System.nanoTime();
        onFx(() -> button(f.screen, "run-cancel").fire());
        await(() -> onFx(() -> !f.controller.phaseProperty().get().isActive()), "the run stopped");
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(seconds).as("stopped well before the 30 s resource").isLessThan(15);
        assertThat(onFx(() -> f.controller.phaseProperty().get())).isEqualTo(RunController.Phase.CANCELLED);
        assertThat(states(onFx(() -> f.controller.stateProperty().get()))).containsEntry("terraform-apply", StepState.CANCELLED)
                .containsEntry("terraform-plan", StepState.DONE);
        assertThat(onFx(() -> label(f.screen, "run-status").getText())).contains("Cancelled during terraform-apply");
        assertThat(onFx(() -> button(f.screen, "run-resume").getText())).isEqualTo("_Resume");
        onFx(f.screen::close);
    }

    @Test
    void destroyNeedsTheClusterNameAndAReopenedScreenShowsTheEarlierRun() throws Exception {
        Fixture f = fixture("FAKE_TF_FAIL=apply\n");
        onFx(f.controller::provision);
        await(() -> onFx(() -> !f.controller.phaseProperty().get().isActive()), "the run ended");
        assertThat(onFx(() -> label(f.screen, "run-status").getText())).contains("terraform-apply failed")
                .contains("server type cx43 is not available in fsn1");

        onFx(() -> f.controller.destroy("acme"));
        assertThat(onFx(() -> label(f.screen, "run-status").getText()))
                .isEqualTo("Not destroyed: 'acme' is not the cluster's name 'acme-gitpod'.");
        assertThat(dir.resolve(".railyard/runs/acme-gitpod/destroy")).doesNotExist();

        // a new screen for the same plan (the app restarted) shows where the last run stopped
        RunController again = onFx(() -> controller(f.plan));
        assertThat(states(onFx(() -> again.stateProperty().get()))).containsEntry("terraform-apply", StepState.FAILED);
        assertThat(onFx(again::canResume)).isTrue();
        onFx(f.screen::close);
    }

    @Test
    void takesAScreenshotWhileTheStandInTerraformApplies() throws Exception {
        Fixture f = fixture("FAKE_TF_RESOURCES=8\nFAKE_TF_DELAY=1\n");
        javafx.scene.Scene scene = onFx(() -> {
            javafx.scene.Scene s = new javafx.scene.Scene(f.screen, 1100, 720);
            s.getStylesheets().add(dev.railyard.ui.MainWindow.class.getResource("railyard.css").toExternalForm());
            javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            return s;
        });
        onFx(f.controller::provision);
        await(() -> Files.exists(dir.resolve(".railyard/runs/acme-gitpod/provision/run.log"))
                && read(dir.resolve(".railyard/runs/acme-gitpod/provision/run.log")).contains("terraform_data.server[3]: Creation complete"),
                "apply half way");
        Thread.sleep(300); // the log view's next batch
        Path file = dev.railyard.testsupport.Snapshots.folder().resolve("run-light.png");
        onFx(() -> {
            try {
                dev.railyard.testsupport.Snapshots.savePng(scene, file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(Files.size(file)).isGreaterThan(10_000);
        onFx(() -> button(f.screen, "run-cancel").fire());
        await(() -> onFx(() -> !f.controller.phaseProperty().get().isActive()), "cancelled");
        onFx(f.screen::close);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void serversThatExistedBeforeRailyardAreTrustedOnFirstUseOnlyAfterTheUserChoseIt() throws Exception {
        try (dev.railyard.testsupport.OpenSshServer sshd = dev.railyard.testsupport.OpenSshServer.start(
                Files.createDirectories(dir.resolve("sshd")))) {
            String text = Examples.text("existing-raspberry-pi-tailscale")
                    .replace("address: 192.168.1.20", "address: 127.0.0.1")
                    .replace("sshUser: ubuntu\n          sshPort: 22\n        - name: rpi-node-2", "sshUser: " + System.getProperty("user.name")
                            + "\n          sshPort: " + sshd.port + "\n        - name: rpi-node-2")
                    .replace("address: 192.168.1.21", "address: 127.0.0.1")
                    .replace("sshUser: ubuntu\n          sshPort: 22\n  size:", "sshUser: " + System.getProperty("user.name")
                            + "\n          sshPort: " + sshd.port + "\n  size:")
                    .replace("\"~/.ssh/id_ed25519.pub\"", "\"" + sshd.clientKey + ".pub\"");
            ClusterPlan plan = new PlanFormat().read(text, "existing-on-localhost");
            Files.writeString(dir.resolve("railyard.yaml"), text);
            MemoryStore store = new MemoryStore();
            store.put("ts", "tskey-auth-test");
            store.put("cf", "cf-token");
            Path home = Files.createDirectories(dir.resolve("home"));
            RunController controller = onFx(() -> new RunController(plan, dir.resolve("railyard.yaml"), dir.resolve("generated"),
                    (export, runDir) -> RunOptions.defaults(export, runDir, home).withWaits(Duration.ofSeconds(2), Duration.ofSeconds(5),
                            Duration.ofSeconds(2)),
                    options -> new Provisioning(plan, options, new SecretResolver(store, Map.of(), home), store, Map.of(), TestClocks.ticking()),
                    Executors.newCachedThreadPool(), Platform::runLater));
            RunScreen screen = onFx(() -> new RunScreen(controller, new NoActions(), TestClocks.ticking()));

            onFx(controller::provision);
            await(() -> onFx(() -> !controller.phaseProperty().get().isActive()), "the first run ended");
            assertThat(states(onFx(() -> controller.stateProperty().get()))).containsEntry("preflight", StepState.DONE)
                    .containsEntry("wait-for-ssh", StepState.FAILED);
            assertThat(onFx(() -> label(screen, "run-status").getText())).contains("no known SSH host key for 127.0.0.1");
            assertThat(onFx(() -> button(screen, "run-trust-host-keys").isVisible())).isTrue();

            onFx(controller::provisionTrustingNewHostKeys);
            await(() -> onFx(() -> !controller.phaseProperty().get().isActive()), "the second run ended");
            assertThat(states(onFx(() -> controller.stateProperty().get()))).as(onFx(() -> label(screen, "run-status").getText()))
                    .containsEntry("wait-for-ssh", StepState.DONE)
                    .containsEntry("host-scripts", StepState.FAILED); // nothing was exported in this test
            String runLog = Files.readString(dir.resolve(".railyard/runs/pi-gitpod/provision/run.log"));
            assertThat(runLog).contains("trusting 127.0.0.1:" + sshd.port + " on first use: ssh-ed25519 " + sshd.hostKeys.fingerprint());
            assertThat(Files.readString(dir.resolve(".railyard/runs/pi-gitpod/provision/known_hosts")))
                    .contains("[127.0.0.1]:" + sshd.port + " " + sshd.hostKeys.publicKeyLine().split(" ")[0] + " "
                            + sshd.hostKeys.publicKeyLine().split(" ")[1]);
            assertThat(onFx(() -> button(screen, "run-trust-host-keys").isVisible())).as("asked once, then pinned").isFalse();
            onFx(screen::close);
        }
    }

    // --- fixtures

    record Fixture(ClusterPlan plan, RunController controller, RunScreen screen) {}

    private Fixture fixture(String terraformSettings) throws Exception {
        ClusterPlan plan = new PlanFormat().read(Examples.text("hetzner-small"), "hetzner-small");
        Files.writeString(dir.resolve("railyard.yaml"), Examples.text("hetzner-small"));
        Path tfDir = Files.createDirectories(dir.resolve("generated/terraform"));
        Files.writeString(tfDir.resolve("fake-terraform.env"), terraformSettings);
        Path bin = Files.createDirectories(dir.resolve("bin")).resolve("terraform");
        try (InputStream in = RunScreenTest.class.getResourceAsStream("/fake-terraform/terraform")) {
            Files.write(bin, in.readAllBytes());
        }
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(dir.resolve("home/.ssh"));
        Files.writeString(dir.resolve("home/.ssh/id_ed25519"), "not used: nothing answers on SSH in this test\n");
        RunController controller = onFx(() -> controller(plan));
        RunScreen screen = onFx(() -> new RunScreen(controller, new NoActions(), TestClocks.ticking()));
        return new Fixture(plan, controller, screen);
    }

    private RunController controller(ClusterPlan plan) {
        MemoryStore store = new MemoryStore();
        store.put("hcloud", CANARY);
        Map<String, String> env = Map.of("PATH", "/usr/bin:/bin");
        Path home = dir.resolve("home");
        SecretResolver resolver = new SecretResolver(store, Map.of("DB", "db-password", "CF", "cf-token"), home);
        return new RunController(plan, dir.resolve("railyard.yaml"), dir.resolve("generated"),
                (export, runDir) -> RunOptions.defaults(export, runDir, home).withTerraform(dir.resolve("bin/terraform"))
                        .withWaits(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(2)),
                options -> new Provisioning(withEnvSecrets(plan), options, resolver, store, env, TestClocks.ticking()),
                Executors.newCachedThreadPool(), Platform::runLater);
    }

    /** The example's keychain references for the DNS token and database password, read from the environment instead. */
    private static ClusterPlan withEnvSecrets(ClusterPlan plan) {
        var g = plan.spec().gitpod();
        var tls = g.tls();
        var dns01 = tls.dns01() == null ? null : new dev.railyard.engine.plan.Gitpod.Dns01(tls.dns01().provider(), "env:CF");
        var db = g.database();
        return plan.withSpec(plan.spec().withGitpod(new dev.railyard.engine.plan.Gitpod(g.domain(), g.blockNewUsers(),
                new dev.railyard.engine.plan.Gitpod.Tls(tls.mode(), tls.email(), dns01, tls.certificateRef(), tls.keyRef()),
                new dev.railyard.engine.plan.Gitpod.Database(db.inCluster(), db.host(), db.port(), db.username(), "env:DB"),
                g.registry(), g.storage(), g.workspace(), g.installerImage())));
    }

    static Map<String, StepState> states(RunState state) {
        Map<String, StepState> m = new java.util.LinkedHashMap<>();
        if (state != null) for (StepStatus s : state.steps()) m.put(s.name(), s.state());
        return m;
    }

    static Button button(RunScreen screen, String id) {
        return (Button) screen.lookup("#" + id);
    }

    static Label label(RunScreen screen, String id) {
        return (Label) screen.lookup("#" + id);
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    static final class NoActions implements RunScreen.Actions {
        final AtomicReference<Path> health = new AtomicReference<>();

        @Override public void backToPlan() {}
        @Override public void openHealth(Path kubeconfig) { health.set(kubeconfig); }
        @Override public void mergeKubeconfig(Path kubeconfig) {}
    }

    static final class MemoryStore implements SecretStore {
        private final Map<String, String> values = new ConcurrentHashMap<>();

        @Override public String describe() { return "test store"; }
        @Override public Optional<String> get(String name) { return Optional.ofNullable(values.get(name)); }
        @Override public void put(String name, String value) { values.put(name, value); }
        @Override public void delete(String name) { values.remove(name); }
        @Override public Set<String> names() { return values.keySet(); }
    }
}
