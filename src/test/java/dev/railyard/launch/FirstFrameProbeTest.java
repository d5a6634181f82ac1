package dev.railyard.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

class FirstFrameProbeTest {

    @AfterEach
    void closeStages() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void readsTheReportFileAndTheExitFlagFromProperties() {
        FirstFrameProbe probe = FirstFrameProbe.from(Map.of(
                "railyard.firstFrameFile", "/tmp/frame", "railyard.exitAfterFirstFrame", "true")::get);

        assertThat(probe.reportFile()).contains(Path.of("/tmp/frame"));
        assertThat(probe.exitAfterFirstFrame()).isTrue();
        assertThat(probe.isActive()).isTrue();
    }

    @Test
    void isInactiveWithoutEitherProperty() {
        FirstFrameProbe probe = FirstFrameProbe.from(Map.<String, String>of()::get);

        assertThat(probe.reportFile()).isEmpty();
        assertThat(probe.exitAfterFirstFrame()).isFalse();
        assertThat(probe.isActive()).isFalse();
    }

    @Test
    void writesTheWallClockTimeOfTheFirstFrameToTheReportFile(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("first-frame");
        FxToolkit.registerPrimaryStage();
        long before = System.currentTimeMillis();

        FxToolkit.setupStage(stage -> show(stage, new FirstFrameProbe(Optional.of(report), false)));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(report) && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(report).exists();
        long shown = Long.parseLong(Files.readString(report).trim());
        assertThat(shown).isBetween(before, System.currentTimeMillis());
    }

    private static void show(Stage stage, FirstFrameProbe probe) {
        Scene scene = new Scene(new Label("first frame"), 200, 100);
        probe.attach(scene);
        stage.setScene(scene);
        stage.show();
    }
}
