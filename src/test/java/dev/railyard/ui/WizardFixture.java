package dev.railyard.ui;

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
import dev.railyard.engine.secrets.VaultSecretStore;
import dev.railyard.engine.validate.PlanValidator;
import dev.railyard.ui.export.EngineExporter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import javafx.scene.Scene;

/** The app wired for tests: temp app-data folder, a vault with a known passphrase, local fake APIs. */
final class WizardFixture {

    static final String VAULT_PASSPHRASE = "test-vault-passphrase";

    static AppContext context(Path appData, URI fakeApis) {
        Catalog catalog = Catalog.bundled();
        PlanFormat format = new PlanFormat();
        PlanRenderer renderer = PlanRenderer.standard();
        AppDirs dirs = new AppDirs(appData);
        var store = new VaultSecretStore(dirs.vault(), VAULT_PASSPHRASE::toCharArray);
        HttpClient http = HttpClient.newHttpClient();
        return new AppContext(catalog, format, new PlanValidator(catalog), renderer, new EngineExporter(new dev.railyard.engine.render.Generator(catalog, new PlanValidator(catalog), renderer)),
                store, new SecretResolver(store, Map.of(), appData), dirs,
                new DraftAutosave(dirs.draft(), format, Duration.ofMillis(200)), new RecentProjects(dirs.recent()),
                new HetznerClient(http, fakeApis), new AzureClient(http, fakeApis, fakeApis),
                new PublicIpLookup(http, fakeApis.resolve("/ip")), Executors.newCachedThreadPool(), dev.railyard.testsupport.TestClocks.fixed());
    }

    /** Shows {@code window} on {@code stage} at the size every wizard test uses, and returns it. */
    static MainWindow show(javafx.stage.Stage stage, MainWindow window) {
        stage.setScene(new Scene(window.root(), 1100, 800));
        window.attach(stage);
        stage.show();
        return window;
    }

    /** The scene as the user sees it, as a PNG (ImageIO from the JDK; no javafx-swing needed). */
    static void savePng(Scene scene, Path file) throws IOException {
        dev.railyard.testsupport.Snapshots.savePng(scene, file);
    }
}
