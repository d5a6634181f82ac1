package dev.railyard.ui.steps;

import atlantafx.base.theme.Styles;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.validate.Problem;
import dev.railyard.ui.form.Form;
import dev.railyard.ui.wizard.StepViewModel;
import dev.railyard.ui.wizard.WizardState;
import java.io.File;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** Screen 7: all problems (each jumps to its field), the generated tree with a preview, export. */
public final class ReviewStep extends FormStep {

    private final ReviewViewModel vm;
    private final Consumer<String> jumpTo;
    private final VBox problemList = new VBox(4);
    private final TreeView<String> tree = new TreeView<>();
    private final TextArea preview = new TextArea();
    private final Map<TreeItem<String>, GeneratedFile> fileOf = new HashMap<>();
    private final Consumer<java.nio.file.Path> provision;
    private final Runnable demo;

    /** {@code provision} opens the run screen for the exported folder. */
    public ReviewStep(WizardState state, ReviewViewModel vm, Consumer<String> jumpTo, Consumer<java.nio.file.Path> provision) {
        this(state, vm, jumpTo, provision, null);
    }

    /** {@code demo}: runs this plan in the demo's simulation ("Demo (no cloud)"); null: no such button. */
    public ReviewStep(WizardState state, ReviewViewModel vm, Consumer<String> jumpTo, Consumer<java.nio.file.Path> provision, Runnable demo) {
        super(state);
        this.vm = vm;
        this.jumpTo = jumpTo;
        this.provision = provision;
        this.demo = demo;
    }

    @Override
    public String title() {
        return "Review & export";
    }

    @Override
    protected StepViewModel model() {
        return vm;
    }

    @Override
    public void onShow() {
        view();
        vm.refresh();
        drawProblems();
    }

    @Override
    protected void build(VBox content) {
        content.setMaxWidth(Double.MAX_VALUE);
        problemList.setId("review-problems");
        content.getChildren().addAll(Form.section("Problems"), problemList);
        state.problems().addListener((ListChangeListener<Problem>) c -> drawProblems());

        content.getChildren().add(Form.section("Files export will write"));
        Label message = new Label();
        message.setId("render-message");
        message.setWrapText(true);
        message.getStyleClass().add(Styles.TEXT_MUTED);
        message.textProperty().bind(vm.renderMessage);
        tree.setId("file-tree");
        tree.setShowRoot(false);
        tree.setPrefWidth(280);
        preview.setId("file-preview");
        preview.setEditable(false);
        preview.setStyle("-fx-font-family: monospace; -fx-font-size: 12px;");
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            GeneratedFile f = fileOf.get(b);
            preview.setText(f == null ? "" : f.content());
        });
        SplitPane split = new SplitPane(tree, preview);
        split.setDividerPositions(0.32);
        split.setPrefHeight(260);
        vm.files.addListener((ListChangeListener<GeneratedFile>) c -> drawTree());
        content.getChildren().addAll(message, split);

        content.getChildren().add(Form.section("Export"));
        TextField folder = new TextField();
        folder.setId("export-folder");
        folder.setPromptText("a new or empty folder");
        folder.textProperty().bindBidirectional(vm.exportFolder);
        HBox.setHgrow(folder, Priority.ALWAYS);
        Button choose = id(new Button("_Choose…", new FontIcon(Material2AL.FOLDER_OPEN)), "choose-export-folder");
        choose.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Export the generated files to");
            File dir = chooser.showDialog(content.getScene().getWindow());
            if (dir != null) vm.exportFolder.set(dir.getPath());
        });
        Button export = id(new Button("_Export", new FontIcon(Material2MZ.SAVE_ALT)), "export");
        export.getStyleClass().add(Styles.ACCENT);
        export.setOnAction(e -> vm.export());
        export.disableProperty().bind(vm.exporting);
        Button copy = id(new Button("Copy C_LI command", new FontIcon(Material2AL.CONTENT_COPY)), "copy-cli");
        Label cli = new Label();
        cli.setId("cli-command");
        cli.setStyle("-fx-font-family: monospace;");
        copy.setOnAction(e -> {
            ClipboardContent clip = new ClipboardContent();
            clip.putString(vm.cliCommand());
            Clipboard.getSystemClipboard().setContent(clip);
            cli.setText(vm.cliCommand() + "   (copied)");
        });
        Label status = Form.resultLabel("export-status", vm.exportStatus, vm.exportOk);
        javafx.scene.control.ProgressIndicator exportProgress = new javafx.scene.control.ProgressIndicator();
        exportProgress.setId("export-progress");
        exportProgress.setPrefSize(16, 16);
        exportProgress.visibleProperty().bind(vm.exporting);
        exportProgress.managedProperty().bind(vm.exporting);
        HBox statusRow = new HBox(6, exportProgress, status);
        statusRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        content.getChildren().addAll(new HBox(8, folder, choose, export), statusRow, new HBox(8, copy, cli));

        content.getChildren().add(Form.section("Provision"));
        Label runHint = new Label("Runs the exported files: Terraform, then SSH to every server, cloud-init, the kubeconfig, "
                + "Gitpod's secrets, cert-manager and the Gitpod installer. Needs terraform or tofu on this machine; "
                + "every step can be cancelled and resumed.");
        runHint.setWrapText(true);
        runHint.getStyleClass().add(Styles.TEXT_MUTED);
        Button run = id(new Button("_Provision…", new FontIcon(Material2MZ.PLAY_ARROW)), "provision");
        run.disableProperty().bind(vm.exportOk.not());
        run.setOnAction(e -> provision.accept(java.nio.file.Path.of(vm.exportFolder.get().strip())));
        Label runState = new Label("Export first: provisioning runs the files in the export folder.");
        runState.getStyleClass().add(Styles.TEXT_SMALL);
        runState.visibleProperty().bind(vm.exportOk.not());
        HBox runRow = new HBox(8, run, runState);
        if (demo != null) {
            Button simulate = id(new Button("_Demo (no cloud)", new FontIcon(Material2MZ.PLAY_CIRCLE_OUTLINE)), "review-demo");
            simulate.setTooltip(new javafx.scene.control.Tooltip("Provisions this plan in a simulation: no cloud account, no network,"
                    + " nothing real is created"));
            simulate.setOnAction(e -> demo.run());
            runRow.getChildren().add(1, simulate);
        }
        content.getChildren().addAll(runHint, runRow);
    }

    private void drawProblems() {
        problemList.getChildren().clear();
        List<Problem> problems = List.copyOf(state.problems());
        if (problems.isEmpty()) {
            Label ok = new Label("No problems: the plan is ready to export.", new FontIcon(Material2AL.CHECK_CIRCLE));
            ok.getStyleClass().add(Styles.SUCCESS);
            problemList.getChildren().add(ok);
            return;
        }
        for (Problem p : problems) {
            Hyperlink link = new Hyperlink(p.path() + ": " + p.message(),
                    new FontIcon(p.isError() ? Material2AL.ERROR : Material2MZ.WARNING));
            link.getStyleClass().add(p.isError() ? Styles.DANGER : Styles.WARNING);
            link.setWrapText(true);
            link.setOnAction(e -> jumpTo.accept(p.path()));
            problemList.getChildren().add(link);
        }
    }

    private void drawTree() {
        fileOf.clear();
        TreeItem<String> root = new TreeItem<>("");
        Map<String, TreeItem<String>> folders = new HashMap<>();
        for (GeneratedFile f : vm.files) {
            TreeItem<String> parent = root;
            String[] parts = f.path().split("/");
            StringBuilder dir = new StringBuilder();
            for (int i = 0; i < parts.length - 1; i++) {
                dir.append(parts[i]).append('/');
                TreeItem<String> up = parent;
                String name = parts[i];
                parent = folders.computeIfAbsent(dir.toString(), k -> {
                    TreeItem<String> item = new TreeItem<>(name + "/", new FontIcon(Material2AL.FOLDER));
                    item.setExpanded(true);
                    up.getChildren().add(item);
                    return item;
                });
            }
            TreeItem<String> leaf = new TreeItem<>(parts[parts.length - 1],
                    new FontIcon(f.secret() ? Material2AL.LOCK : Material2AL.INSERT_DRIVE_FILE));
            fileOf.put(leaf, f);
            parent.getChildren().add(leaf);
        }
        tree.setRoot(root);
        preview.clear();
        // Show something right away: the first file (the export README explains the tree).
        fileOf.keySet().stream().filter(i -> i.getParent() == root).findFirst()
                .or(() -> fileOf.keySet().stream().findFirst())
                .ifPresent(i -> tree.getSelectionModel().select(i));
    }
}
