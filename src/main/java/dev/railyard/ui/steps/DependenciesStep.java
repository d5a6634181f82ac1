package dev.railyard.ui.steps;

import dev.railyard.engine.plan.Gitpod;
import dev.railyard.engine.secrets.SecretStore;
import dev.railyard.ui.form.Form;
import dev.railyard.ui.wizard.WizardState;
import javafx.beans.property.BooleanProperty;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/** Screen 5: Gitpod's database, registry, storage and workspace settings. */
public final class DependenciesStep extends SecretFormStep<DependenciesViewModel> {

    public DependenciesStep(WizardState state, DependenciesViewModel vm, SecretStore store) {
        super(state, vm, store, "Gitpod dependencies & secrets");
    }

    @Override
    protected void build(VBox content) {
        VBox gitpodOnly = content;
        content = new VBox(10);
        gitpodOnly.getChildren().addAll(GitpodOnly.note(vm.active), content);
        content.disableProperty().bind(vm.active.not());
        content.getChildren().add(Form.section("Database (MySQL)"));
        form.check(content, "In-cluster _database (Gitpod's bundled MySQL)", vm.dbInCluster, "spec.gitpod.database.inCluster");
        VBox db = external(vm.dbInCluster);
        form.text(db, "Database _host", vm.dbHost, "spec.gitpod.database.host", null);
        form.text(db, "Database _port", vm.dbPort, "spec.gitpod.database.port", "MySQL listens on 3306.");
        form.text(db, "Database _username", vm.dbUser, "spec.gitpod.database.username", null);
        secret(db, "Database pass_word", vm.dbPassword, "spec.gitpod.database.passwordRef", storeNote());
        content.getChildren().add(db);

        content.getChildren().add(Form.section("Container registry"));
        form.check(content, "In-cluster _registry", vm.registryInCluster, "spec.gitpod.registry.inCluster");
        VBox registry = external(vm.registryInCluster);
        form.text(registry, "Registry _URL", vm.registryUrl, "spec.gitpod.registry.url", null);
        form.text(registry, "Registry user_name", vm.registryUser, "spec.gitpod.registry.username", null);
        secret(registry, "Registry passw_ord", vm.registryPassword, "spec.gitpod.registry.passwordRef", storeNote());
        content.getChildren().add(registry);

        content.getChildren().add(Form.section("Object storage"));
        form.check(content, "In-cluster _storage (MinIO)", vm.storageInCluster, "spec.gitpod.storage.inCluster");
        VBox storage = external(vm.storageInCluster);
        form.text(storage, "S3 _endpoint", vm.storageEndpoint, "spec.gitpod.storage.endpoint", null);
        form.text(storage, "Re_gion", vm.storageRegion, "spec.gitpod.storage.region", null);
        form.text(storage, "_Bucket", vm.storageBucket, "spec.gitpod.storage.bucket", null);
        secret(storage, "Access _key ID", vm.storageAccessKey, "spec.gitpod.storage.accessKeyIdRef", storeNote());
        secret(storage, "Secret access ke_y", vm.storageSecretKey, "spec.gitpod.storage.secretAccessKeyRef", storeNote());
        content.getChildren().add(storage);

        content.getChildren().add(Form.section("Workspaces"));
        form.combo(content, "_File ownership shifting", vm.fsShiftMethod, FXCollections.observableArrayList(Gitpod.Workspace.METHODS),
                "spec.gitpod.workspace.fsShiftMethod",
                "shiftfs is fast and ships with Ubuntu 22.04's kernel (the cloud image); fuse works on any kernel (Raspberry Pi OS).");
        Label key = new Label("Gitpod's encryption key is generated when you export with secrets (32 random bytes). You never type it.",
                new FontIcon(Material2AL.LOCK));
        key.setWrapText(true);
        content.getChildren().add(key);
    }

    private static VBox external(BooleanProperty inCluster) {
        VBox box = new VBox(10);
        box.visibleProperty().bind(inCluster.not());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private String storeNote() {
        return "Stored in " + store.describe() + "; the plan keeps only a reference.";
    }
}
