package dev.railyard.ui.steps;

import dev.railyard.engine.plan.Coder;
import dev.railyard.engine.secrets.SecretStore;
import dev.railyard.ui.form.Form;
import dev.railyard.ui.wizard.WizardState;
import javafx.beans.property.BooleanProperty;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/** Coder's screen: domain and certificate, PostgreSQL, the first owner and Docker in workspaces, with their secrets. */
public final class CoderStep extends SecretFormStep<CoderViewModel> {

    public CoderStep(WizardState state, CoderViewModel vm, SecretStore store) {
        super(state, vm, store, "Coder: domain, database & owner");
    }

    @Override
    protected void build(VBox content) {
        Label notUsed = new Label("This plan installs Gitpod: choose Coder on the first screen to use these settings.",
                new FontIcon(Material2AL.INFO));
        notUsed.setId("coder-not-chosen");
        notUsed.setWrapText(true);
        notUsed.visibleProperty().bind(vm.active.not());
        notUsed.managedProperty().bind(notUsed.visibleProperty());
        VBox body = new VBox(10);
        body.disableProperty().bind(vm.active.not());
        content.getChildren().addAll(notUsed, body);

        form.text(body, "Coder _domain", vm.domain, "spec.coder.domain", "https://DOMAIN is Coder's address; apps and ports use *.DOMAIN.");
        Label names = new Label();
        names.setId("coder-dns-names");
        names.textProperty().bind(vm.dnsNames);
        names.setStyle("-fx-font-family: monospace;");
        body.getChildren().addAll(Form.helpText("Point these two DNS names at the cluster (the export writes them to dns.txt):"), names);

        tlsSection(body, vm.tls, "spec.coder.tls",
                "cert-manager gets a certificate for DOMAIN and *.DOMAIN from Let's Encrypt through DNS01; upload uses your own.");

        body.getChildren().add(Form.section("Database (PostgreSQL)"));
        form.check(body, "In-cluster _database (CloudNativePG on local-path storage)", vm.dbInCluster, "spec.coder.database.inCluster");
        VBox db = external(vm.dbInCluster);
        form.text(db, "Database _host", vm.dbHost, "spec.coder.database.external.host", null);
        form.text(db, "Database _port", vm.dbPort, "spec.coder.database.external.port", "PostgreSQL listens on 5432.");
        form.text(db, "Database na_me", vm.dbName, "spec.coder.database.external.database", null);
        form.text(db, "Database _username", vm.dbUser, "spec.coder.database.external.username", null);
        secret(db, "Database pass_word", vm.dbPassword, "spec.coder.database.external.passwordRef", storeNote());
        form.combo(db, "_SSL mode", vm.sslMode, FXCollections.observableArrayList(Coder.External.SSL_MODES),
                "spec.coder.database.external.sslMode", "verify-full checks the server's certificate and name.");
        body.getChildren().add(db);

        body.getChildren().add(Form.section("First owner"));
        form.text(body, "Owner user_name", vm.adminUser, "spec.coder.admin.username", null);
        form.text(body, "Owner e_mail", vm.adminEmail, "spec.coder.admin.email", "You log in to Coder with this address.");
        secret(body, "Owner passw_ord", vm.adminPassword, "spec.coder.admin.passwordRef",
                storeNote() + " Railyard creates the owner through Coder's first-user API and never logs it.");

        body.getChildren().add(Form.section("Workspaces"));
        form.combo(body, "Docker in _workspaces", vm.docker, FXCollections.observableArrayList(Coder.Workspaces.DOCKER),
                "spec.coder.workspaces.docker",
                "envbox: Docker inside the workspace through a privileged outer container, never the node's socket; none: plain pods.");
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
