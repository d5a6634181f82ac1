package dev.railyard.ui.steps;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Gitpod;
import dev.railyard.engine.plan.Platform;
import dev.railyard.ui.wizard.StepViewModel;
import dev.railyard.ui.wizard.WizardState;
import java.util.List;
import java.util.function.UnaryOperator;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/** Gitpod's domain, the DNS names it needs, TLS, and who may sign up. */
public final class DomainViewModel extends StepViewModel {

    public final StringProperty domain = new SimpleStringProperty("");
    public final StringProperty tlsMode = new SimpleStringProperty(Gitpod.Tls.CERT_MANAGER);
    public final StringProperty email = new SimpleStringProperty("");
    public final StringProperty dnsProvider = new SimpleStringProperty(Gitpod.Dns01.CLOUDFLARE);
    public final SecretInput dnsToken;
    public final StringProperty certificateRef = new SimpleStringProperty("");
    public final StringProperty keyRef = new SimpleStringProperty("");
    /** The TLS inputs above, as the screen and the plan share them with Coder's. */
    final TlsInputs tls;
    public final BooleanProperty blockNewUsers = new SimpleBooleanProperty(false);
    public final ObservableList<String> passlist = FXCollections.observableArrayList();
    /** The three names Gitpod answers on; all must point at the cluster. */
    public final StringBinding dnsNames;

    /** Whether the plan installs Gitpod; on a Coder plan this screen is shown disabled. */
    public final javafx.beans.property.BooleanProperty active = new javafx.beans.property.SimpleBooleanProperty(true);

    public DomainViewModel(WizardState state) {
        super(state);
        state.planProperty().addListener((o, a, b) -> active.set(b.spec().platform() == Platform.GITPOD));
        dnsToken = new SecretInput(state, "cf", this::pushTls);
        tls = new TlsInputs(tlsMode, email, dnsProvider, dnsToken, certificateRef, keyRef);
        dnsNames = Bindings.createStringBinding(() -> {
            String d = text(domain.get());
            return d == null ? "" : d + "\n*." + d + "\n*.ws." + d;
        }, domain);
        domain.addListener((o, a, b) -> edit(g -> new Gitpod(text(b), g.blockNewUsers(), g.tls(), g.database(), g.registry(),
                g.storage(), g.workspace(), g.installerImage(), g.repository())));
        for (StringProperty p : tls.texts()) p.addListener((o, a, b) -> pushTls());
        blockNewUsers.addListener((o, a, b) -> pushBlock());
        passlist.addListener((ListChangeListener<String>) c -> pushBlock());
        init();
    }

    @Override
    public List<String> paths() {
        return List.of("spec.gitpod.domain", "spec.gitpod.tls", "spec.gitpod.blockNewUsers");
    }

    @Override
    protected void pull(ClusterPlan plan) {
        active.set(plan.spec().platform() == Platform.GITPOD);
        // A Coder plan has no gitpod section: show Gitpod's defaults rather than fail while the step is not in use.
        Gitpod g = plan.spec().gitpod() != null ? plan.spec().gitpod() : new Gitpod(null, null, null, null, null, null, null, null);
        domain.set(orEmpty(g.domain()));
        tls.pull(g.tls());
        blockNewUsers.set(g.blockNewUsers().isEnabled());
        passlist.setAll(g.blockNewUsers().passlist());
    }

    private void pushTls() {
        if (pulling()) return;
        Gitpod.Tls value = tls.value();
        edit(g -> new Gitpod(g.domain(), g.blockNewUsers(), value, g.database(), g.registry(), g.storage(), g.workspace(), g.installerImage(), g.repository()));
    }

    private void pushBlock() {
        if (pulling()) return;
        Gitpod.BlockNewUsers block = new Gitpod.BlockNewUsers(blockNewUsers.get(), List.copyOf(passlist));
        edit(g -> new Gitpod(g.domain(), block, g.tls(), g.database(), g.registry(), g.storage(), g.workspace(), g.installerImage(), g.repository()));
    }

    private void edit(UnaryOperator<Gitpod> change) {
        // a Coder plan has no gitpod section: these fields are shown disabled and edit nothing
        push(p -> p.spec().gitpod() == null ? p : p.withSpec(p.spec().withGitpod(change.apply(p.spec().gitpod()))));
    }
}
