package dev.railyard.ui;

import atlantafx.base.theme.Styles;
import dev.railyard.engine.cluster.Expectations;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.render.tailscale.TailscalePolicyRenderer;
import dev.railyard.launch.AppLog;
import dev.railyard.ui.steps.CloudStep;
import dev.railyard.ui.steps.CloudViewModel;
import dev.railyard.ui.steps.CoderStep;
import dev.railyard.ui.steps.CoderViewModel;
import dev.railyard.ui.steps.DependenciesStep;
import dev.railyard.ui.steps.DependenciesViewModel;
import dev.railyard.ui.steps.DomainStep;
import dev.railyard.ui.steps.DomainViewModel;
import dev.railyard.ui.steps.NetworkingStep;
import dev.railyard.ui.steps.NetworkingViewModel;
import dev.railyard.ui.steps.ReviewStep;
import dev.railyard.ui.steps.ReviewViewModel;
import dev.railyard.ui.steps.SizeStep;
import dev.railyard.ui.steps.SizeViewModel;
import dev.railyard.ui.wizard.FxDebouncer;
import dev.railyard.ui.wizard.WizardState;
import dev.railyard.ui.wizard.WizardStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The window: it builds the wizard's steps and wires the toolbar (home, new, open, save, run, help,
 * theme), the start screen and the stage. The work lives in focused parts: {@link WizardNavigator}
 * (the steps, Back/Next), {@link PlanFiles} (open, save, the unsaved-changes guard), {@link Dialogs}
 * (alerts and file choosers), {@link ThemeSwitch} (light/dark) and {@link RunFlow} (provisioning).
 */
public final class MainWindow implements StartScreen.Actions {

    private final AppContext ctx;
    private final WizardState state;
    private final BorderPane root = new BorderPane();
    private final StackPane center = new StackPane();
    private final StartScreen start;
    private final Dialogs dialogs;
    private final WizardNavigator navigator;
    private final PlanFiles files;
    private final ThemeSwitch theme = new ThemeSwitch();
    private final RunFlow runs;
    private Stage stage;

    /** The app's one clock (from {@link AppContext}): what the self-test judges the health panel against. */
    java.time.Clock clock() {
        return ctx.clock();
    }

    public MainWindow(AppContext ctx) {
        this(ctx, Path.of(System.getProperty("user.home")), System.getenv(), dev.railyard.engine.cluster.CoderProbe.Resolver.SYSTEM);
    }

    /**
     * For tests: the home folder (the plan's SSH key), the environment provisioning runs with (its PATH finds terraform) and
     * how the health panel resolves a Coder plan's names, instead of the user's, the process's and the system's.
     */
    MainWindow(AppContext ctx, Path home, java.util.Map<String, String> environment, dev.railyard.engine.cluster.CoderProbe.Resolver names) {
        this.ctx = ctx;
        this.state = new WizardState(NewPlan.create(), ctx.validator()::validate, new FxDebouncer(Duration.millis(250)));
        this.dialogs = new Dialogs(() -> stage);
        Executor fx = Platform::runLater;
        this.navigator = new WizardNavigator(state, steps(ctx, state), center, this::showStart, dialogs::error, ctx.background(), fx);
        this.files = new PlanFiles(ctx, state, dialogs, () -> navigator.show(0),
                saving -> navigator.working(saving, saving ? "Saving the plan…" : ""), ctx.background(), fx);
        this.runs = new RunFlow(ctx, () -> stage, node -> {
            navigator.leave();
            center.getChildren().setAll(node);
        }, navigator::showLast, home, environment, names);
        start = new StartScreen(this);
        root.setTop(toolbar());
        root.setCenter(center);
        root.getStylesheets().add(MainWindow.class.getResource("railyard.css").toExternalForm());
        state.planProperty().addListener((o, a, b) -> {
            if (state.dirtyProperty().get()) ctx.autosave().changed(b);
        });
        showStart();
    }

    /** The wizard's steps, in order; the review's jump and provision actions come back to this window. */
    private List<WizardStep> steps(AppContext ctx, WizardState state) {
        Executor ui = Platform::runLater;
        CloudViewModel cloud = new CloudViewModel(state, ctx.catalog(), ctx.hetzner(), ctx.azure(), ctx.resolver(), ctx.background(), ui);
        SizeViewModel size = new SizeViewModel(state, ctx.catalog(), ctx.format());
        DomainViewModel domain = new DomainViewModel(state);
        DependenciesViewModel deps = new DependenciesViewModel(state);
        NetworkingViewModel network = new NetworkingViewModel(state, ctx.catalog(), new TailscalePolicyRenderer(), ctx.publicIp(),
                ctx.background(), ui);
        ReviewViewModel review = new ReviewViewModel(state, ctx.catalog(), ctx.renderer(), ctx.exporter(), ctx.secrets(), ctx.background(), ui);
        return List.of(
                new CloudStep(state, cloud, ctx.secrets()),
                new SizeStep(state, size),
                new DomainStep(state, domain, ctx.secrets()),
                new DependenciesStep(state, deps, ctx.secrets()),
                new CoderStep(state, new CoderViewModel(state), ctx.secrets()),
                new NetworkingStep(state, network, ctx.secrets()),
                new ReviewStep(state, review, this::jumpTo, this::provision,
                        () -> DemoWindow.open(ctx, stage, state.plan(), DemoWindow.pace(ctx.clock()))));
    }

    public Parent root() {
        return root;
    }

    public WizardState state() {
        return state;
    }

    public List<WizardStep> steps() {
        return navigator.steps();
    }

    /** Wires the window: title with the file name and a star when unsaved, keys, the close prompt. */
    public void attach(Stage stage) {
        this.stage = stage;
        Runnable title = () -> stage.setTitle("Railyard — " + (state.fileProperty().get() == null ? "untitled"
                : state.fileProperty().get().getFileName()) + (state.dirtyProperty().get() ? " *" : ""));
        state.dirtyProperty().addListener((o, a, b) -> title.run());
        state.fileProperty().addListener((o, a, b) -> title.run());
        title.run();
        var accelerators = stage.getScene().getAccelerators();
        accelerators.put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), this::save);
        accelerators.put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::open);
        accelerators.put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), this::newProject);
        stage.setOnCloseRequest(e -> {
            if (!runs.confirmClose()) {
                e.consume();
                return;
            }
            var discard = files.confirmDiscard();
            if (discard.isDone()) {
                if (discard.join()) closing();
                else e.consume();
                return;
            }
            e.consume(); // saving first, off the FX thread: close when it is done
            discard.thenAccept(ok -> {
                if (!ok) return;
                closing();
                stage.hide();
            });
        });
    }

    private void closing() {
        runs.closeScreen();
        ctx.autosave().close();
    }

    private ToolBar toolbar() {
        Label app = new Label("Railyard", new FontIcon(Material2MZ.TRAIN));
        app.getStyleClass().add(Styles.TEXT_BOLD);
        Button home = Toolbars.tool("Start", Material2AL.HOME, "tool-home", this::showStart);
        Button newP = Toolbars.tool("New", Material2MZ.NOTE_ADD, "tool-new", this::newProject);
        Button open = Toolbars.tool("Open…", Material2AL.FOLDER_OPEN, "tool-open", this::open);
        Button save = Toolbars.tool("Save", Material2MZ.SAVE, "tool-save", this::save);
        Button saveAs = Toolbars.tool("Save as…", Material2MZ.SAVE_ALT, "tool-save-as", this::saveAs);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button run = Toolbars.tool("Run", Material2MZ.PLAY_CIRCLE_OUTLINE, "tool-run", runs::reopen);
        run.visibleProperty().bind(runs.presentProperty());
        run.managedProperty().bind(runs.presentProperty());
        var help = HelpMenu.create(AppLog.folder(ctx.dirs().data()), m -> dialogs.error("Log folder", m));
        return new ToolBar(app, home, newP, open, save, saveAs, run, spacer, help, theme.button());
    }

    public void setDark(boolean value) {
        theme.setDark(value);
    }

    public void show(int index) {
        navigator.show(index);
    }

    public void next() {
        navigator.next();
    }

    public void back() {
        navigator.back();
    }

    /** Shows the step that edits {@code path} and focuses its field. */
    public void jumpTo(String path) {
        navigator.jumpTo(path);
    }

    public void showStart() {
        navigator.leave();
        start.showRecent(ctx.recent().list(), Files.exists(ctx.autosave().file()));
        center.getChildren().setAll(start.view());
    }

    @Override
    public void newProject() {
        files.newProject(start.platform());
    }

    @Override
    public void open() {
        files.open();
    }

    @Override
    public void openRecent(Path file) {
        files.openRecent(file);
    }

    public void openFile(Path file) {
        files.openFile(file);
    }

    @Override
    public void openExample(String name) {
        files.openExample(name);
    }

    @Override
    public void checkCluster() {
        Optional<Path> file = dialogs.chooseKubeconfig(Path.of(System.getProperty("user.home")));
        if (file.isEmpty()) return;
        List<String> contexts = ClusterCheckWindow.contexts(file.get());
        Optional<String> context = dialogs.chooseContext(file.get(), contexts);
        if (contexts.size() > 1 && context.isEmpty()) return;
        try {
            ClusterCheckWindow.open(stage, file.get(), context,
                    state.plan() == null ? Expectations.withoutPlan() : Expectations.of(state.plan()), ctx.clock());
        } catch (RuntimeException e) {
            dialogs.error("Cannot check the cluster", e.getMessage());
        }
    }

    @Override
    public void demo() {
        DemoWindow.open(ctx, stage, DemoWindow.EXAMPLE, DemoWindow.pace(ctx.clock()));
    }

    @Override
    public void resumeDraft() {
        files.resumeDraft();
    }

    /** Saves to the current file, or asks where; completes on the FX thread with whether it saved. */
    public CompletableFuture<Boolean> save() {
        return files.save();
    }

    public CompletableFuture<Boolean> saveAs() {
        return files.saveAs();
    }

    /**
     * Writes exactly the bytes the CLI reads ({@code PlanFormat}); typed secrets go to the store first,
     * off the FX thread. Call on the FX thread; completes there with whether it saved.
     */
    public CompletableFuture<Boolean> saveTo(Path file) {
        return files.saveTo(file);
    }

    /**
     * Opens the run screen for the exported folder. The run's state and logs live beside the plan file
     * (like the CLI's), so an unsaved plan is saved first.
     */
    public void provision(Path exportDir) {
        files.savedForProvisioning().thenAccept(ok -> {
            if (ok) provisionCurrent(state.plan(), state.fileProperty().get(), exportDir);
        });
    }

    /**
     * Runs only what the plan says now: the export is compared with the plan (off the FX thread), and a
     * stale one is shown with its differing files and rewritten first if the user chooses to.
     */
    private void provisionCurrent(ClusterPlan plan, Path planFile, Path exportDir) {
        navigator.working(true, "Comparing the export with the plan…");
        CompletableFuture.supplyAsync(() -> StaleExport.differences(ctx.catalog(), plan, exportDir), ctx.background())
                .whenComplete((differences, e) -> Platform.runLater(() -> {
                    navigator.working(false, "");
                    if (e != null) {
                        dialogs.error("Cannot compare the export with the plan", (e.getCause() == null ? e : e.getCause()).getMessage());
                        return;
                    }
                    if (differences.isEmpty()) {
                        runs.open(plan, planFile, exportDir);
                        return;
                    }
                    if (!StaleExport.askRegenerate(stage, exportDir, differences)) return;
                    regenerateThenRun(plan, planFile, exportDir);
                }));
    }

    private void regenerateThenRun(ClusterPlan plan, Path planFile, Path exportDir) {
        navigator.working(true, "Writing the export from the plan…");
        CompletableFuture.runAsync(() -> {
            try {
                ctx.exporter().export(plan, exportDir);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, ctx.background()).whenComplete((v, e) -> Platform.runLater(() -> {
            navigator.working(false, "");
            if (e != null) {
                dialogs.error("Could not regenerate " + exportDir, (e.getCause() == null ? e : e.getCause()).getMessage());
                return;
            }
            runs.open(plan, planFile, exportDir);
        }));
    }

    public ClusterPlan plan() {
        return state.plan();
    }
}
