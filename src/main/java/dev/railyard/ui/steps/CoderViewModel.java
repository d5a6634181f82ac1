package dev.railyard.ui.steps;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Coder;
import dev.railyard.engine.plan.Gitpod;
import dev.railyard.engine.plan.Platform;
import dev.railyard.ui.wizard.StepViewModel;
import dev.railyard.ui.wizard.WizardState;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.Property;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Coder's settings ({@code spec.coder}): domain and certificate (the same shape as Gitpod's), PostgreSQL
 * in the cluster or outside, the first owner, and Docker in workspaces. Edits nothing while the plan is
 * a Gitpod plan.
 */
public final class CoderViewModel extends StepViewModel {

    public final BooleanProperty active = new SimpleBooleanProperty(false);
    public final StringProperty domain = new SimpleStringProperty("");
    public final StringProperty tlsMode = new SimpleStringProperty(Gitpod.Tls.CERT_MANAGER);
    public final StringProperty email = new SimpleStringProperty("");
    public final StringProperty dnsProvider = new SimpleStringProperty(Gitpod.Dns01.CLOUDFLARE);
    public final SecretInput dnsToken;
    public final StringProperty certificateRef = new SimpleStringProperty("");
    public final StringProperty keyRef = new SimpleStringProperty("");
    /** The TLS inputs above, as the screen and the plan share them with Gitpod's. */
    final TlsInputs tls;
    public final BooleanProperty dbInCluster = new SimpleBooleanProperty(true);
    public final StringProperty dbHost = new SimpleStringProperty("");
    public final StringProperty dbPort = new SimpleStringProperty(String.valueOf(Coder.External.DEFAULT_PORT));
    public final StringProperty dbName = new SimpleStringProperty("coder");
    public final StringProperty dbUser = new SimpleStringProperty("coder");
    public final SecretInput dbPassword;
    public final StringProperty sslMode = new SimpleStringProperty(Coder.External.DEFAULT_SSL_MODE);
    public final StringProperty adminUser = new SimpleStringProperty("admin");
    public final StringProperty adminEmail = new SimpleStringProperty("");
    public final SecretInput adminPassword;
    public final StringProperty docker = new SimpleStringProperty(Coder.Workspaces.ENVBOX);
    /** The two names Coder answers on. */
    public final StringBinding dnsNames;

    public CoderViewModel(WizardState state) {
        super(state);
        dnsToken = new SecretInput(state, "cf", this::pushAll);
        tls = new TlsInputs(tlsMode, email, dnsProvider, dnsToken, certificateRef, keyRef);
        dbPassword = new SecretInput(state, "coder-db", this::pushAll);
        adminPassword = new SecretInput(state, "coder-admin", this::pushAll);
        dnsNames = Bindings.createStringBinding(() -> {
            String d = text(domain.get());
            return d == null ? "" : d + "\n*." + d;
        }, domain);
        for (Property<?> p : List.<Property<?>>of(domain, tlsMode, email, dnsProvider, certificateRef, keyRef, dbInCluster, dbHost, dbPort,
                dbName, dbUser, sslMode, adminUser, adminEmail, docker)) {
            p.addListener((o, a, b) -> pushAll());
        }
        state.planProperty().addListener((o, a, b) -> active.set(b.spec().platform() == Platform.CODER));
        init();
    }

    @Override
    public List<String> paths() {
        return List.of("spec.coder");
    }

    @Override
    protected void pull(ClusterPlan plan) {
        active.set(plan.spec().platform() == Platform.CODER);
        Coder c = plan.spec().coder();
        if (c == null) return;
        domain.set(orEmpty(c.domain()));
        tls.pull(c.tls());
        dbInCluster.set(c.database().isInCluster());
        Coder.External e = c.database().external();
        dbHost.set(e == null ? "" : orEmpty(e.host()));
        dbPort.set(e == null || e.port() == null ? String.valueOf(Coder.External.DEFAULT_PORT) : e.port().toString());
        dbName.set(e == null || e.database() == null ? "coder" : e.database());
        dbUser.set(e == null || e.username() == null ? "coder" : e.username());
        dbPassword.load(e == null ? null : e.passwordRef());
        sslMode.set(e == null ? Coder.External.DEFAULT_SSL_MODE : e.sslModeOrDefault());
        adminUser.set(c.admin().username() == null ? "admin" : c.admin().username());
        adminEmail.set(orEmpty(c.admin().email()));
        adminPassword.load(c.admin().passwordRef());
        docker.set(c.workspaces().docker() == null ? Coder.Workspaces.ENVBOX : c.workspaces().docker());
    }

    private void pushAll() {
        if (pulling() || state.plan().spec().platform() != Platform.CODER) return;
        Coder.Database db = dbInCluster.get() ? new Coder.Database(true, null)
                : new Coder.Database(false, new Coder.External(text(dbHost.get()), integer("spec.coder.database.external.port", dbPort.get()),
                text(dbName.get()), text(dbUser.get()), dbPassword.ref(), text(sslMode.get())));
        if (dbInCluster.get()) state.setInputProblem("spec.coder.database.external.port", null);
        Coder coder = new Coder(text(domain.get()), tls.value(), db, new Coder.Admin(text(adminUser.get()), text(adminEmail.get()), adminPassword.ref()),
                new Coder.Workspaces(text(docker.get())));
        push(p -> p.withSpec(p.spec().withCoder(coder)));
    }
}
