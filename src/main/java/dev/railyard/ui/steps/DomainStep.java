package dev.railyard.ui.steps;

import dev.railyard.engine.secrets.SecretStore;
import dev.railyard.ui.form.Form;
import dev.railyard.ui.form.ListEditor;
import dev.railyard.ui.wizard.WizardState;
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

        tlsSection(content, vm.tls, "spec.gitpod.tls",
                "cert-manager gets a wildcard certificate from Let's Encrypt through DNS01; upload uses your own.");

        content.getChildren().add(Form.section("Who may sign up"));
        form.check(content, "_Block new users except these domains", vm.blockNewUsers, "spec.gitpod.blockNewUsers.enabled");
        ListEditor passlist = new ListEditor(vm.passlist, Form.idFor("spec.gitpod.blockNewUsers.passlist"), "example.com");
        passlist.disableProperty().bind(vm.blockNewUsers.not());
        content.getChildren().add(form.field("_Allowed email domains", passlist, "spec.gitpod.blockNewUsers.passlist", null));
        passlist.setId(Form.idFor("spec.gitpod.blockNewUsers.passlist"));
    }
}
