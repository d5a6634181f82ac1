package dev.railyard.ui.steps;

import dev.railyard.engine.secrets.SecretStore;
import dev.railyard.ui.form.Form;
import dev.railyard.ui.form.ListEditor;
import dev.railyard.ui.wizard.WizardState;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/** Screen 6: host SSH, admin ranges, CIDRs and Tailscale with its policy preview. */
public final class NetworkingStep extends SecretFormStep<NetworkingViewModel> {

    public NetworkingStep(WizardState state, NetworkingViewModel vm, SecretStore store) {
        super(state, vm, store, "Networking");
    }

    @Override
    public void onShow() {
        vm.refreshPreview();
    }

    @Override
    protected void build(VBox content) {
        form.text(content, "Host _SSH port", vm.sshPort, "spec.network.sshPort",
                "Not 22: Gitpod's SSH gateway takes port 22 on the cluster's address, so the servers' own SSH moves here.");
        ListEditor cidrs = new ListEditor(vm.adminCidrs, Form.idFor("spec.network.adminCidrs"), "203.0.113.0/24");
        content.getChildren().add(form.field("_Admin address ranges (CIDR)", cidrs, "spec.network.adminCidrs",
                "Only these ranges reach host SSH and the Kubernetes API; 80/443 and 22 stay open to everyone."));
        cidrs.setId(Form.idFor("spec.network.adminCidrs"));
        Button myIp = id(new Button("Add _my current IP", new FontIcon(Material2MZ.PUBLIC)), "add-my-ip");
        myIp.setOnAction(e -> vm.addMyCurrentIp());
        Label myIpStatus = new Label();
        myIpStatus.setId("my-ip-status");
        myIpStatus.textProperty().bind(vm.myIpStatus);
        content.getChildren().addAll(myIp, myIpStatus);

        VBox advanced = new VBox(10);
        form.text(advanced, "_Private network CIDR", vm.privateCidr, "spec.network.privateCidr",
                "The servers' own network; k3s finds its interface at boot from this range.");
        form.text(advanced, "P_od CIDR", vm.podCidr, "spec.network.podCidr", null);
        form.text(advanced, "Ser_vice CIDR", vm.serviceCidr, "spec.network.serviceCidr", null);
        TitledPane advancedPane = new TitledPane("Address ranges", advanced);
        advancedPane.setId("advanced-cidrs");
        advancedPane.setExpanded(true);
        content.getChildren().add(advancedPane);

        content.getChildren().add(Form.section("Tailscale"));
        form.check(content, "Join the servers to a _tailnet (k3s's built-in Tailscale)", vm.tailscale, "spec.network.tailscale.enabled");
        VBox ts = new VBox(10);
        form.text(ts, "Tailnet ta_g", vm.tailscaleTag, "spec.network.tailscale.tag", "e.g. tag:gitpod-nodes; the servers advertise it.");
        form.text(ts, "Admin _group", vm.tailscaleAdminGroup, "spec.network.tailscale.adminGroup", "e.g. group:admins; may SSH to the servers.");
        form.check(ts, "Tailscale SS_H", vm.tailscaleSsh, "spec.network.tailscale.ssh");
        secret(ts, "Auth _key", vm.tailscaleAuthKey, "spec.network.tailscale.authKeyRef",
                "A reusable, pre-approved key with the tag; stored in " + store.describe() + ".");
        TextArea preview = new TextArea();
        preview.setId("tailscale-policy-preview");
        preview.setEditable(false);
        preview.setPrefRowCount(10);
        preview.setStyle("-fx-font-family: monospace;");
        preview.textProperty().bind(vm.policyPreview);
        ts.getChildren().addAll(Form.helpText("Tailnet policy (paste into the Tailscale admin console; export writes it too):"), preview);
        ts.visibleProperty().bind(vm.tailscale);
        ts.managedProperty().bind(ts.visibleProperty());
        content.getChildren().add(ts);
    }
}
