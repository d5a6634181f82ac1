package dev.railyard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.railyard.testsupport.FakeCloudApis;
import dev.railyard.testsupport.FxThread;
import dev.railyard.testsupport.TestClocks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Demo (no cloud)" from the start screen: the demo window (title and banner say simulation) runs the real run screen
 * to its end over the simulated world, its health panel shows the seed's diagnosis, and "Apply fix" makes it Ready.
 * The app's clock here moves a millisecond per reading, and the demo runs at 500x, so the journey takes seconds.
 */
@ExtendWith(ApplicationExtension.class)
class DemoWindowTest {

    @TempDir Path temp;
    private FakeCloudApis api;
    private String speedBefore;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        api = new FakeCloudApis();
        speedBefore = System.setProperty(DemoWindow.SPEED_PROPERTY, "500");
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        AppContext fixture = WizardFixture.context(temp.resolve("app-data"), api.base());
        AppContext ctx = new AppContext(fixture.catalog(), fixture.format(), fixture.validator(), fixture.renderer(), fixture.exporter(),
                fixture.secrets(), fixture.resolver(), fixture.dirs(), fixture.autosave(), fixture.recent(), fixture.hetzner(),
                fixture.azure(), fixture.publicIp(), fixture.background(), TestClocks.ticking());
        window = WizardFixture.show(stage, new MainWindow(ctx));
    }

    @AfterEach
    void stop() {
        api.close();
        if (speedBefore == null) System.clearProperty(DemoWindow.SPEED_PROPERTY);
        else System.setProperty(DemoWindow.SPEED_PROPERTY, speedBefore);
    }

    @Test
    void demoRunsFromTheStartScreenThroughTheRunScreenToTheHealthPanelWhoseFixMakesTheClusterReady(FxRobot fx) throws Exception {
        fx.clickOn("#start-demo");
        FxThread.waitFor(10, () -> demoStage(fx) != null);
        Stage demo = demoStage(fx);
        assertThat(demo.getTitle()).contains("DEMO").contains("simulation");
        assertThat(text((Label) lookup(fx, demo, "#demo-banner"))).startsWith("SIMULATION");

        Button health = (Button) lookup(fx, demo, "#run-health");
        Label status = (Label) lookup(fx, demo, "#run-status");
        FxThread.waitFor(90, () -> status.getText().contains(" is ready: ") || status.getText().contains("failed")
                || status.getText().startsWith("Stopped") || status.getText().startsWith("Could not"));
        assertThat(text(status)).startsWith("acme-gitpod is ready: https://gitpod.example.com");
        assertThat(FxThread.onFx(health::isDisabled)).isFalse();
        shoot(fx, demo, "demo-run-light.png");
        fx.interact(health::fire);

        FxThread.waitFor(30, () -> lookup(fx, demo, "#health-apply-fix-RY-DNS-001") != null);
        assertThat(text((Label) lookup(fx, demo, "#health-status"))).isEqualTo("Broken");
        assertThat(FxThread.onFx(() -> fx.from(lookup(fx, demo, "#health-findings")).lookup((Label l) -> l.getText().contains("10.43.0.10:53")
                && l.getText().contains("i/o timeout")).tryQuery())).isPresent();

        shoot(fx, demo, "demo-health-light.png");
        fx.interact(() -> ((Button) lookup(fx, demo, "#health-apply-fix-RY-DNS-001")).fire());
        FxThread.waitFor(30, () -> "Ready".equals(((Label) lookup(fx, demo, "#health-status")).getText()));
        assertThat(lookup(fx, demo, "#health-apply-fix-RY-DNS-001")).isNull();

        Path demos = temp.resolve("app-data").resolve("demo");
        fx.interact(demo::close);
        try (Stream<Path> left = Files.list(demos)) {
            assertThat(left.toList()).as("demo folders left after closing its window").isEmpty();
        }
    }

    @Test
    void theReviewStepsDemoButtonRunsThePlanBeingEditedInTheSimulation(FxRobot fx) throws Exception {
        WizardRobot ui = new WizardRobot(fx, () -> window.state().problems());
        ui.click("#example-hetzner-small");
        for (int i = 0; i < 6; i++) ui.next();
        ui.click("#review-demo");
        FxThread.waitFor(10, () -> demoStage(fx) != null);
        Stage demo = demoStage(fx);
        assertThat(text((Label) lookup(fx, demo, "#demo-banner"))).startsWith("SIMULATION");
        try (Stream<Path> folders = Files.list(temp.resolve("app-data").resolve("demo"))) {
            assertThat(folders.map(f -> f.getFileName().toString()).toList()).singleElement().asString().startsWith("demo-acme-gitpod-");
        }
        fx.interact(demo::close);
    }

    @Test
    void aCoderPlansDemoRunsCodersStepsAgainstTheSimulatedCoderdToTheHealthPanelWhoseFixMakesTheClusterReady(FxRobot fx) throws Exception {
        WizardRobot ui = new WizardRobot(fx, () -> window.state().problems());
        ui.click("#example-hetzner-small-coder");
        for (int i = 0; i < 10 && fx.lookup("#review-demo").tryQuery().isEmpty(); i++) ui.next();
        ui.click("#review-demo");
        FxThread.waitFor(10, () -> demoStage(fx) != null);
        Stage demo = demoStage(fx);
        Label status = (Label) lookup(fx, demo, "#run-status");
        FxThread.waitFor(90, () -> status.getText().contains(" is ready: ") || status.getText().contains("failed")
                || status.getText().startsWith("Stopped") || status.getText().startsWith("Could not"));
        assertThat(text(status)).startsWith("acme-coder is ready: ");
        fx.interact(((Button) lookup(fx, demo, "#run-health"))::fire);

        FxThread.waitFor(30, () -> lookup(fx, demo, "#health-apply-fix-RY-DNS-001") != null);
        assertThat(text((Label) lookup(fx, demo, "#health-status"))).isEqualTo("Broken");
        assertThat(FxThread.onFx(() -> fx.from(lookup(fx, demo, "#health-findings")).lookup((Label l) -> l.getText().contains("coder/coder-admin-dev")
                && l.getText().contains("10.43.0.10:53")).tryQuery())).isPresent();
        fx.interact(() -> ((Button) lookup(fx, demo, "#health-apply-fix-RY-DNS-001")).fire());
        FxThread.waitFor(30, () -> "Ready".equals(((Label) lookup(fx, demo, "#health-status")).getText()));
        fx.interact(demo::close);
    }

    /** Into target/screenshots, or where -Drailyard.screenshots says (the README's copies: assets/screenshots). */
    private static void shoot(FxRobot fx, Stage demo, String name) throws Exception {
        Path dir = Path.of(System.getProperty("railyard.projectDir", ".")).resolve(System.getProperty("railyard.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        WaitForAsyncUtils.waitForFxEvents();
        Exception[] failure = new Exception[1];
        fx.interact(() -> {
            try {
                WizardFixture.savePng(demo.getScene(), dir.resolve(name));
            } catch (Exception e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) throw failure[0];
        assertThat(Files.size(dir.resolve(name))).isGreaterThan(10_000);
    }

    /** The demo's window; asked on the FX thread, as every read of the scene graph here is (see FxThread.waitFor). */
    private static Stage demoStage(FxRobot fx) {
        return FxThread.onFx(() -> {
            for (Window w : fx.listWindows()) {
                if (w instanceof Stage s && s.getTitle() != null && s.getTitle().startsWith("Railyard — DEMO")) return s;
            }
            return null;
        });
    }

    private static Node lookup(FxRobot fx, Stage demo, String query) {
        return FxThread.onFx(() -> fx.from(demo.getScene().getRoot()).lookup(query).tryQuery().orElse(null));
    }

    private static String text(Label label) {
        return FxThread.onFx(label::getText);
    }
}
