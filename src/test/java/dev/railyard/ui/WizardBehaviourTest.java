package dev.railyard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.railyard.engine.validate.Problem;
import dev.railyard.testsupport.FakeCloudApis;
import dev.railyard.testsupport.FxThread;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Inline problems, Next/Back, keyboard and Test connection, through the real window. */
@ExtendWith(ApplicationExtension.class)
class WizardBehaviourTest {

    @TempDir Path temp;
    private FakeCloudApis api;
    private MainWindow window;
    private WizardRobot ui;

    @Start
    void start(Stage stage) throws Exception {
        api = new FakeCloudApis();
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        window = WizardFixture.show(stage, new MainWindow(WizardFixture.context(temp.resolve("app-data"), api.base())));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private void openExampleAt(FxRobot fx, String example, int step) {
        ui = new WizardRobot(fx, () -> window.state().problems());
        ui.click("#example-" + example);
        for (int i = 0; i < step; i++) ui.next();
    }

    @Test
    void helpCopyDiagnosticsPutsVersionOsJavaModulesAndTheLogTailOnTheClipboard(FxRobot fx) throws Exception {
        java.nio.file.Path logs = dev.railyard.launch.AppLog.folder(temp.resolve("app-data"));
        java.nio.file.Files.createDirectories(logs);
        java.nio.file.Files.writeString(logs.resolve(dev.railyard.launch.AppLog.FILE), "10:00 INFO started\n10:01 WARN token=abcdef123456\n");
        fx.clickOn("#tool-help");
        fx.clickOn("Copy diagnostics");
        String copied = WaitForAsyncUtils.asyncFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString()).get();
        assertThat(copied).startsWith("Railyard ").contains("Java: ").contains("Runtime modules: ").contains("10:00 INFO started")
                .contains("token=[REDACTED]").doesNotContain("abcdef123456");
    }

    @Test
    void anInvalidDomainShowsTheEnginesMessageNextToTheFieldAndBlocksNextUntilFixed(FxRobot fx) {
        openExampleAt(fx, "hetzner-small", 2);
        assertThat(ui.problemText("spec.gitpod.domain")).isEmpty();

        ui.type("spec.gitpod.domain", "gitpod_example..com!");
        // written out here, not asked of the engine: the test fails if the field shows anything else
        assertThat(ui.problemText("spec.gitpod.domain")).isEqualTo("has an empty label (two dots in a row or a leading dot)"
                + " (the domain must be a DNS name such as gitpod.example.com: labels of lower-case letters, digits and '-',"
                + " starting and ending with a letter or digit, each at most 63 characters, joined by '.', at most 253"
                + " characters in all)");
        assertThat(ui.nextButton().isDisabled()).as("Next with an error on the page").isTrue();

        ui.clearDomain(fx);
        assertThat(ui.problemText("spec.gitpod.domain")).isEqualTo("required: the domain Gitpod is served at, e.g. gitpod.example.com");
        assertThat(ui.nextButton().isDisabled()).isTrue();
        fx.type(KeyCode.ENTER); // Enter is Next, and Next is blocked
        assertThat(fx.lookup(".railyard-step-title").queryLabeled().getText()).isEqualTo("Domain & access");

        ui.type("spec.gitpod.domain", "gitpod.example.com");
        assertThat(ui.problemText("spec.gitpod.domain")).isEmpty();
        assertThat(ui.nextButton().isDisabled()).isFalse();
        assertThat(ui.text("#dns-names")).isEqualTo("gitpod.example.com\n*.gitpod.example.com\n*.ws.gitpod.example.com");
    }

    @Test
    void backAndNextKeepWhatWasTypedAndEnterIsNextAndEscapeIsBack(FxRobot fx) {
        openExampleAt(fx, "hetzner-small", 0);
        ui.type("metadata.name", "kept-name").type("spec.provider.hetzner.tokenRef", "typed-token");
        fx.type(KeyCode.ENTER);
        ui.settle();
        // the typed token goes to the vault off the FX thread (600,000 PBKDF2 iterations); the step changes after it
        awaitTitle(fx, "Cluster size");
        ui.type("spec.size.nodes", "2");
        fx.type(KeyCode.ENTER);
        ui.settle();
        assertThat(title(fx)).isEqualTo("Domain & access");
        fx.type(KeyCode.ESCAPE);
        ui.settle();
        assertThat(title(fx)).isEqualTo("Cluster size");
        assertThat(ui.text(WizardRobot.id("spec.size.nodes"))).isEqualTo("2");
        ui.click("#back");
        assertThat(ui.text(WizardRobot.id("metadata.name"))).isEqualTo("kept-name");
        assertThat(ui.text(WizardRobot.id("spec.provider.hetzner.tokenRef"))).isEqualTo("typed-token");
        assertThat(window.plan().spec().size().nodes()).isEqualTo(2);
    }

    private void awaitTitle(FxRobot fx, String expected) {
        try {
            FxThread.waitFor(30, () -> title(fx).equals(expected));
        } catch (java.util.concurrent.TimeoutException e) {
            assertThat(title(fx)).as("the step 30 s after Enter").isEqualTo(expected);
        }
        ui.settle(); // the step's form joins the scene graph with its scroll pane's skin, at the next pulse
    }

    @Test
    void testConnectionReportsSuccessThenA401FromTheLocalApi(FxRobot fx) throws Exception {
        openExampleAt(fx, "hetzner-small", 0);
        ui.type("spec.provider.hetzner.tokenRef", FakeCloudApis.GOOD_TOKEN).click("#test-connection");
        ui.waitUntil("#test-connection-result", t -> t.startsWith("Connected"));
        assertThat(ui.text("#test-connection-result")).contains("fsn1").contains("cx43");

        ui.type("spec.provider.hetzner.tokenRef", "not-the-token").click("#test-connection");
        ui.waitUntil("#test-connection-result", t -> t.contains("401"));
        assertThat(ui.text("#test-connection-result")).contains("rejected the token");
        assertThat(api.requests).anyMatch(r -> r.startsWith("GET /v1/server_types"));
    }

    @Test
    void testSshOnAnExistingHostReportsItsRightsAndHostKeyFromARealSshd(FxRobot fx) throws Exception {
        try (dev.railyard.testsupport.OpenSshServer sshd = dev.railyard.testsupport.OpenSshServer.start(
                java.nio.file.Files.createDirectories(temp.resolve("sshd")))) {
            openExampleAt(fx, "existing-raspberry-pi-tailscale", 0);
            ui.type("spec.provider.existing.hosts[0].address", "127.0.0.1")
                    .type("spec.provider.existing.hosts[0].sshUser", System.getProperty("user.name"))
                    .type("spec.provider.existing.hosts[0].sshPort", String.valueOf(sshd.port))
                    .type("spec.sshKey.publicKeyFile", sshd.clientKey + ".pub")
                    .click("#test-ssh-0");
            ui.waitUntil("#test-ssh-result", t -> t.contains("answers") || t.contains("rpi-node-1: ") && !t.contains("connecting"));
            assertThat(ui.text("#test-ssh-result")).startsWith("rpi-node-1: answers").contains(sshd.hostKeys.fingerprint());

            ui.type("spec.provider.existing.hosts[0].sshPort", String.valueOf(dev.railyard.testsupport.OpenSshServer.freePort()))
                    .click("#test-ssh-0");
            ui.waitUntil("#test-ssh-result", t -> !t.contains("connecting") && !t.contains("answers"));
            assertThat(ui.text("#test-ssh-result")).startsWith("rpi-node-1: ").doesNotContain("answers");
        }
    }

    @Test
    void aProblemOnTheReviewJumpsToItsField(FxRobot fx) {
        openExampleAt(fx, "hetzner-small", 0);
        ui.click("#nav-2");
        ui.clearDomain(fx);
        ui.click("#nav-6"); // Review (after Coder's screen)
        Hyperlink link = fx.lookup("#review-problems .hyperlink").queryAs(Hyperlink.class);
        assertThat(link.getText()).startsWith("spec.gitpod.domain: ");
        ui.click("#review-problems .hyperlink");
        assertThat(title(fx)).isEqualTo("Domain & access");
        Node focused = fx.targetWindow().getScene().getFocusOwner();
        assertThat(focused.getId()).isEqualTo("spec-gitpod-domain");
    }

    @Test
    void anExampleReachesTheReviewWithoutNetworkListsItsWarningsAndRendersItsFiles(FxRobot fx) {
        openExampleAt(fx, "existing-raspberry-pi-tailscale", 0);
        ui.click("#nav-6"); // Review (after Coder's screen)
        assertThat(title(fx)).isEqualTo("Review & export");
        assertThat(ui.text("#render-message")).doesNotContain("Fix the errors").doesNotContain("could not");
        var problems = window.state().problems();
        assertThat(problems).noneMatch(Problem::isError);
        assertThat(fx.lookup("#review-problems .hyperlink").queryAll()).hasSize(problems.size());
        assertThat(ui.text("#render-message")).matches("\\d+ files; .*");
        assertThat(api.requests).isEmpty();
    }

    private static String title(FxRobot fx) {
        return fx.lookup(".railyard-step-title").queryLabeled().getText();
    }
}
