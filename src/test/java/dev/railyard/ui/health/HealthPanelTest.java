package dev.railyard.ui.health;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.railyard.engine.cluster.ClusterScenarios;
import dev.railyard.engine.cluster.ClusterScenarios.Scenario;
import dev.railyard.engine.cluster.Finding;
import dev.railyard.engine.cluster.HealthChecks;
import dev.railyard.engine.cluster.HealthReport;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class HealthPanelTest {

    private final List<String> copied = new CopyOnWriteArrayList<>();
    private final AtomicReference<HealthReport> next = new AtomicReference<>();
    private HealthPanel panel;
    private Stage stage;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        this.stage = stage;
        HealthViewModel model = new HealthViewModel(next::get, Runnable::run);
        panel = new HealthPanel(model, copied::add);
        stage.setScene(new Scene(panel, 1100, 760));
        stage.show();
    }

    private static HealthReport reportOf(Scenario scenario) {
        return HealthChecks.standard().evaluate(scenario.snapshot(), scenario.expectations());
    }

    private void show(FxRobot robot, HealthReport report) {
        robot.interact(() -> panel.model().show(report));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<TitledPane> findingPanes(FxRobot robot) {
        return robot.lookup(".health-finding").queryAllAs(TitledPane.class).stream().toList();
    }

    /** Each scenario's verdict, written out (the codes are written out in ClusterScenarios). */
    static final java.util.Map<String, String> VERDICTS = java.util.Map.of(
            "healthy", "Ready",
            "seed DNS crash loop", "Broken",
            "docker.sock in a user pod", "Broken",
            "privileged workspace", "Broken",
            "Tailscale route not approved", "Broken",
            "unissued certificate", "Broken",
            "node NotReady", "Broken",
            "degraded", "Degraded");

    @Test
    void rendersEveryScenarioWithItsVerdictAndOnePanePerFinding(FxRobot robot) {
        assertThat(ClusterScenarios.all()).extracting(Scenario::name).containsExactlyInAnyOrderElementsOf(VERDICTS.keySet());
        for (Scenario scenario : ClusterScenarios.all()) {
            HealthReport report = reportOf(scenario);
            show(robot, report);

            assertThat(robot.lookup("#health-status").queryAs(Label.class).getText()).as(scenario.name())
                    .isEqualTo(VERDICTS.get(scenario.name()));
            assertThat(findingPanes(robot)).as(scenario.name()).hasSize(report.findings().size());
            java.util.Set<String> shown = new java.util.TreeSet<>();
            findingPanes(robot).forEach(p -> shown.add(((Finding) p.getUserData()).code()));
            assertThat(shown).as(scenario.name()).isEqualTo(new java.util.TreeSet<>(scenario.expectedCodes()));
            assertThat(robot.lookup("#health-all-good").tryQuery().isPresent()).as("%s: all good shown", scenario.name())
                    .isEqualTo(scenario.expectedCodes().isEmpty());
            // every scenario's ws-daemon runs the shiftfs module loader: the panel says so, healthy or not
            assertThat(robot.lookup("#health-facts").queryAs(Label.class).getText()).as(scenario.name())
                    .isEqualTo("Workspace file-system shift: shiftfs (ws-daemon pods run the shiftfs-module-loader init container)");
        }
    }

    @Test
    void errorsOpenWithTheirEvidenceAndWarningsExpandOnClick(FxRobot robot) {
        show(robot, reportOf(ClusterScenarios.seedDnsCrashLoop()));

        TitledPane dns = findingPanes(robot).stream().filter(p -> ((Finding) p.getUserData()).code().equals("RY-DNS-001")).findFirst().orElseThrow();
        assertThat(dns.isExpanded()).isTrue();
        assertThat(robot.from(dns).lookup((Label l) -> l.getText().contains("lookup kotsadm-postgres on 10.43.0.10:53")).tryQuery()).isPresent();

        show(robot, reportOf(ClusterScenarios.degraded()));
        TitledPane warning = findingPanes(robot).get(0);
        assertThat(warning.isExpanded()).isFalse();
        robot.clickOn(warning.lookup(".title"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(warning.isExpanded()).isTrue();
    }

    @Test
    void filterKeepsOnlyMatchingFindingsAndCopyTakesWhatIsShown(FxRobot robot) {
        show(robot, reportOf(ClusterScenarios.seedDnsCrashLoop()));

        robot.clickOn("#health-filter").write("cattle");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(findingPanes(robot)).extracting(p -> ((Finding) p.getUserData()).code())
                .containsExactlyInAnyOrder("RY-POD-001", "RY-DNS-001");
        robot.clickOn("#health-copy");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(copied).hasSize(1);
        assertThat(copied.get(0)).startsWith("Cluster health: BROKEN").contains("cattle-cluster-agent").doesNotContain("kotsadm-5d7f8c9b6-qz4wn (kotsadm) on node");
    }

    @Test
    void refreshShowsWhatTheSourceReportsNow(FxRobot robot) {
        show(robot, reportOf(ClusterScenarios.nodeNotReady()));
        assertThat(robot.lookup("#health-status").queryAs(Label.class).getText()).isEqualTo("Broken");

        next.set(reportOf(ClusterScenarios.healthy()));
        robot.clickOn("#health-refresh");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#health-status").queryAs(Label.class).getText()).isEqualTo("Ready");
        assertThat(findingPanes(robot)).isEmpty();
    }

    @Test
    void savesAScreenshotOfADegradedCluster(FxRobot robot) throws Exception {
        Scenario degraded = ClusterScenarios.degraded();
        // a warning opened so the screenshot shows evidence and fix
        show(robot, reportOf(degraded));
        robot.interact(() -> {
            findingPanes(robot).get(0).setExpanded(true);
            // focus away from the filter: a blinking caret would make every screenshot differ
            findingPanes(robot).get(0).requestFocus();
        });
        WaitForAsyncUtils.waitForFxEvents();

        AtomicReference<WritableImage> image = new AtomicReference<>();
        robot.interact(() -> image.set(panel.snapshot(null, null)));
        BufferedImage shot = toBufferedImage(image.get());
        assertThat(shot.getWidth()).isEqualTo(1100);
        assertThat(shot.getHeight()).isEqualTo(760);
        // not a blank frame: many colours, and the verdict's warning colour (Primer light's #9a6700) on it
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        int warningPixels = 0;
        for (int y = 0; y < shot.getHeight(); y++) {
            for (int x = 0; x < shot.getWidth(); x++) {
                int rgb = shot.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                if (Math.abs((rgb >> 16) - 0x9a) < 24 && Math.abs(((rgb >> 8) & 0xFF) - 0x67) < 24 && (rgb & 0xFF) < 40) warningPixels++;
            }
        }
        assertThat(colours).as("distinct colours in the screenshot").hasSizeGreaterThan(20);
        assertThat(warningPixels).as("pixels in the warning colour").isGreaterThan(30);
        assertThat(robot.lookup("#health-status").queryAs(Label.class).getText()).isEqualTo("Degraded");

        // the README's picture is rewritten only on demand (-Drailyard.screenshots=assets/screenshots), never by a plain build
        Path file = Path.of(System.getProperty("railyard.projectDir", "."))
                .resolve(System.getProperty("railyard.screenshots", "target/screenshots")).resolve("health-degraded.png");
        Files.createDirectories(file.getParent());
        ImageIO.write(shot, "png", file.toFile());
        assertThat(ImageIO.read(file.toFile()).getWidth()).isEqualTo(1100);
    }

    /** javafx.swing (SwingFXUtils) is not on the classpath: copy the pixels by hand. */
    static BufferedImage toBufferedImage(WritableImage image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) out.setRGB(x, y, pixels.getArgb(x, y));
        }
        return out;
    }
}
