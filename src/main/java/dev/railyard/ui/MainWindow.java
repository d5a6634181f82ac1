package dev.railyard.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Styles;
import dev.railyard.engine.plan.AtomicFiles;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanLoadException;
import dev.railyard.engine.render.tailscale.TailscalePolicyRenderer;
import dev.railyard.engine.validate.Problem;
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
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The window: a toolbar (home, new, open, save, theme), the start screen, and the wizard (step list,
 * the current step, Back/Next). It knows the steps only as a list of {@link WizardStep}.
 */
public final class MainWindow implements StartScreen.Actions {

    private final AppContext ctx;
    private final WizardState state;
    private final List<WizardStep> steps = new ArrayList<>();
    private final IntegerProperty current = new SimpleIntegerProperty(-1);
    private final BorderPane root = new BorderPane();
    private final StackPane center = new StackPane();
    private final BorderPane wizard = new BorderPane();
    private final StartScreen start;
    private final Label stepTitle = new Label();
    private final Label status = new Label();
    private final Button back = new Button("_Back", new FontIcon(Material2AL.ARROW_BACK));
    private final Button next = new Button("_Next", new FontIcon(Material2AL.ARROW_FORWARD));
    private final ToggleGroup navGroup = new ToggleGroup();
    private final VBox nav = new VBox(6);
    private final RunFlow runs;
    private Stage stage;
    private boolean dark;
    private Button themeButton;

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
        this.runs = new RunFlow(ctx, () -> stage, node -> {
            current.set(-1);
            center.getChildren().setAll(node);
        }, () -> show(steps.size() - 1), home, environment, names);
        java.util.concurrent.Executor ui = Platform::runLater;
        CloudViewModel cloud = new CloudViewModel(state, ctx.catalog(), ctx.hetzner(), ctx.azure(), ctx.resolver(), ctx.background(), ui);
        SizeViewModel size = new SizeViewModel(state, ctx.catalog(), ctx.format());
        DomainViewModel domain = new DomainViewModel(state);
        DependenciesViewModel deps = new DependenciesViewModel(state);
        NetworkingViewModel network = new NetworkingViewModel(state, ctx.catalog(), new TailscalePolicyRenderer(), ctx.publicIp(),
                ctx.background(), ui);
        ReviewViewModel review = new ReviewViewModel(state, ctx.catalog(), ctx.renderer(), ctx.exporter(), ctx.secrets());
        steps.add(new CloudStep(state, cloud, ctx.secrets()));
        steps.add(new SizeStep(state, size));
        steps.add(new DomainStep(state, domain, ctx.secrets()));
        steps.add(new DependenciesStep(state, deps, ctx.secrets()));
        steps.add(new CoderStep(state, new CoderViewModel(state), ctx.secrets()));
        steps.add(new NetworkingStep(state, network, ctx.secrets()));
        steps.add(new ReviewStep(state, review, this::jumpTo, this::provision));
        start = new StartScreen(this);
        buildWizard();
        root.setTop(toolbar());
        root.setCenter(center);
        root.getStylesheets().add(MainWindow.class.getResource("railyard.css").toExternalForm());
        state.planProperty().addListener((o, a, b) -> {
            if (state.dirtyProperty().get()) ctx.autosave().changed(b);
        });
        showStart();
    }

    public Parent root() {
        return root;
    }

    public WizardState state() {
        return state;
    }

    public List<WizardStep> steps() {
        return List.copyOf(steps);
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
            if (!runs.confirmClose() || !confirmDiscard()) {
                e.consume();
                return;
            }
            runs.closeScreen();
            ctx.autosave().close();
        });
    }

    private ToolBar toolbar() {
        Label app = new Label("Railyard", new FontIcon(Material2MZ.TRAIN));
        app.getStyleClass().add(Styles.TEXT_BOLD);
        Button home = tool("Start", Material2AL.HOME, "tool-home", this::showStart);
        Button newP = tool("New", Material2MZ.NOTE_ADD, "tool-new", this::newProject);
        Button open = tool("Open…", Material2AL.FOLDER_OPEN, "tool-open", this::open);
        Button save = tool("Save", Material2MZ.SAVE, "tool-save", this::save);
        Button saveAs = tool("Save as…", Material2MZ.SAVE_ALT, "tool-save-as", this::saveAs);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button run = tool("Run", Material2MZ.PLAY_CIRCLE_OUTLINE, "tool-run", runs::reopen);
        run.visibleProperty().bind(runs.presentProperty());
        run.managedProperty().bind(runs.presentProperty());
        themeButton = tool("Dark", Material2MZ.NIGHTS_STAY, "tool-theme", () -> setDark(!dark));
        var help = HelpMenu.create(dev.railyard.launch.AppLog.folder(ctx.dirs().data()), m -> error("Log folder", m));
        return new ToolBar(app, home, newP, open, save, saveAs, run, spacer, help, themeButton);
    }

    private static Button tool(String text, org.kordamp.ikonli.Ikon icon, String id, Runnable action) {
        Button b = new Button(text, new FontIcon(icon));
        b.setId(id);
        b.getStyleClass().add(Styles.FLAT);
        b.setFocusTraversable(false);
        if (action != null) b.setOnAction(e -> action.run());
        return b;
    }

    public void setDark(boolean value) {
        dark = value;
        Application.setUserAgentStylesheet(value ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        themeButton.setText(dark ? "Light" : "Dark");
        themeButton.setGraphic(new FontIcon(dark ? Material2MZ.WB_SUNNY : Material2MZ.NIGHTS_STAY));
    }

    private void buildWizard() {
        nav.getStyleClass().add("railyard-nav");
        Label navTitle = new Label("Steps");
        navTitle.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        nav.getChildren().add(navTitle);
        for (int i = 0; i < steps.size(); i++) {
            int index = i;
            ToggleButton item = new ToggleButton((i + 1) + ". " + steps.get(i).title());
            item.setId("nav-" + i);
            item.setToggleGroup(navGroup);
            item.getStyleClass().add(Styles.FLAT);
            item.setMnemonicParsing(false);
            item.setFocusTraversable(false);
            item.setOnAction(e -> show(index));
            nav.getChildren().add(item);
        }
        stepTitle.getStyleClass().addAll(Styles.TITLE_2, "railyard-step-title");
        back.setId("back");
        next.setId("next");
        next.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
        next.getStyleClass().add(Styles.ACCENT);
        next.setDefaultButton(true);
        back.setCancelButton(true);
        back.setOnAction(e -> back());
        next.setOnAction(e -> next());
        status.setId("step-status");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bottom = new HBox(10, status, spacer, back, next);
        bottom.getStyleClass().add("railyard-bottom");
        bottom.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        BorderPane body = new BorderPane();
        body.setTop(stepTitle);
        wizard.setLeft(nav);
        wizard.setCenter(body);
        wizard.setBottom(bottom);
        state.problems().addListener((ListChangeListener<Problem>) c -> updateButtons());
        current.addListener((o, a, b) -> updateButtons());
    }

    private void updateButtons() {
        int i = current.get();
        if (i < 0) return;
        WizardStep step = steps.get(i);
        boolean last = i == steps.size() - 1;
        next.setDisable(last || !step.canAdvance());
        long errors = step.problems().stream().filter(Problem::isError).count();
        long warnings = step.problems().size() - errors;
        status.setText(errors > 0 ? errors + (errors == 1 ? " error" : " errors") + " on this step"
                : warnings > 0 ? warnings + (warnings == 1 ? " warning" : " warnings") + " (you can go on)" : "");
        status.getStyleClass().removeAll(Styles.DANGER, Styles.WARNING);
        status.getStyleClass().add(errors > 0 ? Styles.DANGER : Styles.WARNING);
    }

    public void show(int index) {
        WizardStep step = steps.get(index);
        current.set(index);
        ((BorderPane) wizard.getCenter()).setCenter(step.view());
        stepTitle.setText(step.title());
        navGroup.getToggles().get(index).setSelected(true);
        if (!center.getChildren().contains(wizard)) center.getChildren().setAll(wizard);
        step.onShow();
        updateButtons();
    }

    public void next() {
        int i = current.get();
        if (i < 0 || i >= steps.size() - 1) return;
        state.validateNow();
        WizardStep step = steps.get(i);
        if (!step.canAdvance()) {
            updateButtons();
            return;
        }
        try {
            step.onLeave();
        } catch (RuntimeException e) {
            error("Could not store the secrets", e.getMessage());
            return;
        }
        show(i + 1);
    }

    public void back() {
        int i = current.get();
        if (i > 0) show(i - 1);
        else if (i == 0) showStart();
    }

    /** Shows the step that edits {@code path} and focuses its field. */
    public void jumpTo(String path) {
        int best = -1;
        int bestLength = -1;
        for (int i = 0; i < steps.size() - 1; i++) {
            for (String prefix : steps.get(i).paths()) {
                if (WizardState.isAtOrBelow(path, prefix) && prefix.length() > bestLength) {
                    best = i;
                    bestLength = prefix.length();
                }
            }
        }
        if (best < 0) return;
        show(best);
        WizardStep step = steps.get(best);
        Platform.runLater(() -> step.focus(path));
    }

    public void showStart() {
        current.set(-1);
        start.showRecent(ctx.recent().list(), java.nio.file.Files.exists(ctx.autosave().file()));
        center.getChildren().setAll(start.view());
    }

    @Override
    public void newProject() {
        if (!confirmDiscard()) return;
        state.load(NewPlan.create(start.platform()), null);
        show(0);
    }

    @Override
    public void open() {
        if (!confirmDiscard()) return;
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a Railyard plan");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Railyard plan", "*.yaml", "*.yml"));
        File file = chooser.showOpenDialog(stage);
        if (file != null) openFile(file.toPath());
    }

    @Override
    public void openRecent(Path file) {
        if (confirmDiscard()) openFile(file);
    }

    public void openFile(Path file) {
        try {
            state.load(ctx.format().read(file), file);
            ctx.recent().add(file);
            show(0);
        } catch (PlanLoadException e) {
            error("Cannot open " + file.getFileName(), e.getMessage());
        }
    }

    @Override
    public void openExample(String name) {
        if (!confirmDiscard()) return;
        state.load(Examples.load(ctx.format(), name), null);
        show(0);
    }

    @Override
    public void checkCluster() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Pick the cluster's kubeconfig");
        Path kube = Path.of(System.getProperty("user.home"), ".kube");
        if (java.nio.file.Files.isDirectory(kube)) chooser.setInitialDirectory(kube.toFile());
        File file = chooser.showOpenDialog(stage);
        if (file == null) return;
        java.util.List<String> contexts = ClusterCheckWindow.contexts(file.toPath());
        java.util.Optional<String> context = java.util.Optional.empty();
        if (contexts.size() > 1) {
            javafx.scene.control.ChoiceDialog<String> pick = new javafx.scene.control.ChoiceDialog<>(contexts.get(0), contexts);
            pick.setTitle("Kubernetes context");
            pick.setHeaderText("Which context of " + file.getName() + " should Railyard check?");
            context = pick.showAndWait();
            if (context.isEmpty()) return;
        }
        try {
            ClusterCheckWindow.open(stage, file.toPath(), context,
                    state.plan() == null ? dev.railyard.engine.cluster.Expectations.withoutPlan()
                            : dev.railyard.engine.cluster.Expectations.of(state.plan()), ctx.clock());
        } catch (RuntimeException e) {
            error("Cannot check the cluster", e.getMessage());
        }
    }

    @Override
    public void resumeDraft() {
        if (!confirmDiscard()) return;
        ctx.autosave().load().ifPresent(plan -> {
            state.load(plan, null);
            state.dirtyProperty().set(true);
            show(0);
        });
    }

    /** Saves to the current file, or asks where. */
    public void save() {
        Path file = state.fileProperty().get();
        if (file == null) saveAs();
        else saveTo(file);
    }

    public void saveAs() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the plan");
        chooser.setInitialFileName("railyard.yaml");
        File file = chooser.showSaveDialog(stage);
        if (file != null) saveTo(file.toPath());
    }

    /** Writes exactly the bytes the CLI reads ({@code PlanFormat}); typed secrets go to the store first. */
    public boolean saveTo(Path file) {
        try {
            state.commitSecrets(ctx.secrets());
            AtomicFiles.write(file, ctx.format().write(state.plan()).getBytes(StandardCharsets.UTF_8), false);
            state.markSaved(file);
            ctx.recent().add(file);
            ctx.autosave().discard();
            return true;
        } catch (IOException | RuntimeException e) {
            error("Could not save " + file.getFileName(), e.getMessage());
            return false;
        }
    }

    /**
     * Opens the run screen for the exported folder. The run's state and logs live beside the plan file
     * (like the CLI's), so an unsaved plan is saved first.
     */
    public void provision(Path exportDir) {
        if (state.fileProperty().get() == null || state.dirtyProperty().get()) {
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "Provisioning keeps its state and logs in a .railyard folder beside "
                    + "the plan file, so that a later run (here or with `railyard resume`) can continue it.", ButtonType.OK, ButtonType.CANCEL);
            ask.setHeaderText("Save the plan first?");
            if (stage != null) ask.initOwner(stage);
            if (ask.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) return;
            if (state.fileProperty().get() == null) saveAs();
            else save();
            if (state.fileProperty().get() == null || state.dirtyProperty().get()) return;
        }
        runs.open(state.plan(), state.fileProperty().get(), exportDir);
    }

    /** True when there is nothing unsaved, or the user saved or chose to discard it. */
    private boolean confirmDiscard() {
        if (!state.dirtyProperty().get()) return true;
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't save", ButtonBar.ButtonData.NO);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "The plan has unsaved changes.", save, discard, ButtonType.CANCEL);
        alert.setHeaderText("Save the changes first?");
        if (stage != null) alert.initOwner(stage);
        ButtonType answer = alert.showAndWait().orElse(ButtonType.CANCEL);
        if (answer == save) {
            save();
            return !state.dirtyProperty().get();
        }
        if (answer == discard) {
            ctx.autosave().discard();
            return true;
        }
        return false;
    }

    private void error(String header, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message);
        alert.setHeaderText(header);
        if (stage != null) alert.initOwner(stage);
        alert.show();
    }

    public ClusterPlan plan() {
        return state.plan();
    }
}
