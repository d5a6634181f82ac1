package dev.railyard.ui.steps;

import dev.railyard.engine.plan.Gitpod;
import dev.railyard.engine.secrets.SecretStore;
import dev.railyard.ui.form.Form;
import dev.railyard.ui.form.ListEditor;
import dev.railyard.ui.wizard.WizardState;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Screen 4: domain, DNS names, TLS and sign-up restriction. */
public final class DomainStep extends SecretFormStep<DomainViewModel> {

    public DomainStep(WizardState state, DomainViewModel vm, SecretStore store) {
        super(state, vm, store, "Domain & access");
    }

    @Override
    protected void build(VBox content) {
        VBox gitpodOnly = content;
        content = new VBox(10);
        gitpodOnly.getChildren().addAll(GitpodOnly.note(vm.active), content);
        content.disableProperty().bind(vm.active.not());
        form.text(content, "Gitpod _domain", vm.domain, "spec.gitpod.domain", "A domain you control, e.g. gitpod.example.com.");
        Label names = new Label();
        names.setId("dns-names");
        names.textProperty().bind(vm.dnsNames);
        names.setStyle("-fx-font-family: monospace;");
        content.getChildren().addAll(Form.helpText("Point these three DNS names at the cluster (the export writes them to dns.txt):"), names);

        content.getChildren().add(Form.section("TLS certificate"));
        form.combo(content, "TLS _mode", vm.tlsMode, FXCollections.observableArrayList(Gitpod.Tls.MODES), "spec.gitpod.tls.mode",
                "cert-manager gets a wildcard certificate from Let's Encrypt through DNS01; upload uses your own.");
        form.text(content, "Certificate _email", vm.email, "spec.gitpod.tls.email", "Let's Encrypt sends expiry warnings here.");
        VBox certManager = new VBox(10);
        form.combo(certManager, "DNS p_rovider", vm.dnsProvider, FXCollections.observableArrayList(Gitpod.Dns01.PROVIDERS),
                "spec.gitpod.tls.dns01.provider", null);
        secret(certManager, "DNS API _token", vm.dnsToken, "spec.gitpod.tls.dns01.tokenRef",
                "A Cloudflare token with Zone:DNS:Edit on this zone; stored in " + store.describe() + ".");
        VBox upload = new VBox(10);
        form.text(upload, "_Certificate reference", vm.certificateRef, "spec.gitpod.tls.certificateRef", "e.g. file:~/certs/fullchain.pem");
        form.text(upload, "_Key reference", vm.keyRef, "spec.gitpod.tls.keyRef", "e.g. file:~/certs/privkey.pem (kept out of the plan)");
        certManager.visibleProperty().bind(vm.tlsMode.isNotEqualTo(Gitpod.Tls.UPLOAD));
        certManager.managedProperty().bind(certManager.visibleProperty());
        upload.visibleProperty().bind(vm.tlsMode.isEqualTo(Gitpod.Tls.UPLOAD));
        upload.managedProperty().bind(upload.visibleProperty());
        content.getChildren().addAll(certManager, upload);

        content.getChildren().add(Form.section("Who may sign up"));
        form.check(content, "_Block new users except these domains", vm.blockNewUsers, "spec.gitpod.blockNewUsers.enabled");
        ListEditor passlist = new ListEditor(vm.passlist, Form.idFor("spec.gitpod.blockNewUsers.passlist"), "example.com");
        passlist.disableProperty().bind(vm.blockNewUsers.not());
        content.getChildren().add(form.field("_Allowed email domains", passlist, "spec.gitpod.blockNewUsers.passlist", null));
        passlist.setId(Form.idFor("spec.gitpod.blockNewUsers.passlist"));
    }
}
