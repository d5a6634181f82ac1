package dev.railyard.ui.steps;

import atlantafx.base.theme.Styles;
import dev.railyard.engine.plan.Provider;
import dev.railyard.engine.secrets.SecretStore;
import dev.railyard.ui.form.Form;
import dev.railyard.ui.wizard.WizardState;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** Screen 2: where the cluster runs and the credentials for it. */
public final class CloudStep extends SecretFormStep<CloudViewModel> {

    public CloudStep(WizardState state, CloudViewModel vm, SecretStore store) {
        super(state, vm, store, "Cloud & credentials");
    }

    @Override
    protected void build(VBox content) {
        form.text(content, "Project _name", vm.name, "metadata.name", "Names the cluster's servers and resources.");
        content.getChildren().add(Form.section("Where should Gitpod run?"));
        content.getChildren().add(cards(vm.providerType, "provider", List.of(
                new CardChoice(Provider.HETZNER, "Hetzner Cloud", "New servers in a Hetzner project", Material2AL.CLOUD),
                new CardChoice(Provider.AZURE, "Microsoft Azure", "New VMs in a subscription", Material2AL.CLOUD_QUEUE),
                new CardChoice(Provider.EXISTING, "Existing servers", "Machines you already have (Raspberry Pi, VMs)", Material2AL.COMPUTER))));
        content.getChildren().add(form.problemLabel("spec.provider.type", null));

        String storeNote = "Stored in " + store.describe() + "; the plan keeps only a keychain: reference.";
        VBox hetzner = new VBox(10);
        form.combo(hetzner, "_Location", vm.hetznerLocation, vm.hetznerLocations, "spec.provider.hetzner.location", null);
        secret(hetzner, "Hetzner API _token", vm.hetznerToken, "spec.provider.hetzner.tokenRef",
                storeNote + " Create a Read & Write token in the Hetzner console under Security > API tokens.");

        VBox azure = new VBox(10);
        form.combo(azure, "_Location", vm.azureLocation, vm.azureLocations, "spec.provider.azure.location", null);
        form.text(azure, "_Subscription ID", vm.subscriptionId, "spec.provider.azure.subscriptionId", null);
        form.text(azure, "T_enant ID", vm.tenantId, "spec.provider.azure.tenantId", null);
        form.text(azure, "_Client ID (app registration)", vm.clientId, "spec.provider.azure.clientId", null);
        form.text(azure, "_Resource group", vm.resourceGroup, "spec.provider.azure.resourceGroup", null);
        secret(azure, "Client _secret", vm.azureSecret, "spec.provider.azure.credentialsRef",
                storeNote + " Paste the secret's Value, not its Secret ID.");

        Button test = id(new Button("_Test connection", new FontIcon(Material2MZ.PLAY_ARROW)), "test-connection");
        test.disableProperty().bind(vm.testing);
        test.setOnAction(e -> {
            vm.storeTypedSecrets(store);
            vm.testConnection();
        });
        Label result = Form.resultLabel("test-connection-result", vm.testResult, vm.testOk);
        VBox testBox = new VBox(6, test, result);

        VBox existing = new VBox(8);
        GridPane hosts = new GridPane();
        hosts.setHgap(6);
        hosts.setVgap(6);
        Button addHost = id(new Button("_Add host", new FontIcon(Material2AL.ADD)), "add-host");
        addHost.setOnAction(e -> vm.addHost());
        Runnable redraw = () -> drawHosts(hosts);
        vm.hosts.addListener((ListChangeListener<CloudViewModel.HostRow>) c -> redraw.run());
        redraw.run();
        existing.getChildren().addAll(Form.section("Hosts"), Form.helpText(
                "Railyard reaches each host over SSH as it is today (user and port below); host SSH moves to the"
                + " port from Networking afterwards. Test SSH connects as each row says and changes nothing."), hosts, addHost,
                Form.resultLabel("test-ssh-result", vm.sshTestResult, vm.sshTestOk), form.problemLabel("spec.provider.existing", null));

        Runnable show = () -> {
            String type = vm.providerType.get();
            content.getChildren().removeAll(hetzner, azure, existing, testBox);
            List<javafx.scene.Node> section = switch (type == null ? "" : type) {
                case Provider.HETZNER -> List.of(hetzner, testBox);
                case Provider.AZURE -> List.of(azure, testBox);
                case Provider.EXISTING -> List.of(existing);
                default -> List.of();
            };
            // before the SSH key field, which is the last one
            content.getChildren().addAll(content.getChildren().size() - 1, section);
        };
        form.text(content, "SSH _public key file", vm.sshKeyFile, "spec.sshKey.publicKeyFile",
                "Installed on every server for the admin user; the private key stays on this computer.");
        vm.providerType.addListener((o, a, b) -> show.run());
        show.run();
    }

    private void drawHosts(GridPane grid) {
        grid.getChildren().clear();
        String[] headers = {"Name", "Address", "Role", "SSH user", "SSH port", "", ""};
        for (int c = 0; c < headers.length; c++) {
            Label h = new Label(headers[c]);
            h.getStyleClass().add(Styles.TEXT_BOLD);
            h.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            grid.add(h, c, 0);
        }
        for (int i = 0; i < vm.hosts.size(); i++) {
            CloudViewModel.HostRow row = vm.hosts.get(i);
            String path = "spec.provider.existing.hosts[" + i + "]";
            grid.add(hostField(row.name, path + ".name", 120), 0, i + 1);
            grid.add(hostField(row.address, path + ".address", 130), 1, i + 1);
            ChoiceBox<String> role = new ChoiceBox<>(FXCollections.observableArrayList(Provider.Host.MANAGER, Provider.Host.NODE));
            role.valueProperty().bindBidirectional(row.role);
            role.setId(Form.idFor(path + ".role"));
            role.setPrefWidth(100);
            fields.put(path + ".role", role);
            grid.add(role, 2, i + 1);
            grid.add(hostField(row.sshUser, path + ".sshUser", 90), 3, i + 1);
            grid.add(hostField(row.sshPort, path + ".sshPort", 70), 4, i + 1);
            Button remove = new Button(null, new FontIcon(Material2AL.DELETE));
            remove.setId("remove-host-" + i);
            remove.getStyleClass().add(Styles.FLAT);
            remove.setOnAction(e -> vm.removeHost(row));
            grid.add(remove, 6, i + 1);
            Button test = new Button("Test SSH", new FontIcon(Material2AL.LINK));
            test.setId("test-ssh-" + i);
            test.setAccessibleText("Test SSH to host " + (i + 1));
            test.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            test.setOnAction(e -> vm.testSsh(row));
            grid.add(test, 5, i + 1);
        }
    }

    private TextField hostField(javafx.beans.property.StringProperty value, String path, double width) {
        TextField field = new TextField();
        field.textProperty().bindBidirectional(value);
        field.setPrefWidth(width);
        field.setId(Form.idFor(path));
        fields.put(path, field);
        form.problemLabel(path, field);
        return field;
    }
}
