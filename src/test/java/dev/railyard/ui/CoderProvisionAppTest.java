package dev.railyard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.cluster.Finding;
import dev.railyard.engine.cluster.checks.CoderCheck;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.Generator;
import dev.railyard.engine.run.EndpointOverrides;
import dev.railyard.engine.run.ServerHostKeys;
import dev.railyard.engine.secrets.VaultSecretStore;
import dev.railyard.engine.ssh.HostKeys;
import dev.railyard.testsupport.FakeCloudApis;
import dev.railyard.testsupport.FxThread;
import dev.railyard.testsupport.OpenSshServer;
import dev.railyard.testsupport.StandInCoder;
import dev.railyard.testsupport.StandInCoderCluster;
import dev.railyard.testsupport.StandInK3sManager;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A Coder plan in the app, from the example gallery to the health panel, with everything after the wizard running
 * in this JVM exactly as the app runs it (MainWindow, the run screen over the engine's Provisioning, the health window):
 * open {@code hetzner-small-coder}, walk every wizard screen with Next, export, save, press Provision…, wait for the run
 * screen to say the cluster is ready, press Cluster health and read the Coder findings in the health panel.
 *
 * <p>What stands in for what, all on 127.0.0.1: the cloud is the stand-in terraform ({@code fake-terraform}), found
 * the way the app finds terraform, first on the PATH of the environment the window runs provisioning with; the
 * manager is {@link StandInK3sManager}, a real OpenSSH server holding the host key Railyard generated for it into the
 * app's vault (read back from that vault here, as cloud-init would have received it), with stand-in cloud-init, k3s
 * kubeconfig and sudo on its PATH; k3s and its controllers are {@link StandInCoderCluster} on the fabric8 mock API
 * server; coderd is {@link StandInCoder}, reached through {@code -Drailyard.coder.url} as in the CLI. The health panel
 * resolves the access URL and the wildcard through the resolver the window is given (the system's in the app), here a
 * fixed table, so no name is looked up outside. Every step of the run executes; none is marked done by the test.
 *
 * <p>The plan has one node besides the manager; the stand-in terraform reports no node address (two servers cannot
 * share 127.0.0.1 and one port with different host keys), so SSH reaches only the manager, while the mock API server
 * lists both nodes Ready.
 */
@EnableKubernetesMockClient(crud = true, https = false)
@ExtendWith(ApplicationExtension.class)
class CoderProvisionAppTest {

    static final String EXAMPLE = "hetzner-small-coder";
    static final String HCLOUD = "CANARY-app-hcloud-5e1f";
    static final String CLOUDFLARE = "CANARY-app-cloudflare-77ab";
    static final String OWNER = "CANARY-app-owner-password-c0de";
    static final String KUBE_TOKEN = "CANARY-app-k3s-token-91d0";

    @TempDir Path temp;
    KubernetesMockServer server;
    KubernetesClient client;
    private FakeCloudApis api;
    private MainWindow window;
    private Path home;
    private int sshPort;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @Start
    void start(Stage stage) throws Exception {
        api = new FakeCloudApis();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        home = Files.createDirectories(temp.resolve("home"));
        Files.createDirectories(home.resolve(".ssh"));
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", home.resolve(".ssh/id_ed25519").toString())
                .redirectErrorStream(true).start();
        assertThat(keygen.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Path bin = Files.createDirectories(temp.resolve("bin"));
        try (InputStream in = CoderProvisionAppTest.class.getResourceAsStream("/fake-terraform/terraform")) {
            Files.write(bin.resolve("terraform"), in.readAllBytes());
        }
        Files.setPosixFilePermissions(bin.resolve("terraform"), PosixFilePermissions.fromString("rwxr-xr-x"));
        // what the person put in the store before: the references of the example point here
        VaultSecretStore vault = vault();
        vault.put("hcloud", HCLOUD);
        vault.put("cf", CLOUDFLARE);
        vault.put("coder-admin", OWNER);
        sshPort = OpenSshServer.freePort();
        Map<String, List<String>> dns = Map.of("coder.example.com", List.of("127.0.0.1"),
                CoderCheck.WILDCARD_PROBE + ".coder.example.com", List.of("127.0.0.1"));
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        window = WizardFixture.show(stage, new MainWindow(WizardFixture.context(temp.resolve("app-data"), api.base()), home,
                Map.of("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin")), name -> dns.getOrDefault(name, List.of())));
    }

    @AfterEach
    void stop() throws Exception {
        // hides the health window too, which stops its informers and closes its client
        org.testfx.api.FxToolkit.cleanupStages();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        System.clearProperty(EndpointOverrides.CODER_URL_PROPERTY);
        api.close();
    }

    @Test
    void theCoderExampleGoesFromTheWizardThroughProvisionToTheHealthPanelsCoderFindings(FxRobot fx) throws Exception {
        WizardRobot ui = new WizardRobot(fx, () -> window.state().problems() + " on " + title(fx));
        ui.click("#example-" + EXAMPLE);
        for (int screens = 0; !title(fx).equals("Review & export"); screens++) {
            assertThat(screens).as("screens before the review").isLessThan(10);
            ui.next();
        }
        assertThat(window.state().problems()).noneMatch(p -> p.isError());
        Path exported = temp.resolve("export");
        ui.type("export-folder", exported.toString()).click("#export");
        ui.waitUntil("#export-status", t -> t.startsWith("Exported")); // the store and the disk work off the FX thread
        Path saved = temp.resolve("project/railyard.yaml");
        Files.createDirectories(saved.getParent());
        var saving = new java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<Boolean>>();
        fx.interact(() -> saving.set(window.saveTo(saved)));
        assertThat(saving.get().get(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        ClusterPlan plan = new PlanFormat().read(saved);
        assertThat(Files.readString(saved)).isEqualTo(new PlanFormat().write(Examples.load(new PlanFormat(), EXAMPLE)));
        for (GeneratedFile f : Generator.standard(Catalog.bundled()).generate(plan, Optional.empty())) {
            assertThat(Files.readString(exported.resolve(f.path()))).as("exported " + f.path()).isEqualTo(f.content());
        }
        // read by the stand-in terraform from its working folder: apply at once, leak TF_VAR_ values to stderr, and say
        // where the manager's SSH answers and who logs in, like outputs.tf
        Files.writeString(exported.resolve("terraform/fake-terraform.env"), "FAKE_TF_DELAY=0\nFAKE_TF_LEAK=1\nFAKE_TF_SSH_PORT=" + sshPort
                + "\nFAKE_TF_SSH_USER=" + System.getProperty("user.name") + "\n");

        StandInCoderCluster.expectCustomResources(server);
        StandInCoderCluster.registerK3s(client, plan.name(), "127.0.0.1");
        Path runDir = saved.getParent().resolve(".railyard/runs/acme-coder/provision");
        try (StandInCoder coder = new StandInCoder()) {
            coder.healthReport(StandInCoder.HEALTH_DERP_OVER_WEBSOCKETS);
            System.setProperty(EndpointOverrides.CODER_URL_PROPERTY, coder.base().toString());
            ui.click("#provision");

            String hostKeyName = ServerHostKeys.storeName(plan, plan.name() + "-manager-1");
            String pem = awaitValue(() -> vault().get(hostKeyName), "Railyard's host key for the manager in the vault");
            HostKeys hostKey = HostKeys.fromPrivateKey(pem, plan.name() + "-manager-1");
            try (StandInK3sManager manager = StandInK3sManager.start(temp.resolve("sshd"), hostKey, sshPort,
                    home.resolve(".ssh/id_ed25519.pub"), server.getPort(), KUBE_TOKEN)) {
                CompletableFuture<Void> controllers = CompletableFuture.runAsync(() -> StandInCoderCluster.actAsControllers(client));
                WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> {
                    String status = runStatus(fx);
                    assertThat(status).as("the run screen").doesNotContain("failed").doesNotContain("Stopped").doesNotContain("Cancelled");
                    return status.contains("is ready: https://coder.example.com");
                });
                controllers.get(10, TimeUnit.SECONDS);
                assertThat(manager.log()).contains("Accepted publickey for " + System.getProperty("user.name"));
            }
            assertThat(coder.hasFirstUser()).isTrue();
            assertThat(coder.templateCount()).isEqualTo(1);

            ui.click("#run-health");
            FxThread.waitFor(60, () -> findings(fx).stream().anyMatch(f -> f.code().equals("RY-CODER-006")));
            List<String> codes = findings(fx).stream().map(Finding::code).toList();
            assertThat(codes).as("after a provision that went well, only coderd's own warning").containsExactly("RY-CODER-006");
            Finding own = findings(fx).get(0);
            assertThat(own.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(own.evidence()).containsExactly("derp: EDERP01: Node uses websockets");
            assertThat(FxThread.onFx(() -> fx.lookup("#health-status").queryAs(Label.class).getText())).isEqualTo("Degraded");
            assertThat(coder.requests).anyMatch(q -> q.contains("/api/v2/debug/health"));
        }

        assertThat(Files.readString(runDir.resolve("kubeconfig"))).contains(KUBE_TOKEN).contains("http://127.0.0.1:" + server.getPort());
        String runLog = Files.readString(runDir.resolve("run.log"));
        assertThat(runLog).contains("host key verified").contains("status: done").contains("[coder-template]");
        List<String> canaries = List.of(HCLOUD, CLOUDFLARE, OWNER, KUBE_TOKEN, pemLine(plan));
        String logged = String.join("\n", logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
        for (String canary : canaries) {
            assertThat(logged).as("app log").doesNotContain(canary);
            assertThat(runLog).as("run.log").doesNotContain(canary);
            onlyInOwnerOnlyFiles(temp, canary, temp.resolve("sshd"));
        }
    }

    /** A line of the manager's private host key (the vault is encrypted, so it is found only where it leaked). */
    private String pemLine(ClusterPlan plan) {
        return vault().get(ServerHostKeys.storeName(plan, plan.name() + "-manager-1")).orElseThrow().lines()
                .filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
    }

    private static void onlyInOwnerOnlyFiles(Path root, String secret, Path standInServer) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(standInServer)).toList()) {
                if (Files.readString(f, StandardCharsets.ISO_8859_1).contains(secret)) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f + " holds a secret").isEqualTo("rw-------");
                }
            }
        }
    }

    private VaultSecretStore vault() {
        // a new instance each time: one caches what it read
        return new VaultSecretStore(temp.resolve("app-data/vault.bin"), WizardFixture.VAULT_PASSPHRASE::toCharArray);
    }

    private static String awaitValue(java.util.function.Supplier<Optional<String>> read, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Optional<String> v = read.get();
            if (v.isPresent()) return v.get();
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static String title(FxRobot fx) {
        return fx.lookup(".railyard-step-title").queryLabeled().getText();
    }

    /** Read on the FX thread, as the scene graph must be while the run screen and health panel change it (see FxThread.waitFor). */
    private static String runStatus(FxRobot fx) {
        return FxThread.onFx(() -> fx.lookup("#run-status").tryQuery().map(n -> ((Label) n).getText()).orElse(""));
    }

    private static List<Finding> findings(FxRobot fx) {
        return FxThread.onFx(() -> fx.lookup(".health-finding").queryAllAs(TitledPane.class).stream().map(p -> (Finding) p.getUserData()).toList());
    }
}
