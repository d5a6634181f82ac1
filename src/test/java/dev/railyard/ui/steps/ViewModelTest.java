package dev.railyard.ui.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.cloud.AzureClient;
import dev.railyard.engine.cloud.HetznerClient;
import dev.railyard.engine.cloud.PublicIpLookup;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.plan.Provider;
import dev.railyard.engine.plan.Size;
import dev.railyard.engine.render.PlanRenderer;
import dev.railyard.engine.render.tailscale.TailscalePolicyRenderer;
import dev.railyard.engine.secrets.SecretResolver;
import dev.railyard.engine.secrets.SecretStore;
import dev.railyard.engine.validate.PlanValidator;
import dev.railyard.engine.validate.Problem;
import dev.railyard.testsupport.FakeCloudApis;
import dev.railyard.ui.wizard.Debouncer;
import dev.railyard.ui.wizard.WizardState;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** View-models are plain Java over JavaFX properties: tested without the FX toolkit, synchronously. */
class ViewModelTest {

    private static final Executor NOW = Runnable::run;
    private final PlanFormat format = new PlanFormat();
    private final Catalog catalog = Catalog.bundled();
    private final MemoryStore store = new MemoryStore();

    private WizardState state(String example) {
        return new WizardState(Examples.load(format, example), new PlanValidator(catalog)::validate, Debouncer.IMMEDIATE);
    }

    private CloudViewModel cloud(WizardState state, URI api) {
        HttpClient http = HttpClient.newHttpClient();
        return new CloudViewModel(state, catalog, new HetznerClient(http, api), new AzureClient(http, api, api),
                new SecretResolver(store, Map.of(), Path.of("/nonexistent")), NOW, NOW);
    }

    @Test
    void loadingAPlanIsNotAnEditAndFillsEveryField() {
        WizardState state = state("hetzner-small");
        CloudViewModel cloud = cloud(state, URI.create("http://127.0.0.1:1"));
        DependenciesViewModel deps = new DependenciesViewModel(state);
        assertThat(state.dirtyProperty().get()).isFalse();
        assertThat(cloud.name.get()).isEqualTo("acme-gitpod");
        assertThat(cloud.hetznerLocation.get()).isEqualTo("fsn1");
        assertThat(deps.dbInCluster.get()).isFalse();
        assertThat(deps.dbHost.get()).isEqualTo("db.example.com");
        assertThat(state.plan()).isEqualTo(Examples.load(format, "hetzner-small"));
    }

    @Test
    void aTypedTokenReachesTheStoreOnlyAndThePlanGetsAKeychainReference() {
        WizardState state = state("azure-small");
        CloudViewModel cloud = cloud(state, URI.create("http://127.0.0.1:1"));
        cloud.providerType.set(Provider.HETZNER);
        cloud.hetznerToken.valueProperty().set("CANARY-token-123");
        assertThat(state.plan().spec().provider().hetzner().tokenRef()).isEqualTo("keychain:hcloud");
        assertThat(format.write(state.plan())).doesNotContain("CANARY");
        assertThat(store.values).isEmpty();
        state.commitSecrets(store);
        assertThat(store.values).containsEntry("hcloud", "CANARY-token-123");
        assertThat(state.hasPendingSecret("hcloud")).isFalse();
    }

    @Test
    void keepsThePlansOwnKeychainNameForASecret() {
        WizardState state = state("azure-small");
        CloudViewModel cloud = cloud(state, URI.create("http://127.0.0.1:1"));
        cloud.azureSecret.valueProperty().set("s3cret");
        assertThat(state.plan().spec().provider().azure().credentialsRef()).isEqualTo("keychain:azure-sp");
    }

    @Test
    void lettersInAPortAreAnInputProblemOnThatPathAndBlockTheStep() {
        WizardState state = state("hetzner-small");
        NetworkingViewModel net = new NetworkingViewModel(state, catalog, new TailscalePolicyRenderer(),
                new PublicIpLookup(HttpClient.newHttpClient(), URI.create("http://127.0.0.1:1")), NOW, NOW);
        net.sshPort.set("22x");
        assertThat(state.problemsAt("spec.network.sshPort")).extracting(Problem::message).containsExactly("must be a whole number, not '22x'");
        assertThat(net.canAdvance()).isFalse();
        net.sshPort.set("2244");
        assertThat(state.problemsAt("spec.network.sshPort")).isEmpty();
        assertThat(state.plan().spec().network().sshPort()).isEqualTo(2244);
    }

    @Test
    void anEngineErrorOnAStepsPathBlocksThatStepButNotTheOthers() {
        WizardState state = state("hetzner-small");
        DomainViewModel domain = new DomainViewModel(state);
        SizeViewModel size = new SizeViewModel(state, catalog, format);
        domain.domain.set("");
        assertThat(domain.problems()).extracting(Problem::path).contains("spec.gitpod.domain");
        assertThat(domain.canAdvance()).isFalse();
        assertThat(size.canAdvance()).isTrue();
        domain.domain.set("gitpod.example.com");
        assertThat(domain.canAdvance()).isTrue();
    }

    @Test
    void openingACoderPlanLeavesItACoderPlan() {
        WizardState state = state("hetzner-small-coder");
        new DomainViewModel(state);
        new DependenciesViewModel(state);
        assertThat(state.plan().spec().gitpod()).isNull();
        assertThat(state.plan().spec().coder().domain()).isEqualTo("coder.example.com");
    }

    @Test
    void showsTheThreeDnsNamesGitpodNeeds() {
        DomainViewModel domain = new DomainViewModel(state("hetzner-small"));
        domain.domain.set("dev.acme.io");
        assertThat(domain.dnsNames.get()).isEqualTo("dev.acme.io\n*.dev.acme.io\n*.ws.dev.acme.io");
    }

    @Test
    void thePresetLargeUsesAnAutoscaleRangeAndTheEstimateNamesCatalogDateAndCurrency() {
        WizardState state = state("hetzner-small");
        SizeViewModel size = new SizeViewModel(state, catalog, format);
        size.choosePreset(Size.LARGE);
        Size planned = state.plan().spec().size();
        assertThat(planned.preset()).isEqualTo("large");
        assertThat(planned.nodes()).isNull();
        assertThat(planned.autoscale()).isEqualTo(new Size.Autoscale(2, 20));
        assertThat(size.costEstimate.get()).contains("EUR").contains(catalog.date()).contains("up to");
    }

    @Test
    void switchingToExistingServersDropsCloudServerTypesAndOffersTheLocationsTypes() {
        WizardState state = state("hetzner-small");
        CloudViewModel cloud = cloud(state, URI.create("http://127.0.0.1:1"));
        SizeViewModel size = new SizeViewModel(state, catalog, format);
        assertThat(size.offeredTypes).contains("cx43").doesNotContain("Standard_D4s_v5");
        cloud.providerType.set(Provider.EXISTING);
        assertThat(state.plan().spec().size().managerType()).isNull();
        assertThat(state.plan().spec().provider().existing().hosts()).hasSize(1);
        assertThat(size.costEstimate.get()).contains("no cloud cost");
        cloud.providerType.set(Provider.AZURE);
        assertThat(size.offeredTypes).contains("Standard_D4s_v5");
        assertThat(state.plan().spec().size().managerType()).isIn(size.offeredTypes);
    }

    @Test
    void backNeverLosesInputEvenWhenTheSectionIsSwitchedOff() {
        WizardState state = state("existing-raspberry-pi-tailscale");
        NetworkingViewModel net = new NetworkingViewModel(state, catalog, new TailscalePolicyRenderer(),
                new PublicIpLookup(HttpClient.newHttpClient(), URI.create("http://127.0.0.1:1")), NOW, NOW);
        net.tailscale.set(false);
        assertThat(state.plan().spec().network().tailscale().tag()).isNull();
        net.tailscale.set(true);
        assertThat(state.plan().spec().network().tailscale().tag()).isEqualTo("tag:rpi-nodes");
        assertThat(state.plan()).isEqualTo(Examples.load(format, "existing-raspberry-pi-tailscale"));
    }

    @Test
    void myCurrentIpFailsGracefullyOffline() {
        WizardState state = state("hetzner-small");
        NetworkingViewModel net = new NetworkingViewModel(state, catalog, new TailscalePolicyRenderer(),
                new PublicIpLookup(HttpClient.newHttpClient(), URI.create("http://127.0.0.1:1/ip")), NOW, NOW);
        net.addMyCurrentIp();
        assertThat(net.myIpStatus.get()).startsWith("Could not find your public IP");
        assertThat(net.adminCidrs).containsExactly("203.0.113.0/24");
    }

    @Test
    void testConnectionReportsSuccessAndA401() throws Exception {
        try (FakeCloudApis api = new FakeCloudApis()) {
            WizardState state = state("hetzner-small");
            CloudViewModel cloud = cloud(state, api.base());
            cloud.hetznerToken.valueProperty().set(FakeCloudApis.GOOD_TOKEN);
            cloud.testConnection();
            assertThat(cloud.testOk.get()).isTrue();
            assertThat(cloud.testResult.get()).contains("Connected").contains("cx43");
            cloud.hetznerToken.valueProperty().set("wrong");
            cloud.testConnection();
            assertThat(cloud.testOk.get()).isFalse();
            assertThat(cloud.testResult.get()).contains("401");
        }
    }

    @Test
    void testConnectionUsesTheStoredSecretWhenNothingWasTyped() throws Exception {
        try (FakeCloudApis api = new FakeCloudApis()) {
            store.put("hcloud", FakeCloudApis.GOOD_TOKEN);
            CloudViewModel cloud = cloud(state("hetzner-small"), api.base());
            cloud.testConnection();
            assertThat(cloud.testOk.get()).isTrue();
        }
    }

    @Test
    void aWrongVaultPassphraseIsShownAsItIsNotAsAMissingTokenAndCanBeRetyped(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        try (FakeCloudApis api = new FakeCloudApis()) {
            java.nio.file.Path vaultFile = dir.resolve("vault.bin");
            new dev.railyard.engine.secrets.VaultSecretStore(vaultFile, () -> "right horse".toCharArray()).put("hcloud", FakeCloudApis.GOOD_TOKEN);
            java.util.Iterator<String> typed = List.of("wrong horse", "right horse").iterator();
            var vault = new dev.railyard.engine.secrets.VaultSecretStore(vaultFile, () -> typed.next().toCharArray());
            HttpClient http = HttpClient.newHttpClient();
            CloudViewModel cloud = new CloudViewModel(state("hetzner-small"), catalog, new HetznerClient(http, api.base()),
                    new AzureClient(http, api.base(), api.base()), new SecretResolver(vault, Map.of(), Path.of("/nonexistent")), NOW, NOW);
            cloud.testConnection();
            assertThat(cloud.testOk.get()).isFalse();
            assertThat(cloud.testResult.get()).contains("wrong passphrase").contains("keychain:hcloud").contains("type the passphrase again")
                    .doesNotContain("Enter the Hetzner API token first");
            cloud.testConnection();
            assertThat(cloud.testOk.get()).as(cloud.testResult.get()).isTrue();
        }
    }

    @Test
    void reviewRefusesToExportAPlanWithErrorsAndGivesTheCliCommand() {
        WizardState state = state("hetzner-small");
        ReviewViewModel review = new ReviewViewModel(state, catalog, PlanRenderer.standard(),
                (plan, folder) -> List.of("should-not-run"), store, Runnable::run, Runnable::run);
        new DomainViewModel(state).domain.set("");
        review.exportFolder.set("/tmp/out dir");
        assertThat(review.export().join()).isFalse();
        assertThat(review.exportStatus.get()).contains("errors");
        state.markSaved(Path.of("/home/ada/railyard.yaml"));
        assertThat(review.cliCommand()).isEqualTo("railyard generate /home/ada/railyard.yaml -o '/tmp/out dir'");
    }

    @Test
    void anEditMarksThePlanUnsavedAndSavingClearsIt() {
        WizardState state = state("hetzner-small");
        CloudViewModel cloud = cloud(state, URI.create("http://127.0.0.1:1"));
        cloud.name.set("other");
        assertThat(state.dirtyProperty().get()).isTrue();
        assertThat(state.plan().name()).isEqualTo("other");
        state.markSaved(Path.of("x.yaml"));
        assertThat(state.dirtyProperty().get()).isFalse();
        ClusterPlan reloaded = Examples.load(format, "azure-small");
        state.load(reloaded, null);
        assertThat(cloud.name.get()).isEqualTo(reloaded.name());
        assertThat(cloud.providerType.get()).isEqualTo(Provider.AZURE);
    }

    static final class MemoryStore implements SecretStore {
        final Map<String, String> values = new TreeMap<>();

        @Override public String describe() { return "memory"; }
        @Override public Optional<String> get(String name) { return Optional.ofNullable(values.get(name)); }
        @Override public void put(String name, String value) { values.put(name, value); }
        @Override public void delete(String name) { values.remove(name); }
        @Override public Set<String> names() { return values.keySet(); }
    }
}
