package dev.railyard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.railyard.testsupport.FakeCloudApis;
import dev.railyard.testsupport.Snapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app takes its own screenshots: every screen in light, and the review in dark. A normal build
 * writes them to {@code target/screenshots}; the README's copies are refreshed with
 * {@code ./mvnw -B -q test -Dtest=ScreenshotsTest -Drailyard.screenshots=assets/screenshots}.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotsTest {

    @TempDir static Path appData;
    private static FakeCloudApis api;
    private MainWindow window;
    private Scene scene;

    @Start
    void start(Stage stage) throws Exception {
        api = new FakeCloudApis();
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        window = new MainWindow(WizardFixture.context(appData, api.base()));
        scene = new Scene(window.root(), 1100, 760);
        stage.setScene(scene);
        window.attach(stage);
        stage.show();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void takesAScreenshotOfEveryScreen(FxRobot robot) throws Exception {
        Path project = Path.of(System.getProperty("railyard.projectDir", "."));
        Path dir = project.resolve(System.getProperty("railyard.screenshots", "target/screenshots"));
        shoot(robot, dir.resolve("start-light.png"));
        robot.interact(() -> window.openExample("hetzner-small"));
        String[] names = {"cloud-light", "size-light", "domain-light", "dependencies-light", "coder-gitpod-plan-light", "networking-light",
            "review-light"};
        for (int i = 0; i < names.length; i++) {
            int step = i;
            robot.interact(() -> window.show(step));
            shoot(robot, dir.resolve(names[i] + ".png"));
        }
        robot.interact(() -> window.openExample("existing-raspberry-pi-tailscale"));
        robot.interact(() -> window.show(5));
        robot.interact(() -> robot.lookup("#tailscale-policy-preview").query().requestFocus()); // scrolls to the preview
        shoot(robot, dir.resolve("networking-tailscale-light.png"));
        robot.interact(() -> window.show(0));
        shoot(robot, dir.resolve("cloud-existing-light.png"));
        robot.interact(() -> {
            window.show(6);
            window.setDark(true);
        });
        shoot(robot, dir.resolve("review-dark.png"));
        robot.interact(() -> window.setDark(false));

        Snapshots.Stats light = Snapshots.stats(dir.resolve("review-light.png"));
        Snapshots.Stats dark = Snapshots.stats(dir.resolve("review-dark.png"));
        for (String name : new String[] {"start-light", "cloud-light", "size-light", "domain-light", "dependencies-light",
                "networking-light", "review-light", "networking-tailscale-light", "cloud-existing-light", "review-dark"}) {
            Snapshots.Stats s = Snapshots.stats(dir.resolve(name + ".png"));
            assertThat(s.width()).as(name).isEqualTo(1100);
            assertThat(s.height()).as(name).isEqualTo(760);
            // a screen with text, fields and icons, not a blank or half-drawn frame
            assertThat(s.colours()).as("%s: distinct colours", name).isGreaterThan(50);
            if (name.endsWith("-light")) assertThat(s.meanLuminance()).as("%s: a light screen", name).isGreaterThan(0.75);
        }
        assertThat(dark.meanLuminance()).as("the dark review is dark").isLessThan(0.35);
        assertThat(light.meanLuminance() - dark.meanLuminance()).as("light and dark differ").isGreaterThan(0.4);
    }

    @Test
    void takesScreenshotsOfThePlatformChoiceAndCodersScreen(FxRobot robot) throws Exception {
        Path project = Path.of(System.getProperty("railyard.projectDir", "."));
        Path dir = project.resolve(System.getProperty("railyard.screenshots", "target/screenshots"));
        robot.interact(() -> robot.lookup("#platform-coder").queryAs(javafx.scene.control.RadioButton.class).setSelected(true));
        robot.interact(() -> robot.lookup("#start-screen").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(1.0));
        shoot(robot, dir.resolve("platform-choice-light.png"));
        robot.interact(() -> window.setDark(true));
        shoot(robot, dir.resolve("platform-choice-dark.png"));
        robot.interact(() -> {
            window.setDark(false);
            window.openExample("hetzner-small-coder");
            window.show(4);
        });
        shoot(robot, dir.resolve("coder-light.png"));
        robot.interact(() -> window.setDark(true));
        shoot(robot, dir.resolve("coder-dark.png"));
        robot.interact(() -> window.setDark(false));
        assertThat(Files.size(dir.resolve("coder-dark.png"))).isGreaterThan(10_000);
    }

    private void shoot(FxRobot robot, Path file) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(400); // debounced validation
        WaitForAsyncUtils.waitForFxEvents();
        Exception[] failure = new Exception[1];
        robot.interact(() -> {
            try {
                WizardFixture.savePng(scene, file);
            } catch (Exception e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) throw failure[0];
        assertThat(file).exists();
    }
}
