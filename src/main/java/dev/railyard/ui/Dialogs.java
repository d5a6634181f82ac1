package dev.railyard.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceDialog;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/**
 * The window's dialogs: errors, confirmations and the file choosers, each owned by the window's stage
 * (looked up when shown, since the stage is attached after the window is built).
 */
final class Dialogs {

    /** The answer to "save the changes first?". */
    enum UnsavedAnswer { SAVE, DISCARD, CANCEL }

    private final Supplier<Stage> stage;

    Dialogs(Supplier<Stage> stage) {
        this.stage = stage;
    }

    void error(String header, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message);
        alert.setHeaderText(header);
        own(alert);
        alert.show();
    }

    UnsavedAnswer askUnsaved() {
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't save", ButtonBar.ButtonData.NO);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "The plan has unsaved changes.", save, discard, ButtonType.CANCEL);
        alert.setHeaderText("Save the changes first?");
        own(alert);
        ButtonType answer = alert.showAndWait().orElse(ButtonType.CANCEL);
        return answer == save ? UnsavedAnswer.SAVE : answer == discard ? UnsavedAnswer.DISCARD : UnsavedAnswer.CANCEL;
    }

    boolean confirmSaveBeforeProvision() {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "Provisioning keeps its state and logs in a .railyard folder beside "
                + "the plan file, so that a later run (here or with `railyard resume`) can continue it.", ButtonType.OK, ButtonType.CANCEL);
        ask.setHeaderText("Save the plan first?");
        own(ask);
        return ask.showAndWait().orElse(ButtonType.CANCEL) == ButtonType.OK;
    }

    Optional<Path> choosePlanToOpen() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a Railyard plan");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Railyard plan", "*.yaml", "*.yml"));
        return path(chooser.showOpenDialog(stage.get()));
    }

    Optional<Path> choosePlanToSave() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the plan");
        chooser.setInitialFileName("railyard.yaml");
        return path(chooser.showSaveDialog(stage.get()));
    }

    Optional<Path> chooseKubeconfig(Path home) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Pick the cluster's kubeconfig");
        Path kube = home.resolve(".kube");
        if (Files.isDirectory(kube)) chooser.setInitialDirectory(kube.toFile());
        return path(chooser.showOpenDialog(stage.get()));
    }

    /** The context to check: the only one without asking, else the user's pick (empty when cancelled). */
    Optional<String> chooseContext(Path kubeconfig, List<String> contexts) {
        if (contexts.size() <= 1) return Optional.empty();
        ChoiceDialog<String> pick = new ChoiceDialog<>(contexts.get(0), contexts);
        pick.setTitle("Kubernetes context");
        pick.setHeaderText("Which context of " + kubeconfig.getFileName() + " should Railyard check?");
        own(pick);
        return pick.showAndWait();
    }

    private void own(javafx.scene.control.Dialog<?> dialog) {
        Stage owner = stage.get();
        if (owner != null) dialog.initOwner(owner);
    }

    private static Optional<Path> path(File file) {
        return Optional.ofNullable(file).map(File::toPath);
    }
}
