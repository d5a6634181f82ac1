package dev.railyard.ui.steps;

import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.cloud.PublicIpLookup;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Network;
import dev.railyard.engine.render.FileRenderer;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.RenderInput;
import dev.railyard.ui.wizard.StepViewModel;
import dev.railyard.ui.wizard.WizardState;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.Property;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/** Host SSH port, admin address ranges, cluster CIDRs and Tailscale, with the tailnet policy preview. */
public final class NetworkingViewModel extends StepViewModel {

    public final StringProperty sshPort = new SimpleStringProperty("");
    public final ObservableList<String> adminCidrs = FXCollections.observableArrayList();
    public final StringProperty privateCidr = new SimpleStringProperty("");
    public final StringProperty podCidr = new SimpleStringProperty("");
    public final StringProperty serviceCidr = new SimpleStringProperty("");
    public final BooleanProperty tailscale = new SimpleBooleanProperty(false);
    public final StringProperty tailscaleTag = new SimpleStringProperty("");
    public final StringProperty tailscaleAdminGroup = new SimpleStringProperty("");
    public final BooleanProperty tailscaleSsh = new SimpleBooleanProperty(false);
    public final SecretInput tailscaleAuthKey;
    public final StringProperty policyPreview = new SimpleStringProperty("");
    public final StringProperty myIpStatus = new SimpleStringProperty("");

    private final Catalog catalog;
    private final FileRenderer policyRenderer;
    private final PublicIpLookup publicIp;
    private final Executor background;
    private final Executor ui;

    public NetworkingViewModel(WizardState state, Catalog catalog, FileRenderer policyRenderer, PublicIpLookup publicIp,
                               Executor background, Executor ui) {
        super(state);
        this.catalog = catalog;
        this.policyRenderer = policyRenderer;
        this.publicIp = publicIp;
        this.background = background;
        this.ui = ui;
        tailscaleAuthKey = new SecretInput(state, "ts", this::pushAll);
        for (Property<?> p : List.<Property<?>>of(sshPort, privateCidr, podCidr, serviceCidr, tailscale, tailscaleTag,
                tailscaleAdminGroup, tailscaleSsh)) {
            p.addListener((o, a, b) -> pushAll());
        }
        adminCidrs.addListener((ListChangeListener<String>) c -> pushAll());
        state.planProperty().addListener((o, a, b) -> refreshPreview());
        init();
    }

    @Override
    public List<String> paths() {
        return List.of("spec.network");
    }

    @Override
    protected void pull(ClusterPlan plan) {
        Network n = plan.spec().network();
        sshPort.set(orEmpty(n.sshPort()));
        adminCidrs.setAll(n.adminCidrs());
        privateCidr.set(orEmpty(n.privateCidr()));
        podCidr.set(orEmpty(n.podCidr()));
        serviceCidr.set(orEmpty(n.serviceCidr()));
        Network.Tailscale ts = n.tailscale();
        tailscale.set(ts.isEnabled());
        tailscaleTag.set(orEmpty(ts.tag()));
        tailscaleAdminGroup.set(orEmpty(ts.adminGroup()));
        tailscaleSsh.set(ts.sshEnabled());
        tailscaleAuthKey.load(ts.authKeyRef());
        myIpStatus.set("");
        refreshPreview();
    }

    private void pushAll() {
        if (pulling()) return;
        Network.Tailscale ts = tailscale.get()
                ? new Network.Tailscale(true, text(tailscaleTag.get()), text(tailscaleAdminGroup.get()), tailscaleSsh.get(), tailscaleAuthKey.ref())
                : new Network.Tailscale(false, null, null, null, null);
        Network network = new Network(integer("spec.network.sshPort", sshPort.get()), List.copyOf(adminCidrs),
                text(privateCidr.get()), text(podCidr.get()), text(serviceCidr.get()), ts);
        push(p -> p.withSpec(p.spec().withNetwork(network)));
    }

    /** The tailnet policy exactly as export would write it, from the engine's renderer. */
    public void refreshPreview() {
        ClusterPlan plan = state.plan();
        if (!plan.spec().network().tailscale().isEnabled()) {
            policyPreview.set("Tailscale is off.");
            return;
        }
        try {
            List<GeneratedFile> files = policyRenderer.render(RenderInput.withoutSecrets(plan, catalog));
            policyPreview.set(files.isEmpty() ? "(no policy for this plan yet)"
                    : files.stream().map(GeneratedFile::content).collect(Collectors.joining("\n")));
        } catch (RuntimeException e) {
            policyPreview.set("No preview until the Tailscale fields are valid: " + e.getMessage());
        }
    }

    /** Looks up this machine's public address and adds it as a /32 (or /128); offline it just says so. */
    public void addMyCurrentIp() {
        myIpStatus.set("Looking up your public IP…");
        background.execute(() -> {
            var result = publicIp.lookup();
            ui.execute(() -> result.ifPresentOrElse(cidr -> {
                if (!adminCidrs.contains(cidr)) adminCidrs.add(cidr);
                myIpStatus.set("Added " + cidr + ".");
            }, () -> myIpStatus.set("Could not find your public IP (offline?). Type your address range instead.")));
        });
    }
}
