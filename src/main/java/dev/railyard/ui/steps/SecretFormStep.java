package dev.railyard.ui.steps;

import dev.railyard.engine.plan.Gitpod;
import dev.railyard.engine.secrets.SecretStore;
import dev.railyard.ui.form.Form;
import dev.railyard.ui.wizard.StepViewModel;
import dev.railyard.ui.wizard.WizardState;
import javafx.collections.FXCollections;
import javafx.scene.layout.VBox;

/**
 * A form step with secret fields: what was typed goes to the secret store when the person leaves the
 * step (forward or back), and the plan keeps only the reference.
 */
abstract class SecretFormStep<M extends StepViewModel> extends FormStep {

    protected final M vm;
    protected final SecretStore store;
    private final String title;

    SecretFormStep(WizardState state, M vm, SecretStore store, String title) {
        super(state);
        this.vm = vm;
        this.store = store;
        this.title = title;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    protected final StepViewModel model() {
        return vm;
    }

    /**
     * The "TLS certificate" section Gitpod's and Coder's screens share, for the plan's {@code tlsPath}: the mode, the
     * email, then cert-manager's DNS01 provider and token or, for an uploaded certificate, its references.
     */
    protected void tlsSection(VBox into, TlsInputs tls, String tlsPath, String modeHelp) {
        into.getChildren().add(Form.section("TLS certificate"));
        form.combo(into, "TLS _mode", tls.mode(), FXCollections.observableArrayList(Gitpod.Tls.MODES), tlsPath + ".mode", modeHelp);
        form.text(into, "Certificate _email", tls.email(), tlsPath + ".email", "Let's Encrypt sends expiry warnings here.");
        VBox certManager = new VBox(10);
        form.combo(certManager, "DNS p_rovider", tls.dnsProvider(), FXCollections.observableArrayList(Gitpod.Dns01.PROVIDERS),
                tlsPath + ".dns01.provider", null);
        secret(certManager, "DNS API _token", tls.dnsToken(), tlsPath + ".dns01.tokenRef",
                "A Cloudflare token with Zone:DNS:Edit on this zone; stored in " + store.describe() + ".");
        VBox upload = new VBox(10);
        form.text(upload, "_Certificate reference", tls.certificateRef(), tlsPath + ".certificateRef", "e.g. file:~/certs/fullchain.pem");
        form.text(upload, "_Key reference", tls.keyRef(), tlsPath + ".keyRef", "e.g. file:~/certs/privkey.pem (kept out of the plan)");
        certManager.visibleProperty().bind(tls.mode().isNotEqualTo(Gitpod.Tls.UPLOAD));
        certManager.managedProperty().bind(certManager.visibleProperty());
        upload.visibleProperty().bind(tls.mode().isEqualTo(Gitpod.Tls.UPLOAD));
        upload.managedProperty().bind(upload.visibleProperty());
        into.getChildren().addAll(certManager, upload);
    }

    @Override
    public java.util.concurrent.CompletionStage<Void> onLeave(java.util.concurrent.Executor background, java.util.concurrent.Executor fx) {
        return state.commitSecrets(store, background, fx);
    }
}
