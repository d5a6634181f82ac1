package dev.railyard.ui;

import dev.railyard.engine.cluster.CoderProbe;
import dev.railyard.engine.cluster.Expectations;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.run.EndpointOverrides;
import dev.railyard.engine.run.Kubeconfigs;
import dev.railyard.engine.run.Provisioning;
import dev.railyard.engine.run.RunOptions;
import dev.railyard.ui.run.RunController;
import dev.railyard.ui.run.RunScreen;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;

/**
 * The window's side of provisioning: one run screen per window, built over the engine with the app's
 * secret store, shown in place of the wizard; it keeps running while the person looks at the plan.
 */
final class RunFlow implements RunScreen.Actions {

    private final AppContext ctx;
    private final Supplier<Stage> stage;
    private final Consumer<Node> show;
    private final Runnable backToPlan;
    private final Path home;
    private final Map<String, String> environment;
    private final CoderProbe.Resolver names;
    private final SimpleBooleanProperty present = new SimpleBooleanProperty(false);
    private RunScreen screen;
    private RunController controller;

    /** {@code names}: how the health panel resolves a Coder plan's access URL and wildcard (the system's resolver in the app). */
    RunFlow(AppContext ctx, Supplier<Stage> stage, Consumer<Node> show, Runnable backToPlan, Path home, Map<String, String> environment,
            CoderProbe.Resolver names) {
        this.names = names;
        this.ctx = ctx;
        this.stage = stage;
        this.show = show;
        this.backToPlan = backToPlan;
        this.home = home;
        this.environment = Map.copyOf(environment);
    }

    /** True while a run screen exists (the toolbar offers to return to it). */
    ReadOnlyBooleanProperty presentProperty() {
        return present;
    }

    /**
     * Opens the run screen for a saved plan and its export. Starts the provision unless an earlier one
     * already finished every step (then the screen shows it, with Destroy and the cluster's health);
     * an unfinished earlier run, from here or from the CLI, continues at its first unfinished step.
     */
    void open(ClusterPlan plan, Path planFile, Path exportDir) {
        if (controller != null && controller.phaseProperty().get().isActive()) {
            show.accept(screen);
            return;
        }
        closeScreen();
        controller = new RunController(plan, planFile, exportDir, (export, runDir) -> RunOptions.defaults(export, runDir, home)
                        .withCoderUrl(EndpointOverrides.coderUrl().orElse(null)),
                options -> new Provisioning(plan, options, ctx.resolver(), ctx.secrets(), environment, ctx.clock()),
                ctx.background(), Platform::runLater);
        screen = new RunScreen(controller, this, ctx.clock());
        present.set(true);
        show.accept(screen);
        var saved = controller.stateProperty().get();
        if (saved == null || !saved.isComplete() || !"provision".equals(saved.operation())) controller.provision();
    }

    /** Shows the run screen again. */
    void reopen() {
        if (screen != null) show.accept(screen);
    }

    boolean isRunning() {
        return controller != null && controller.phaseProperty().get().isActive();
    }

    /** On closing the window: true when no run is going on, or the user chose to cancel it (its state stays resumable). */
    boolean confirmClose() {
        if (!isRunning()) return true;
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "Closing cancels the current step; Resume (or `railyard resume`) "
                + "continues there later.", ButtonType.OK, ButtonType.CANCEL);
        alert.setHeaderText("A run is in progress. Cancel it and close?");
        if (stage.get() != null) alert.initOwner(stage.get());
        return alert.showAndWait().orElse(ButtonType.CANCEL) == ButtonType.OK;
    }

    /** On closing the window: cancels a run (its state stays resumable) and stops the screen's timers. */
    void closeScreen() {
        if (screen != null) screen.close();
        screen = null;
        controller = null;
        present.set(false);
    }

    @Override
    public void backToPlan() {
        backToPlan.run();
    }

    @Override
    public void openHealth(Path kubeconfig) {
        try {
            ClusterCheckWindow.open(stage.get(), kubeconfig, Optional.empty(),
                    controller == null ? Expectations.withoutPlan() : Expectations.of(controller.plan()), ctx.clock(),
                    controller == null ? CoderProbe.NONE : CoderProbe.forPlan(controller.plan(), ctx.resolver(), names));
        } catch (RuntimeException e) {
            alert(Alert.AlertType.ERROR, "Cannot check the cluster", e.getMessage());
        }
    }

    @Override
    public void mergeKubeconfig(Path kubeconfig) {
        Path target = Kubeconfigs.userKubeconfig(environment, home);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "Adds this cluster's context, cluster and user to " + target
                + ". Entries of the same name are replaced, the current context stays as it is, and the previous file is kept as "
                + target.getFileName() + ".railyard-backup.", ButtonType.OK, ButtonType.CANCEL);
        ask.setHeaderText("Add the cluster to your kubeconfig?");
        if (stage.get() != null) ask.initOwner(stage.get());
        if (ask.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) return;
        try {
            Kubeconfigs.MergeResult r = Kubeconfigs.merge(kubeconfig, target, false);
            alert(Alert.AlertType.INFORMATION, "Added context " + r.context(), "Written to " + r.target()
                    + (r.replaced().isEmpty() ? "" : " (replaced " + String.join(", ", r.replaced()) + ")")
                    + ". Switch to it with: kubectl config use-context " + r.context());
        } catch (IOException e) {
            alert(Alert.AlertType.ERROR, "Could not add the cluster to " + target, e.getMessage());
        }
    }

    private void alert(Alert.AlertType type, String header, String text) {
        Alert alert = new Alert(type, text);
        alert.setHeaderText(header);
        if (stage.get() != null) alert.initOwner(stage.get());
        alert.show();
    }
}
