package dev.railyard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.cloud.AzureClient;
import dev.railyard.engine.cloud.HetznerClient;
import dev.railyard.engine.cloud.PublicIpLookup;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.project.AppDirs;
import dev.railyard.engine.project.DraftAutosave;
import dev.railyard.engine.project.RecentProjects;
import dev.railyard.engine.render.PlanRenderer;
import dev.railyard.engine.secrets.SecretResolver;
import dev.railyard.testsupport.FxThread;
import dev.railyard.testsupport.SlowSecretStore;
import dev.railyard.engine.validate.PlanValidator;
import dev.railyard.testsupport.FakeCloudApis;
import dev.railyard.testsupport.FxPulseWatchdog;
import dev.railyard.ui.export.EngineExporter;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
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
 * Secret-store work never runs on the FX thread: leaving a step with a typed secret (Next), exporting
 * and saving each hand typed secrets to a store as slow as the vault's key derivation or a keychain
 * over D-Bus, and a pulse watchdog fails the test when the FX thread is blocked longer than a frame
 * budget. A store that fails keeps what the user typed.
 */
@ExtendWith(ApplicationExtension.class)
class FxThreadSecretWorkTest {

    /** Generous for a loaded 2-core machine, far below the stand-in store's one-second calls. */
    private static final Duration BUDGET = Duration.ofMillis(400);

    @TempDir Path temp;
    private FakeCloudApis api;
    private MainWindow window;
    private final SlowSecretStore store = new SlowSecretStore(Duration.ofMillis(1000));

    @Start
    void start(Stage stage) throws Exception {
        api = new FakeCloudApis();
        Catalog catalog = Catalog.bundled();
        PlanFormat format = new PlanFormat();
        PlanRenderer renderer = PlanRenderer.standard();
        AppDirs dirs = new AppDirs(temp.resolve("app-data"));
        HttpClient http = HttpClient.newHttpClient();
        AppContext ctx = new AppContext(catalog, format, new PlanValidator(catalog), renderer,
                new EngineExporter(new dev.railyard.engine.render.Generator(catalog, new PlanValidator(catalog), renderer)),
                store, new SecretResolver(store, Map.of(), temp), dirs,
                new DraftAutosave(dirs.draft(), format, Duration.ofMillis(200)), new RecentProjects(dirs.recent()),
                new HetznerClient(http, api.base()), new AzureClient(http, api.base(), api.base()),
                new PublicIpLookup(http, api.base().resolve("/ip")), Executors.newCachedThreadPool(), dev.railyard.testsupport.TestClocks.fixed());
        window = WizardFixture.show(stage, new MainWindow(ctx));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private void openExample(FxRobot fx) {
        fx.interact(() -> window.openExample("hetzner-small"));
    }

    @Test
    void nextWithATypedSecretStoresItOffTheFxThread(FxRobot fx) throws Exception {
        openExample(fx);
        fx.interact(() -> window.state().putSecret("hcloud", "CANARY-typed-hcloud"));
        try (var watchdog = FxPulseWatchdog.start()) {
            fx.interact(window::next);
            FxThread.waitFor(15, () -> "2. Cluster size".equals(selectedNav(fx)) && store.values.containsKey("hcloud"));
            watchdog.assertNoStallOver(BUDGET);
        }
        assertThat(store.values).containsEntry("hcloud", "CANARY-typed-hcloud");
        assertThat(fx.lookup("#step-status").queryLabeled().getText()).doesNotContain("Storing");
    }

    @Test
    void aFailingStoreKeepsTheTypedSecretAndTheStep(FxRobot fx) throws Exception {
        openExample(fx);
        store.failing.set(true);
        fx.interact(() -> window.state().putSecret("hcloud", "CANARY-kept"));
        try (var watchdog = FxPulseWatchdog.start()) {
            fx.interact(window::next);
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> store.calls.get() > 0);
            Thread.sleep(600); // the stand-in's put takes a second: the FX thread must stay free meanwhile
            watchdog.assertNoStallOver(BUDGET); // (showing the error dialog afterwards is UI work, not measured)
        }
        FxThread.waitFor(15, () -> fx.lookup(".dialog-pane").tryQuery().isPresent());
        assertThat(fx.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class).getContentText()).contains("the stand-in store is locked");
        assertThat(selectedNav(fx)).isEqualTo("1. Cloud & credentials");
        assertThat(window.state().pendingSecret("hcloud")).isEqualTo("CANARY-kept");
    }

    @Test
    void exportWithATypedSecretStoresItOffTheFxThread(FxRobot fx) throws Exception {
        openExample(fx);
        fx.interact(() -> window.show(window.steps().size() - 1));
        fx.interact(() -> window.state().putSecret("cf", "CANARY-typed-cf"));
        Path out = temp.resolve("export");
        fx.interact(() -> fx.lookup("#export-folder").queryAs(TextField.class).setText(out.toString()));
        try (var watchdog = FxPulseWatchdog.start()) {
            fx.interact(() -> fx.lookup("#export").queryAs(Button.class).fire());
            FxThread.waitFor(20, () -> fx.lookup("#export-status").queryAs(Label.class).getText().startsWith("Exported"));
            watchdog.assertNoStallOver(BUDGET);
        }
        assertThat(store.values).containsEntry("cf", "CANARY-typed-cf");
        assertThat(out.resolve("terraform")).isDirectory();
    }

    @Test
    void saveWithATypedSecretStoresItOffTheFxThread(FxRobot fx) throws Exception {
        openExample(fx);
        fx.interact(() -> window.state().putSecret("hcloud", "CANARY-typed-save"));
        Path file = temp.resolve("project/railyard.yaml");
        Files.createDirectories(file.getParent());
        try (var watchdog = FxPulseWatchdog.start()) {
            fx.interact(() -> window.saveTo(file));
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> Files.exists(file) && !window.state().dirtyProperty().get());
            watchdog.assertNoStallOver(BUDGET);
        }
        assertThat(store.values).containsEntry("hcloud", "CANARY-typed-save");
        assertThat(Files.readString(file)).doesNotContain("CANARY");
    }

    private static String selectedNav(FxRobot fx) {
        return fx.lookup(".railyard-nav .toggle-button").queryAllAs(javafx.scene.control.ToggleButton.class).stream()
                .filter(javafx.scene.control.ToggleButton::isSelected).map(javafx.scene.control.ToggleButton::getText).findFirst().orElse("");
    }
}
