package dev.railyard.ui.steps;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Gitpod;
import dev.railyard.engine.plan.Platform;
import dev.railyard.ui.wizard.StepViewModel;
import dev.railyard.ui.wizard.WizardState;
import java.util.List;
import java.util.function.UnaryOperator;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.Property;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Gitpod's database, registry and object storage (in-cluster or external), and how workspaces shift
 * file ownership. The encryption key is not here: it is generated at export, never typed.
 */
public final class DependenciesViewModel extends StepViewModel {

    public final BooleanProperty dbInCluster = new SimpleBooleanProperty(true);
    public final StringProperty dbHost = new SimpleStringProperty("");
    public final StringProperty dbPort = new SimpleStringProperty(String.valueOf(Gitpod.Database.DEFAULT_PORT));
    public final StringProperty dbUser = new SimpleStringProperty("");
    public final SecretInput dbPassword;
    public final BooleanProperty registryInCluster = new SimpleBooleanProperty(true);
    public final StringProperty registryUrl = new SimpleStringProperty("");
    public final StringProperty registryUser = new SimpleStringProperty("");
    public final SecretInput registryPassword;
    public final BooleanProperty storageInCluster = new SimpleBooleanProperty(true);
    public final StringProperty storageEndpoint = new SimpleStringProperty("");
    public final StringProperty storageRegion = new SimpleStringProperty("");
    public final StringProperty storageBucket = new SimpleStringProperty("");
    public final SecretInput storageAccessKey;
    public final SecretInput storageSecretKey;
    public final StringProperty fsShiftMethod = new SimpleStringProperty(Gitpod.Workspace.SHIFTFS);

    /** Whether the plan installs Gitpod; on a Coder plan this screen is shown disabled. */
    public final javafx.beans.property.BooleanProperty active = new javafx.beans.property.SimpleBooleanProperty(true);

    public DependenciesViewModel(WizardState state) {
        super(state);
        state.planProperty().addListener((o, a, b) -> active.set(b.spec().platform() == Platform.GITPOD));
        dbPassword = new SecretInput(state, "db", this::pushAll);
        registryPassword = new SecretInput(state, "registry", this::pushAll);
        storageAccessKey = new SecretInput(state, "s3-access-key", this::pushAll);
        storageSecretKey = new SecretInput(state, "s3-secret-key", this::pushAll);
        for (Property<?> p : List.<Property<?>>of(dbInCluster, dbHost, dbPort, dbUser, registryInCluster, registryUrl, registryUser,
                storageInCluster, storageEndpoint, storageRegion, storageBucket, fsShiftMethod)) {
            p.addListener((o, a, b) -> pushAll());
        }
        init();
    }

    @Override
    public List<String> paths() {
        return List.of("spec.gitpod.database", "spec.gitpod.registry", "spec.gitpod.storage", "spec.gitpod.workspace",
                "spec.gitpod.installerImage", "spec.gitpod.repository");
    }

    @Override
    protected void pull(ClusterPlan plan) {
        active.set(plan.spec().platform() == Platform.GITPOD);
        // A Coder plan has no gitpod section: show Gitpod's defaults rather than fail while the step is not in use.
        Gitpod g = plan.spec().gitpod() != null ? plan.spec().gitpod() : new Gitpod(null, null, null, null, null, null, null, null);
        dbInCluster.set(g.database().isInCluster());
        dbHost.set(orEmpty(g.database().host()));
        dbPort.set(g.database().port() == null ? String.valueOf(Gitpod.Database.DEFAULT_PORT) : g.database().port().toString());
        dbUser.set(orEmpty(g.database().username()));
        dbPassword.load(g.database().passwordRef());
        registryInCluster.set(g.registry().isInCluster());
        registryUrl.set(orEmpty(g.registry().url()));
        registryUser.set(orEmpty(g.registry().username()));
        registryPassword.load(g.registry().passwordRef());
        storageInCluster.set(g.storage().isInCluster());
        storageEndpoint.set(orEmpty(g.storage().endpoint()));
        storageRegion.set(orEmpty(g.storage().region()));
        storageBucket.set(orEmpty(g.storage().bucket()));
        storageAccessKey.load(g.storage().accessKeyIdRef());
        storageSecretKey.load(g.storage().secretAccessKeyRef());
        fsShiftMethod.set(g.workspace().fsShiftMethod() == null ? Gitpod.Workspace.SHIFTFS : g.workspace().fsShiftMethod());
    }

    private void pushAll() {
        if (pulling()) return;
        Gitpod.Database db = dbInCluster.get() ? new Gitpod.Database(true, null, null, null, null)
                : new Gitpod.Database(false, text(dbHost.get()), integer("spec.gitpod.database.port", dbPort.get()),
                text(dbUser.get()), dbPassword.ref());
        if (dbInCluster.get()) state.setInputProblem("spec.gitpod.database.port", null);
        Gitpod.Registry registry = registryInCluster.get() ? new Gitpod.Registry(true, null, null, null)
                : new Gitpod.Registry(false, text(registryUrl.get()), text(registryUser.get()), registryPassword.ref());
        Gitpod.Storage storage = storageInCluster.get() ? new Gitpod.Storage(true, null, null, null, null, null)
                : new Gitpod.Storage(false, text(storageEndpoint.get()), text(storageRegion.get()), text(storageBucket.get()),
                storageAccessKey.ref(), storageSecretKey.ref());
        Gitpod.Workspace workspace = new Gitpod.Workspace(text(fsShiftMethod.get()));
        edit(g -> new Gitpod(g.domain(), g.blockNewUsers(), g.tls(), db, registry, storage, workspace, g.installerImage(), g.repository()));
    }

    private void edit(UnaryOperator<Gitpod> change) {
        // a Coder plan has no gitpod section: these fields are shown disabled and edit nothing
        push(p -> p.spec().gitpod() == null ? p : p.withSpec(p.spec().withGitpod(change.apply(p.spec().gitpod()))));
    }
}
