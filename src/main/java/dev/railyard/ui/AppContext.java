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
import dev.railyard.engine.secrets.SecretStore;
import dev.railyard.engine.secrets.SecretStores;
import dev.railyard.engine.validate.PlanValidator;
import dev.railyard.ui.export.EngineExporter;
import dev.railyard.ui.export.PlanExporter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The engine objects the desktop app uses, built by hand in one place (the composition root). Tests
 * build their own with a temporary app-data folder, a vault with a known passphrase and local
 * servers in place of the cloud APIs.
 */
public record AppContext(Catalog catalog, PlanFormat format, PlanValidator validator, PlanRenderer renderer,
                         PlanExporter exporter, SecretStore secrets, SecretResolver resolver, AppDirs dirs,
                         DraftAutosave autosave, RecentProjects recent, HetznerClient hetzner, AzureClient azure,
                         PublicIpLookup publicIp, Executor background, Clock clock) {

    /** Base URLs of the outside services; system properties override them (tests, proxies, mirrors). */
    public record Endpoints(URI hetzner, URI azureLogin, URI azureManagement, URI publicIp) {
        public static Endpoints fromSystemProperties() {
            return new Endpoints(
                    uri("railyard.hetzner.url", HetznerClient.DEFAULT_BASE),
                    uri("railyard.azure.login.url", AzureClient.DEFAULT_LOGIN),
                    uri("railyard.azure.management.url", AzureClient.DEFAULT_MANAGEMENT),
                    uri("railyard.publicip.url", PublicIpLookup.DEFAULT_SERVICE));
        }

        private static URI uri(String property, URI fallback) {
            return checked(property, System.getProperty(property), fallback);
        }

        /**
         * The override of one base URL: tokens travel to it, so only https, or plain http to this machine
         * (stand-ins in tests). Anything else is refused with the property's name.
         */
        static URI checked(String property, String value, URI fallback) {
            return dev.railyard.engine.run.EndpointOverrides.checked(property, value, fallback);
        }
    }

    public static AppContext create(AppDirs dirs, Map<String, String> env, Supplier<char[]> askVaultPassphrase, Endpoints endpoints) {
        Catalog catalog = Catalog.bundled();
        PlanFormat format = new PlanFormat();
        PlanRenderer renderer = PlanRenderer.standard();
        SecretStore store = SecretStores.select(dirs, env, SecretStores.passphraseFromEnvOr(env, askVaultPassphrase));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Executor background = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "railyard-ui-worker");
            t.setDaemon(true);
            return t;
        });
        return new AppContext(catalog, format, new PlanValidator(catalog), renderer, new EngineExporter(new dev.railyard.engine.render.Generator(catalog, new PlanValidator(catalog), renderer)),
                store, new SecretResolver(store, env, Path.of(System.getProperty("user.home"))), dirs,
                new DraftAutosave(dirs.draft(), format, Duration.ofSeconds(1)), new RecentProjects(dirs.recent()),
                new HetznerClient(http, endpoints.hetzner()), new AzureClient(http, endpoints.azureLogin(), endpoints.azureManagement()),
                new PublicIpLookup(http, endpoints.publicIp()), background,
                // the desktop app's one wall clock: certificate expiry, ages and run times are judged against it
                Clock.systemUTC());
    }
}
