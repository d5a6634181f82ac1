package dev.railyard.ui.steps;

import atlantafx.base.theme.Styles;
import dev.railyard.engine.plan.Size;
import dev.railyard.ui.form.Form;
import dev.railyard.ui.wizard.StepViewModel;
import dev.railyard.ui.wizard.WizardState;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** Screen 3: cluster size presets, counts, server types and the monthly estimate. */
public final class SizeStep extends FormStep {

    private final SizeViewModel vm;

    public SizeStep(WizardState state, SizeViewModel vm) {
        super(state);
        this.vm = vm;
    }

    @Override
    public String title() {
        return "Cluster size";
    }

    @Override
    protected StepViewModel model() {
        return vm;
    }

    @Override
    protected void build(VBox content) {
        var presets = cards(vm.preset, "preset", List.of(
                new CardChoice(Size.SMALL, "Small", "1 manager + 1 node; a team trying Gitpod", Material2AL.LOOKS_ONE),
                new CardChoice(Size.MEDIUM, "Medium", "3 managers (etcd) + 3 nodes; survives a server loss", Material2AL.LOOKS_3),
                new CardChoice(Size.LARGE, "Large", "3 managers + nodes the autoscaler adds and removes", Material2MZ.TRENDING_UP)));
        // A card applies its preset's counts; a loaded plan only selects the card.
        presets.getChildren().forEach(n -> ((javafx.scene.control.ToggleButton) n).setOnAction(
                e -> vm.choosePreset((String) n.getUserData())));
        content.getChildren().addAll(Form.section("How big?"), presets, form.problemLabel("spec.size.preset", null));

        HBox counts = new HBox(16);
        VBox left = new VBox(10);
        VBox right = new VBox(10);
        form.text(left, "_Managers", vm.managers, "spec.size.managers", "1 or 3 (etcd needs an odd number).");
        VBox nodes = new VBox(10);
        form.text(nodes, "_Nodes", vm.nodes, "spec.size.nodes", "Workspace servers.");
        nodes.visibleProperty().bind(vm.large.not());
        nodes.managedProperty().bind(nodes.visibleProperty());
        VBox autoscale = new VBox(10);
        form.text(autoscale, "Autoscale m_in", vm.autoscaleMin, "spec.size.autoscale.min", null);
        form.text(autoscale, "Autoscale ma_x", vm.autoscaleMax, "spec.size.autoscale.max", null);
        autoscale.visibleProperty().bind(vm.large);
        autoscale.managedProperty().bind(autoscale.visibleProperty());
        left.getChildren().addAll(nodes, autoscale);
        VBox types = new VBox(10);
        form.combo(types, "Manager server _type", vm.managerType, vm.offeredTypes, "spec.size.managerType", null);
        form.combo(types, "Node server t_ype", vm.nodeType, vm.offeredTypes, "spec.size.nodeType",
                "Only types the catalog lists as orderable in the chosen location.");
        types.visibleProperty().bind(vm.cloud);
        types.managedProperty().bind(types.visibleProperty());
        right.getChildren().add(types);
        counts.getChildren().addAll(left, right);
        content.getChildren().add(counts);

        Label cost = new Label();
        cost.setId("cost-estimate");
        cost.setWrapText(true);
        cost.textProperty().bind(vm.costEstimate);
        cost.setGraphic(new FontIcon(Material2AL.EURO));
        cost.getStyleClass().add(Styles.TITLE_4);
        content.getChildren().addAll(Form.section("Monthly estimate"), cost);

        form.text(content, "_k3s version", vm.k3sVersion, "spec.k3s.version", "A pinned k3s release; upgrades are deliberate.");
    }
}
