package dev.railyard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.PlanRenderer;
import dev.railyard.engine.render.RenderInput;
import dev.railyard.engine.secrets.VaultSecretStore;
import dev.railyard.testsupport.FakeCloudApis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Walks the whole wizard for two bundled examples by typing into the real controls, saves and exports,
 * and checks the saved plan is the example byte for byte, the export is what the engine generates from
 * the saved file, and no typed secret reached any file or log.
 */
@ExtendWith(ApplicationExtension.class)
class WizardWalkTest {

    @TempDir Path temp;
    private FakeCloudApis api;
    private MainWindow window;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @Start
    void start(Stage stage) throws Exception {
        api = new FakeCloudApis();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        window = WizardFixture.show(stage, new MainWindow(WizardFixture.context(temp.resolve("app-data"), api.base())));
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        api.close();
    }

    @Test
    void walksHetznerSmallByTypingThenSavesTheExampleAndExportsWhatTheEngineGenerates(FxRobot fx) throws Exception {
        WizardRobot ui = new WizardRobot(fx, () -> window.state().problems() + " on " + fx.lookup(".railyard-step-title").queryLabeled().getText());
        String hcloud = "CANARY-hcloud-7f3a9c";
        String cloudflare = "CANARY-cloudflare-51d2e0";
        String mysql = "CANARY-mysql-0b44aa";

        ui.click("#start-new");
        ui.type("metadata.name", "acme-gitpod")
          .click("#provider-hetzner")
          .type("spec.provider.hetzner.tokenRef", hcloud)
          .click("#test-connection");
        ui.waitUntil("#test-connection-result", t -> t.contains("401"));
        assertThat(ui.text("#test-connection-result")).contains("rejected the token").doesNotContain(hcloud);
        ui.next();

        ui.next(); // size: the small preset's defaults are the example's

        ui.type("spec.gitpod.domain", "gitpod.example.com")
          .type("spec.gitpod.tls.email", "ops@example.com")
          .type("spec.gitpod.tls.dns01.tokenRef", cloudflare)
          .click(WizardRobot.id("spec.gitpod.blockNewUsers.enabled"))
          .addToList("spec.gitpod.blockNewUsers.passlist", "example.com");
        assertThat(window.steps().get(2).title()).isEqualTo("Domain & access");
        ui.next();

        ui.click(WizardRobot.id("spec.gitpod.database.inCluster"))
          .type("spec.gitpod.database.host", "db.example.com")
          .type("spec.gitpod.database.username", "gitpod")
          .type("spec.gitpod.database.passwordRef", mysql)
          .next();

        ui.next(); // Coder's screen: shown disabled, a Gitpod plan has no spec.coder

        ui.addToList("spec.network.adminCidrs", "203.0.113.0/24").next();

        Path saved = temp.resolve("project/railyard.yaml");
        Path exported = temp.resolve("export/hetzner-small");
        finishAndCheck(fx, ui, "hetzner-small", saved, exported, List.of(hcloud, cloudflare, mysql));

        VaultSecretStore vault = new VaultSecretStore(temp.resolve("app-data/vault.bin"), WizardFixture.VAULT_PASSPHRASE::toCharArray);
        assertThat(vault.get("hcloud")).contains(hcloud);
        assertThat(vault.get("cf")).contains(cloudflare);
        assertThat(vault.get("db")).contains(mysql);
    }

    @Test
    void walksExistingRaspberryPisWithTailscaleByTyping(FxRobot fx) throws Exception {
        WizardRobot ui = new WizardRobot(fx, () -> window.state().problems() + " on " + fx.lookup(".railyard-step-title").queryLabeled().getText());
        String cloudflare = "CANARY-cf-pi-88e1";
        String tailscale = "CANARY-tskey-auth-19cd";

        ui.click("#start-new");
        ui.type("metadata.name", "pi-gitpod").click("#provider-existing").click("#add-host");
        ui.type("spec.provider.existing.hosts[0].name", "rpi-node-1")
          .type("spec.provider.existing.hosts[0].address", "192.168.1.20")
          .type("spec.provider.existing.hosts[1].name", "rpi-node-2")
          .type("spec.provider.existing.hosts[1].address", "192.168.1.21")
          .next();

        ui.next();

        ui.type("spec.gitpod.domain", "gitpod.home.example.com")
          .type("spec.gitpod.tls.email", "me@home.example.com")
          .type("spec.gitpod.tls.dns01.tokenRef", cloudflare)
          .click(WizardRobot.id("spec.gitpod.blockNewUsers.enabled"))
          .addToList("spec.gitpod.blockNewUsers.passlist", "home.example.com")
          .next();

        ui.choose("spec.gitpod.workspace.fsShiftMethod", "fuse").next();

        ui.next(); // Coder's screen: not used by a Gitpod plan

        ui.addToList("spec.network.adminCidrs", "192.168.1.0/24")
          .type("spec.network.privateCidr", "192.168.1.0/24")
          .click(WizardRobot.id("spec.network.tailscale.enabled"))
          .type("spec.network.tailscale.tag", "tag:rpi-nodes")
          .type("spec.network.tailscale.adminGroup", "group:admins")
          .click(WizardRobot.id("spec.network.tailscale.ssh"))
          .type("spec.network.tailscale.authKeyRef", tailscale);
        assertThat(ui.text("#tailscale-policy-preview")).doesNotContain(tailscale).isNotBlank();
        ui.next();

        finishAndCheck(fx, ui, "existing-raspberry-pi-tailscale", temp.resolve("project/railyard.yaml"),
                temp.resolve("export/pi"), List.of(cloudflare, tailscale));
    }

    /** On the review step: no problems, export, save; then compare with the example and hunt for the canaries. */
    private void finishAndCheck(FxRobot fx, WizardRobot ui, String example, Path saved, Path exported, List<String> canaries)
            throws Exception {
        assertThat(ui.text("#render-message")).doesNotContain("Fix the errors");
        assertThat(window.state().problems()).noneMatch(p -> p.isError());
        ui.type("export-folder", exported.toString()).click("#export");
        ui.waitUntil("#export-status", t -> t.startsWith("Exported")); // the store and the disk work off the FX thread
        assertThat(fx.lookup("#provision").queryButton().isDisabled()).as("Provision… is offered once exported").isFalse();
        var saving = new java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<Boolean>>();
        fx.interact(() -> saving.set(window.saveTo(saved)));
        assertThat(saving.get().get(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        PlanFormat format = new PlanFormat();
        // byte for byte what the engine's format writes for the bundled example
        assertThat(Files.readString(saved)).isEqualTo(format.write(Examples.load(format, example)));
        // the CLI on the saved plan writes the same tree, byte for byte
        Path cliOut = temp.resolve("cli-export");
        var out = new java.io.StringWriter();
        int code = dev.railyard.cli.RailyardCli.run(new String[] {"generate", saved.toString(), "-o", cliOut.toString()},
                new java.io.PrintWriter(out), new java.io.PrintWriter(out));
        assertThat(code).as(out.toString()).isZero();
        assertThat(tree(exported)).isNotEmpty().isEqualTo(tree(cliOut));
        ClusterPlan reread = format.read(saved);
        List<GeneratedFile> rendered = PlanRenderer.standard().render(RenderInput.withoutSecrets(reread, Catalog.bundled()));
        assertThat(tree(exported)).containsAllEntriesOf(expectedTree(rendered));

        try (Stream<Path> all = Stream.of(temp.resolve("app-data"), temp.resolve("export"), temp.resolve("project"), temp.resolve("cli-export"))
                .filter(Files::isDirectory).flatMap(WizardWalkTest::walk)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String canary : canaries) {
                    assertThat(content).as("%s must not hold a typed secret", file).doesNotContain(canary);
                }
            }
        }
        assertThat(temp.resolve("app-data/vault.bin")).exists();
        for (ILoggingEvent event : logs.list) {
            for (String canary : canaries) assertThat(event.getFormattedMessage()).doesNotContain(canary);
        }
    }

    private static Stream<Path> walk(Path dir) {
        try {
            return Files.walk(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> tree(Path dir) throws Exception {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) return files;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
        return files;
    }

    private static Map<String, String> expectedTree(List<GeneratedFile> files) {
        Map<String, String> map = new TreeMap<>();
        files.forEach(f -> map.put(f.path(), f.content()));
        return map;
    }
}
