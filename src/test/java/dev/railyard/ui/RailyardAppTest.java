package dev.railyard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.testsupport.FxThread;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Starts the real application class, the one {@code ./mvnw javafx:run} launches: the start screen shows
 * the example gallery, and an example reaches Review with no network. Also prints a rough start-up
 * ratio against a bare "hello" window started the same way (a measurement, not an assertion).
 */
class RailyardAppTest {

    @org.junit.jupiter.api.io.TempDir
    static Path home;

    @BeforeAll
    static void isolateAppData() throws Exception {
        System.setProperty("railyard.home", home.toString());
        FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void restore() throws Exception {
        System.clearProperty("railyard.home");
        FxToolkit.cleanupStages();
    }

    public static final class Hello extends Application {
        @Override
        public void start(Stage stage) {
            stage.setScene(new Scene(new Label("hello"), 1100, 760));
            stage.show();
        }
    }

    @Test
    void opensTheStartScreenWithTheExampleGalleryAndReachesReviewOffline() throws Exception {
        // "First frame" = the moment start() puts its scene on the (shared, already visible) primary stage.
        Stage stage = FxToolkit.toolkitContext().getRegisteredStage();
        long[] sceneAt = new long[1];
        stage.sceneProperty().addListener((o, a, b) -> {
            if (sceneAt[0] == 0) sceneAt[0] = System.nanoTime();
        });
        long helloStart = System.nanoTime();
        Application hello = FxToolkit.setupApplication(Hello.class);
        WaitForAsyncUtils.waitForFxEvents();
        long helloNanos = sceneAt[0] - helloStart;
        FxToolkit.cleanupApplication(hello);

        sceneAt[0] = 0;
        long appStart = System.nanoTime();
        Application app = FxToolkit.setupApplication(RailyardApp.class);
        WaitForAsyncUtils.waitForFxEvents();
        long appNanos = sceneAt[0] - appStart;
        System.out.printf("start-up to first frame: hello %d ms, Railyard %d ms, ratio %.2f (same JVM, toolkit already up)%n",
                helloNanos / 1_000_000, appNanos / 1_000_000, (double) appNanos / helloNanos);

        FxRobot fx = new FxRobot();
        // the window replaces the start screen once the engine is built on its own thread; its start
        // screen's gallery sits in a ScrollPane, in the scene graph after the next pulse. Looked for in
        // this stage's scene: a lookup over every window found the first frame's start screen (and an
        // earlier test's toolbar), and clicked its button after setRoot had detached it (scene null)
        FxThread.waitFor(30, () -> {
            javafx.scene.Node root = stage.getScene().getRoot();
            return !fx.from(root).lookup("#tool-home").queryAll().isEmpty() && !fx.from(root).lookup("#example-gallery").queryAll().isEmpty()
                    && fx.from(root).lookup("#example-hetzner-small").match(javafx.scene.Node::isVisible).tryQuery().isPresent();
        });
        // five Gitpod examples and two Coder ones (hetzner-small-coder, existing-raspberry-pi-tailscale-coder)
        assertThat(fx.lookup("#example-gallery").queryParent().getChildrenUnmodifiable()).hasSize(7);
        fx.clickOn("#example-hetzner-small");
        WaitForAsyncUtils.waitForFxEvents();
        fx.clickOn("#nav-6"); // Review (after Coder's screen)
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx.lookup(".railyard-step-title").queryLabeled().getText()).isEqualTo("Review & export");
        assertThat(fx.lookup("#render-message").queryLabeled().getText()).doesNotContain("Fix the errors");
        FxToolkit.cleanupApplication(app);
    }
}
