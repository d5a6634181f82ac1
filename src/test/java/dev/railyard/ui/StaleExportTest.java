package dev.railyard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.render.ExportCheck;
import dev.railyard.engine.render.Generator;
import dev.railyard.testsupport.FakeCloudApis;
import dev.railyard.testsupport.FxThread;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Provision… from an export older than the plan: the app lists the differing files (the CLI's
 * {@link ExportCheck}) and offers one button, "Regenerate and provision", which rewrites the export from
 * the plan and opens the run. The run stops at preflight (the test's vault holds none of the plan's
 * secrets), before anything leaves the machine.
 */
@ExtendWith(ApplicationExtension.class)
class StaleExportTest {

    @TempDir Path temp;
    private FakeCloudApis api;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        api = new FakeCloudApis();
        window = WizardFixture.show(stage, new MainWindow(WizardFixture.context(temp.resolve("app-data"), api.base())));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private void save(FxRobot fx, Path file) throws Exception {
        AtomicReference<CompletableFuture<Boolean>> saving = new AtomicReference<>();
        fx.interact(() -> saving.set(window.saveTo(file)));
        assertThat(saving.get().get(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aStaleExportShowsTheDifferingFilesAndRegeneratesBeforeTheRun(FxRobot fx) throws Exception {
        Path planFile = temp.resolve("project/railyard.yaml");
        java.nio.file.Files.createDirectories(planFile.getParent());
        Path export = temp.resolve("project/generated");
        fx.interact(() -> window.openExample("hetzner-small"));
        save(fx, planFile);
        fx.interact(() -> {
            try {
                WizardFixture.context(temp.resolve("app-data-2"), api.base()).exporter().export(window.plan(), export);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        // the plan changes after the export, and is saved: the export is now stale
        fx.interact(() -> window.state().edit(p -> p.withMetadata(new ClusterPlan.Metadata("acme-renamed"))));
        save(fx, planFile);
        assertThat(ExportCheck.compare(Generator.standard(Catalog.bundled()).generate(window.plan(), Optional.empty()), export)).isNotEmpty();

        fx.interact(() -> window.provision(export));
        FxThread.waitFor(20, () -> fx.lookup("#stale-export").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        ListView<String> files = fx.lookup("#stale-files").queryAs(ListView.class);
        assertThat(files.getItems()).isNotEmpty().anyMatch(line -> line.endsWith(": changed"));
        assertThat(fx.lookup("#stale-export").lookup(".button").queryAllAs(Button.class))
                .extracting(Button::getText).containsExactlyInAnyOrder("Regenerate and provision", "Cancel");
        assertThat(fx.lookup("#run-status").tryQuery()).as("nothing runs before the user chooses").isEmpty();

        fx.interact(() -> fx.lookup("#regenerate-and-provision").queryAs(Button.class).fire());
        FxThread.waitFor(30, () -> fx.lookup("#run-status").tryQuery().map(Node::isVisible).orElse(false));
        assertThat(ExportCheck.compare(Generator.standard(Catalog.bundled()).generate(window.plan(), Optional.empty()), export))
                .as("the export was written from the plan").isEmpty();
        FxThread.waitFor(60, () -> fx.lookup("#run-status").queryLabeled().getText().startsWith("Preflight failed"));
    }
}
