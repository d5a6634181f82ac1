package dev.railyard.ui.steps;

import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.catalog.CostEstimate;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.plan.Provider;
import dev.railyard.engine.plan.Size;
import dev.railyard.engine.plan.Spec;
import dev.railyard.ui.wizard.StepViewModel;
import dev.railyard.ui.wizard.WizardState;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The size preset, counts, server types offered in the chosen location, and the monthly estimate. */
public final class SizeViewModel extends StepViewModel {

    /** Each preset starts from the bundled example of that shape: known-good counts and types. */
    private static final Map<String, String> PRESET_EXAMPLES = Map.of(
            Size.SMALL, "hetzner-small", Size.MEDIUM, "hetzner-medium", Size.LARGE, "hetzner-large-autoscale");

    public final StringProperty preset = new SimpleStringProperty(Size.SMALL);
    public final StringProperty managers = new SimpleStringProperty("");
    public final StringProperty nodes = new SimpleStringProperty("");
    public final StringProperty autoscaleMin = new SimpleStringProperty("");
    public final StringProperty autoscaleMax = new SimpleStringProperty("");
    public final StringProperty managerType = new SimpleStringProperty("");
    public final StringProperty nodeType = new SimpleStringProperty("");
    public final StringProperty k3sVersion = new SimpleStringProperty("");
    public final ObservableList<String> offeredTypes = FXCollections.observableArrayList();
    public final StringProperty costEstimate = new SimpleStringProperty("");
    public final BooleanProperty cloud = new SimpleBooleanProperty(true);
    public final BooleanProperty large = new SimpleBooleanProperty(false);

    private final Catalog catalog;
    private final PlanFormat format;
    private String offeredFor = "";

    public SizeViewModel(WizardState state, Catalog catalog, PlanFormat format) {
        super(state);
        this.catalog = catalog;
        this.format = format;
        for (StringProperty p : List.of(managers, nodes, autoscaleMin, autoscaleMax, managerType, nodeType)) {
            p.addListener((o, a, b) -> pushSize());
        }
        preset.addListener((o, a, b) -> {
            large.set(Size.LARGE.equals(b));
            pushSize();
        });
        k3sVersion.addListener((o, a, b) -> push(p -> p.withSpec(p.spec().withK3s(new Spec.K3s(text(b))))));
        state.planProperty().addListener((o, a, b) -> followProvider(b));
        init();
    }

    @Override
    public List<String> paths() {
        return List.of("spec.size", "spec.k3s");
    }

    @Override
    protected void pull(ClusterPlan plan) {
        Size size = plan.spec().size();
        preset.set(size.preset() == null ? Size.SMALL : size.preset());
        large.set(size.isLarge());
        managers.set(orEmpty(size.managers()));
        nodes.set(orEmpty(size.nodes()));
        autoscaleMin.set(size.autoscale() == null ? "" : orEmpty(size.autoscale().min()));
        autoscaleMax.set(size.autoscale() == null ? "" : orEmpty(size.autoscale().max()));
        managerType.set(orEmpty(size.managerType()));
        nodeType.set(orEmpty(size.nodeType()));
        k3sVersion.set(orEmpty(plan.spec().k3s().version()));
        offeredFor = "";
        refreshOffered(plan);
        updateCost(plan);
    }

    /** Applies a preset's counts (and its types when they are offered here), keeping the user's k3s pin. */
    public void choosePreset(String name) {
        ClusterPlan example = Examples.load(format, PRESET_EXAMPLES.get(name));
        Size shape = example.spec().size();
        preset.set(name);
        managers.set(orEmpty(shape.managers()));
        nodes.set(orEmpty(shape.nodes()));
        autoscaleMin.set(shape.autoscale() == null ? "" : orEmpty(shape.autoscale().min()));
        autoscaleMax.set(shape.autoscale() == null ? "" : orEmpty(shape.autoscale().max()));
        if (offeredTypes.contains(shape.managerType())) managerType.set(shape.managerType());
        if (offeredTypes.contains(shape.nodeType())) nodeType.set(shape.nodeType());
    }

    private void pushSize() {
        if (pulling()) return;
        String p = text(preset.get());
        boolean isLarge = Size.LARGE.equals(p);
        Integer m = integer("spec.size.managers", managers.get());
        Integer n = isLarge ? null : integer("spec.size.nodes", nodes.get());
        Size.Autoscale autoscale = isLarge ? new Size.Autoscale(integer("spec.size.autoscale.min", autoscaleMin.get()),
                integer("spec.size.autoscale.max", autoscaleMax.get())) : null;
        if (!isLarge) {
            state.setInputProblem("spec.size.autoscale.min", null);
            state.setInputProblem("spec.size.autoscale.max", null);
        } else {
            state.setInputProblem("spec.size.nodes", null);
        }
        boolean isCloud = cloud.get();
        Size size = new Size(p, m, n, autoscale, isCloud ? text(managerType.get()) : null, isCloud ? text(nodeType.get()) : null);
        push(plan -> plan.withSpec(plan.spec().withSize(size)));
    }

    /** When the provider or location changes: offer that location's types, drop types that do not apply. */
    private void followProvider(ClusterPlan plan) {
        if (pulling()) return;
        boolean wasCloud = cloud.get();
        refreshOffered(plan);
        updateCost(plan);
        if (wasCloud != cloud.get()) pushSize();
    }

    private void refreshOffered(ClusterPlan plan) {
        Provider provider = plan.spec().provider();
        cloud.set(provider.isCloud() || provider.type() == null);
        String key = provider.type() + "/" + provider.location();
        if (key.equals(offeredFor)) return;
        offeredFor = key;
        List<String> names = provider.isCloud()
                ? catalog.offeredTypes(provider.type(), provider.location()).stream().map(Catalog.ServerType::name).toList()
                : List.of();
        offeredTypes.setAll(names);
        if (!pulling() && provider.isCloud() && !names.isEmpty()) {
            if (!names.contains(managerType.get())) managerType.set(names.get(Math.min(1, names.size() - 1)));
            if (!names.contains(nodeType.get())) nodeType.set(names.get(Math.min(1, names.size() - 1)));
        }
    }

    private void updateCost(ClusterPlan plan) {
        costEstimate.set(CostEstimate.of(plan, catalog).map(SizeViewModel::describe).orElse(
                plan.spec().provider().isExisting() ? "Your own servers: no cloud cost."
                        : "No estimate: choose a location and server types from the catalog."));
    }

    static String describe(CostEstimate c) {
        String text = String.format(Locale.ROOT, "about %.2f %s per month", c.monthly(), c.currency());
        if (c.maxMonthly() > c.monthly()) text += String.format(Locale.ROOT, " (up to %.2f %s at the autoscaler's maximum)", c.maxMonthly(), c.currency());
        return text + ", net, from the catalog of " + c.catalogDate();
    }
}
