package dev.railyard.ui.steps;

import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.cloud.AzureClient;
import dev.railyard.engine.cloud.ConnectionResult;
import dev.railyard.engine.cloud.HetznerClient;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Provider;
import dev.railyard.engine.plan.Spec;
import dev.railyard.engine.run.Hosts;
import dev.railyard.engine.secrets.SecretRef;
import dev.railyard.engine.secrets.SecretResolver;
import dev.railyard.ui.wizard.StepViewModel;
import dev.railyard.ui.wizard.WizardState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Project name, provider, its location and credentials, existing hosts, the SSH key. */
public final class CloudViewModel extends StepViewModel {

    public final StringProperty name = new SimpleStringProperty("");
    public final StringProperty providerType = new SimpleStringProperty(Provider.HETZNER);
    public final StringProperty hetznerLocation = new SimpleStringProperty("");
    public final SecretInput hetznerToken;
    public final StringProperty azureLocation = new SimpleStringProperty("");
    public final StringProperty subscriptionId = new SimpleStringProperty("");
    public final StringProperty tenantId = new SimpleStringProperty("");
    public final StringProperty clientId = new SimpleStringProperty("");
    public final StringProperty resourceGroup = new SimpleStringProperty("");
    public final SecretInput azureSecret;
    public final ObservableList<HostRow> hosts = FXCollections.observableArrayList();
    public final StringProperty sshKeyFile = new SimpleStringProperty("");
    public final ObservableList<String> hetznerLocations = FXCollections.observableArrayList();
    public final ObservableList<String> azureLocations = FXCollections.observableArrayList();

    public final StringProperty testResult = new SimpleStringProperty("");
    public final BooleanProperty testOk = new SimpleBooleanProperty(false);
    public final BooleanProperty testing = new SimpleBooleanProperty(false);
    /** The last Test SSH of an existing host: what it found, and whether k3s can be installed as that user. */
    public final StringProperty sshTestResult = new SimpleStringProperty("");
    public final BooleanProperty sshTestOk = new SimpleBooleanProperty(false);

    private final HetznerClient hetzner;
    private final AzureClient azure;
    private final SecretResolver resolver;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CloudViewModel.class);
    private final Executor background;
    private final Executor ui;

    public CloudViewModel(WizardState state, Catalog catalog, HetznerClient hetzner, AzureClient azure,
                          SecretResolver resolver, Executor background, Executor ui) {
        super(state);
        this.hetzner = hetzner;
        this.azure = azure;
        this.resolver = resolver;
        this.background = background;
        this.ui = ui;
        catalog.provider(Provider.HETZNER).ifPresent(p -> p.locations().forEach(l -> hetznerLocations.add(l.name())));
        catalog.provider(Provider.AZURE).ifPresent(p -> p.locations().forEach(l -> azureLocations.add(l.name())));
        hetznerToken = new SecretInput(state, "hcloud", this::pushProvider);
        azureSecret = new SecretInput(state, "azure-sp", this::pushProvider);
        name.addListener((o, a, b) -> push(p -> p.withMetadata(new ClusterPlan.Metadata(text(b)))));
        for (StringProperty p : List.of(providerType, hetznerLocation, azureLocation, subscriptionId, tenantId, clientId, resourceGroup)) {
            p.addListener((o, a, b) -> pushProvider());
        }
        providerType.addListener((o, a, b) -> {
            testResult.set("");
            if (Provider.EXISTING.equals(b) && hosts.isEmpty()) addHost();
        });
        sshKeyFile.addListener((o, a, b) -> push(p -> p.withSpec(p.spec().withSshKey(new Spec.SshKey(text(b))))));
        init();
    }

    /**
     * Connects to one existing host as the plan says (user, port, the SSH key; what the row leaves open
     * comes from ~/.ssh/config, as provisioning does) and reports what it found; changes nothing there.
     */
    public void testSsh(HostRow row) {
        String address = text(row.address.get());
        if (address == null) {
            sshTestOk.set(false);
            sshTestResult.set("Fill in the host's address first.");
            return;
        }
        Integer port;
        try {
            port = text(row.sshPort.get()) == null ? null : Integer.valueOf(text(row.sshPort.get()));
        } catch (NumberFormatException e) {
            sshTestOk.set(false);
            sshTestResult.set("SSH port: a number from 1 to 65535, not '" + row.sshPort.get() + "'.");
            return;
        }
        java.nio.file.Path home = java.nio.file.Path.of(System.getProperty("user.home"));
        dev.railyard.engine.ssh.SshConfigFile sshConfig;
        try {
            sshConfig = dev.railyard.engine.ssh.SshConfigFile.read(home.resolve(".ssh/config"), home);
        } catch (java.io.IOException e) {
            sshConfig = dev.railyard.engine.ssh.SshConfigFile.empty(); // unreadable: the row's values and ssh's defaults
        }
        String name = text(row.name.get()) == null ? address : text(row.name.get());
        Hosts.Host host = Hosts.reach(new Provider.Host(name, address, row.role.get(), text(row.sshUser.get()), port), sshConfig);
        dev.railyard.engine.ssh.SshTarget target;
        try {
            target = new dev.railyard.engine.ssh.SshTarget(name, host.address(), host.port(), host.user(),
                    new Spec.SshKey(text(sshKeyFile.get())).privateKeyFile(home));
        } catch (IllegalArgumentException e) {
            sshTestOk.set(false);
            sshTestResult.set("SSH " + e.getMessage() + ".");
            return;
        }
        sshTestOk.set(false);
        sshTestResult.set(name + ": connecting to " + target.describe() + "…");
        background.execute(() -> {
            var check = dev.railyard.engine.ssh.HostCheck.run(new dev.railyard.engine.ssh.SshSessions(java.time.Duration.ofSeconds(8)), target);
            ui.execute(() -> {
                sshTestOk.set(check.canInstall());
                sshTestResult.set(name + ": " + check.describe());
            });
        });
    }

    @Override
    public List<String> paths() {
        return List.of("metadata", "spec.provider", "spec.sshKey");
    }

    @Override
    protected void pull(ClusterPlan plan) {
        name.set(orEmpty(plan.name()));
        Provider provider = plan.spec().provider();
        providerType.set(provider.type() == null ? Provider.HETZNER : provider.type());
        Provider.Hetzner h = provider.hetzner();
        hetznerLocation.set(h == null ? "fsn1" : orEmpty(h.location()));
        hetznerToken.load(h == null ? null : h.tokenRef());
        Provider.Azure a = provider.azure();
        azureLocation.set(a == null ? "westeurope" : orEmpty(a.location()));
        subscriptionId.set(a == null ? "" : orEmpty(a.subscriptionId()));
        tenantId.set(a == null ? "" : orEmpty(a.tenantId()));
        clientId.set(a == null ? "" : orEmpty(a.clientId()));
        resourceGroup.set(a == null ? "" : orEmpty(a.resourceGroup()));
        azureSecret.load(a == null ? null : a.credentialsRef());
        hosts.clear();
        if (provider.existing() != null) {
            for (Provider.Host host : provider.existing().hosts()) hosts.add(HostRow.of(host, this::pushProvider));
        }
        sshKeyFile.set(orEmpty(plan.spec().sshKey().publicKeyFile()));
        testResult.set("");
    }

    public void addHost() {
        HostRow row = new HostRow(this::pushProvider);
        row.role.set(hosts.isEmpty() ? Provider.Host.MANAGER : Provider.Host.NODE);
        row.sshUser.set("ubuntu");
        row.sshPort.set("22");
        hosts.add(row);
        pushProvider();
    }

    public void removeHost(HostRow row) {
        hosts.remove(row);
        pushProvider();
    }

    private void pushProvider() {
        if (pulling()) return;
        String type = providerType.get();
        Provider provider = switch (type == null ? "" : type) {
            case Provider.HETZNER -> new Provider(type, new Provider.Hetzner(text(hetznerLocation.get()), hetznerToken.ref()), null, null);
            case Provider.AZURE -> new Provider(type, null, new Provider.Azure(text(azureLocation.get()), text(subscriptionId.get()),
                    text(tenantId.get()), text(clientId.get()), text(resourceGroup.get()), azureSecret.ref()), null);
            case Provider.EXISTING -> new Provider(type, null, null, new Provider.Existing(existingHosts()));
            default -> new Provider(text(type), null, null, null);
        };
        push(p -> p.withSpec(p.spec().withProvider(provider)));
    }

    private List<Provider.Host> existingHosts() {
        List<Provider.Host> list = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            HostRow row = hosts.get(i);
            Integer port = integer("spec.provider.existing.hosts[" + i + "].sshPort", row.sshPort.get());
            list.add(new Provider.Host(text(row.name.get()), text(row.address.get()), text(row.role.get()), text(row.sshUser.get()), port));
        }
        return list;
    }

    /** Calls the provider's API with the typed credential (or the stored one) on a worker thread. */
    /**
     * Hands the typed secrets to the store off the FX thread (the test itself uses what was typed), so a
     * token that works is kept even if the person never presses Next.
     */
    public void storeTypedSecrets(dev.railyard.engine.secrets.SecretStore store) {
        state.commitSecrets(store, background, ui).exceptionally(e -> {
            LOG.warn("could not store the typed secrets: {}", e.getMessage());
            return null;
        });
    }

    public void testConnection() {
        testing.set(true);
        testOk.set(false);
        testResult.set("Testing…");
        String type = providerType.get();
        if (Provider.HETZNER.equals(type)) {
            String typed = hetznerToken.typed(), ref = hetznerToken.existingRef();
            String location = hetznerLocation.get();
            background.execute(() -> {
                try {
                    report(hetzner.test(secretValue(typed, ref), location));
                } catch (RuntimeException e) {
                    report(ConnectionResult.failed(unreadable(ref, e)));
                }
            });
        } else if (Provider.AZURE.equals(type)) {
            String typed = azureSecret.typed(), ref = azureSecret.existingRef();
            String t = tenantId.get(), c = clientId.get(), s = subscriptionId.get();
            background.execute(() -> {
                try {
                    report(azure.test(t, c, secretValue(typed, ref), s));
                } catch (RuntimeException e) {
                    report(ConnectionResult.failed(unreadable(ref, e)));
                }
            });
        } else {
            report(ConnectionResult.failed("Existing servers have no cloud API to test; check each host's SSH."));
        }
    }

    /**
     * What was typed, else the stored value (read on the worker thread: the vault derives its key, a
     * keychain answers over D-Bus). A store that fails throws, so the person sees why (a wrong vault
     * passphrase, a locked keychain) instead of "enter the token first".
     */
    private String secretValue(String typed, String existingRef) {
        if (typed != null) return typed;
        return SecretRef.parse(existingRef).flatMap(resolver::resolve).orElse(null);
    }

    private static String unreadable(String ref, RuntimeException e) {
        String retry = e instanceof dev.railyard.engine.secrets.VaultSecretStore.VaultException
                ? " Test connection again to type the passphrase again, or type the token here." : "";
        return "Could not read the stored " + ref + ": " + e.getMessage() + "." + retry;
    }

    private void report(ConnectionResult result) {
        ui.execute(() -> {
            testing.set(false);
            testOk.set(result.ok());
            String details = result.details().isEmpty() ? "" : "\nAvailable: " + String.join(", ", result.details());
            testResult.set(result.message() + details);
        });
    }

    /** A row of the existing-hosts table, editable in place. */
    public static final class HostRow {
        public final StringProperty name = new SimpleStringProperty("");
        public final StringProperty address = new SimpleStringProperty("");
        public final StringProperty role = new SimpleStringProperty(Provider.Host.NODE);
        public final StringProperty sshUser = new SimpleStringProperty("");
        public final StringProperty sshPort = new SimpleStringProperty("");

        HostRow(Runnable onChange) {
            for (StringProperty p : List.of(name, address, role, sshUser, sshPort)) p.addListener((o, a, b) -> onChange.run());
        }

        /** Built while the plan loads, so the listeners' pushes are suppressed. */
        static HostRow of(Provider.Host host, Runnable onChange) {
            HostRow row = new HostRow(onChange);
            row.name.set(orEmpty(host.name()));
            row.address.set(orEmpty(host.address()));
            row.role.set(host.role() == null ? Provider.Host.NODE : host.role());
            row.sshUser.set(orEmpty(host.sshUser()));
            row.sshPort.set(orEmpty(host.sshPort()));
            return row;
        }
    }
}
