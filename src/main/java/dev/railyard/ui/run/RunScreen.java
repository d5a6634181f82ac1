package dev.railyard.ui.run;

import atlantafx.base.theme.Styles;
import dev.railyard.engine.run.RunEta;
import dev.railyard.engine.run.RunState;
import dev.railyard.engine.run.StepState;
import dev.railyard.engine.run.StepStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The run screen: the steps with their state, duration and time left; the live log of the selected
 * step (or all); Cancel, Resume, Destroy (after typing the cluster's name), the cluster's health and
 * adding its kubeconfig to the user's, once the cluster has one.
 */
public final class RunScreen extends BorderPane implements AutoCloseable {

    /** What the screen asks of the window around it. */
    public interface Actions {
        void backToPlan();

        void openHealth(Path kubeconfig);

        /** Adds the kubeconfig to the user's and says what happened. */
        void mergeKubeconfig(Path kubeconfig);
    }

    private final RunController controller;
    private final Clock clock;
    private final ObservableList<StepStatus> steps = FXCollections.observableArrayList();
    private final ListView<StepStatus> stepList = new ListView<>(steps);
    private final Label heading = new Label();
    private final Label timeLeft = new Label();
    private final Label status = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final StackPane logArea = new StackPane();
    private final Button cancel = new Button("_Cancel", new FontIcon(Material2MZ.STOP));
    private final Button resume = new Button("_Resume", new FontIcon(Material2MZ.PLAY_ARROW));
    private final Button destroy = new Button("_Destroy…", new FontIcon(Material2AL.DELETE_FOREVER));
    private final Button health = new Button("Cluster _health", new FontIcon(Material2AL.FAVORITE_BORDER));
    private final Button merge = new Button("Add to ~/._kube/config", new FontIcon(Material2AL.LINK));
    private final Button trust = new Button("_Trust new host keys…", new FontIcon(Material2AL.FINGERPRINT));
    private final Timeline ticker;
    private LogView log;

    public RunScreen(RunController controller, Actions actions, Clock clock) {
        this.controller = controller;
        this.clock = clock;
        getStyleClass().add("railyard-run");

        heading.getStyleClass().add(Styles.TITLE_3);
        heading.setText("Provisioning " + controller.plan().name());
        timeLeft.setId("run-time-left");
        timeLeft.getStyleClass().add(Styles.TEXT_MUTED);
        progress.setId("run-progress");
        progress.setPrefWidth(220);
        progress.setAccessibleText("share of the usual run time behind");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(12, heading, spacer, timeLeft, progress);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(10, 12, 6, 12));
        setTop(top);

        stepList.setId("run-steps");
        stepList.setPrefWidth(340);
        stepList.setCellFactory(v -> new StepCell());
        stepList.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (log != null) log.showOnly(b == null ? null : b.name(), null);
        });
        Button allSteps = new Button("Show every step's lines");
        allSteps.setId("run-all-steps");
        allSteps.getStyleClass().add(Styles.FLAT);
        allSteps.setOnAction(e -> stepList.getSelectionModel().clearSelection());
        VBox left = new VBox(6, stepList, allSteps);
        VBox.setVgrow(stepList, Priority.ALWAYS);
        left.setPadding(new Insets(0, 0, 0, 12));
        setLeft(left);

        Label empty = new Label("Nothing has run yet. Provision to start; every line is also kept in the run folder's run.log.");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        empty.setWrapText(true);
        logArea.getChildren().add(empty);
        logArea.setPadding(new Insets(0, 12, 0, 12));
        setCenter(logArea);

        status.setId("run-status");
        status.setWrapText(true);
        status.textProperty().bind(controller.messageProperty());
        cancel.setId("run-cancel");
        resume.setId("run-resume");
        destroy.setId("run-destroy");
        health.setId("run-health");
        merge.setId("run-merge-kubeconfig");
        trust.setId("run-trust-host-keys");
        trust.setOnAction(e -> confirmTrust());
        resume.getStyleClass().add(Styles.ACCENT);
        destroy.getStyleClass().add(Styles.DANGER);
        Button back = new Button("Back to the _plan", new FontIcon(Material2AL.ARROW_BACK));
        back.setId("run-back");
        back.setOnAction(e -> actions.backToPlan());
        cancel.setOnAction(e -> controller.cancel());
        resume.setOnAction(e -> controller.provision());
        destroy.setOnAction(e -> confirmDestroy());
        health.setOnAction(e -> controller.kubeconfig().ifPresent(actions::openHealth));
        merge.setOnAction(e -> controller.kubeconfig().ifPresent(actions::mergeKubeconfig));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, back, gap, health, merge, destroy, cancel, trust, resume);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox bottom = new VBox(6, status, buttons);
        bottom.setPadding(new Insets(8, 12, 12, 12));
        setBottom(bottom);

        controller.stateProperty().addListener((o, a, b) -> showState(b));
        controller.phaseProperty().addListener((o, a, b) -> {
            updateButtons();
            tick();
        });
        controller.startedProperty().addListener((o, a, b) -> attachLog(b));
        showState(controller.stateProperty().get());
        updateButtons();
        ticker = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
    }

    private void attachLog(RunController.Started run) {
        if (run == null) return;
        if (log != null) log.close();
        log = new LogView(run.feed(), run.runLogFile(), LogView.DEFAULT_WINDOW);
        log.setId("run-log");
        logArea.getChildren().setAll(log);
        heading.setText((run.operation().equals("destroy") ? "Destroying " : "Provisioning ") + controller.plan().name());
        StepStatus selected = stepList.getSelectionModel().getSelectedItem();
        if (selected != null) log.showOnly(selected.name(), null);
    }

    private void showState(RunState state) {
        if (state == null) {
            steps.clear();
            return;
        }
        String selected = stepList.getSelectionModel().getSelectedItem() == null ? null
                : stepList.getSelectionModel().getSelectedItem().name();
        steps.setAll(state.steps());
        if (selected != null) {
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i).name().equals(selected)) stepList.getSelectionModel().select(i);
            }
        }
        tick();
        updateButtons();
    }

    /** Once a second: the running step's elapsed time and the time left. */
    private void tick() {
        RunState state = controller.stateProperty().get();
        if (state == null) {
            timeLeft.setText("");
            return;
        }
        Instant now = clock.instant();
        RunEta eta = controller.eta();
        boolean running = controller.phaseProperty().get().isActive();
        if (state.isComplete()) {
            timeLeft.setText("all steps done");
            progress.setProgress(1);
        } else {
            timeLeft.setText((running ? "" : "stopped; ") + RunEta.describe(eta.remaining(state, now)) + " left");
            progress.setProgress(eta.progress(state, now));
        }
        stepList.refresh();
    }

    private void updateButtons() {
        RunController.Phase phase = controller.phaseProperty().get();
        boolean active = phase.isActive();
        cancel.setDisable(phase != RunController.Phase.RUNNING);
        RunState state = controller.stateProperty().get();
        boolean started = state != null && state.steps().stream().anyMatch(s -> s.state() != StepState.PENDING);
        resume.setDisable(active || (state != null && state.isComplete() && "provision".equals(state.operation())));
        resume.setText(started && "provision".equals(state.operation()) ? "_Resume" : "_Provision");
        destroy.setDisable(active);
        boolean unknownKey = controller.stoppedAtUnknownHostKey();
        trust.setVisible(unknownKey);
        trust.setManaged(unknownKey);
        boolean hasKubeconfig = controller.kubeconfig().isPresent();
        health.setDisable(!hasKubeconfig);
        merge.setDisable(!hasKubeconfig);
    }

    private void confirmDestroy() {
        String name = controller.plan().name();
        Dialog<String> dialog = new Dialog<>();
        if (getScene() != null) dialog.initOwner(getScene().getWindow());
        dialog.setTitle("Destroy " + name);
        dialog.setHeaderText("This deletes every server, load balancer and volume of '" + name + "',\n"
                + "first what the cluster created itself (LoadBalancer services, volumes), then what Terraform created.");
        TextField typed = new TextField();
        typed.setId("destroy-confirm-name");
        typed.setPromptText(name);
        typed.setAccessibleText("type the cluster's name to confirm");
        VBox content = new VBox(8, new Label("Type the cluster's name to confirm:"), typed);
        dialog.getDialogPane().setContent(content);
        ButtonType destroyButton = new ButtonType("Destroy", ButtonType.OK.getButtonData());
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, destroyButton);
        javafx.scene.Node ok = dialog.getDialogPane().lookupButton(destroyButton);
        ok.getStyleClass().add(Styles.DANGER);
        ok.disableProperty().bind(typed.textProperty().isNotEqualTo(name));
        dialog.setResultConverter(b -> b == destroyButton ? typed.getText() : null);
        typed.requestFocus();
        dialog.showAndWait().ifPresent(controller::destroy);
    }

    /** Servers that existed before Railyard: their keys cannot be known in advance, so the user may accept them once. */
    private void confirmTrust() {
        javafx.scene.control.Alert ask = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                "Railyard will accept the key each server shows the first time, print its fingerprint in the log and pin it: "
                        + "from then on a different key stops the run. Compare the printed fingerprints with each server's own "
                        + "(on its console: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub). Only do this on a network you trust.",
                ButtonType.OK, ButtonType.CANCEL);
        ask.setHeaderText("Trust the servers' SSH host keys on first use?");
        if (getScene() != null) ask.initOwner(getScene().getWindow());
        if (ask.showAndWait().orElse(ButtonType.CANCEL) == ButtonType.OK) controller.provisionTrustingNewHostKeys();
    }

    @Override
    public void close() {
        ticker.stop();
        if (log != null) log.close();
        controller.close();
    }

    /** One step: its state icon, title, and duration (done), elapsed and time left (running) or usual time (pending). */
    private final class StepCell extends ListCell<StepStatus> {
        @Override
        protected void updateItem(StepStatus s, boolean empty) {
            super.updateItem(s, empty);
            if (empty || s == null) {
                setText(null);
                setGraphic(null);
                setAccessibleText(null);
                return;
            }
            FontIcon icon = icon(s.state());
            Label title = new Label(s.title());
            title.setWrapText(true);
            // wrap inside the list's width instead of growing a horizontal scroll bar
            title.maxWidthProperty().bind(stepList.widthProperty().subtract(72));
            setPrefWidth(0);
            Label detail = new Label(detail(s));
            detail.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            VBox text = new VBox(2, title, detail);
            HBox row = new HBox(8, icon, text);
            row.setAlignment(Pos.CENTER_LEFT);
            setText(null);
            setGraphic(row);
            setAccessibleText(s.title() + ": " + s.state().json() + ", " + detail.getText());
            // the full title, and why a failed step failed
            setTooltip(new javafx.scene.control.Tooltip(s.message() != null && s.state() == StepState.FAILED
                    ? s.title() + "\n" + s.message() : s.title()));
        }

        private String detail(StepStatus s) {
            Instant now = clock.instant();
            RunEta.Estimate e = controller.eta().step(s, now);
            return switch (s.state()) {
                case DONE -> "done in " + seconds(s.durationMillis());
                case SKIPPED -> "skipped";
                case FAILED -> "failed after " + seconds(s.durationMillis());
                case CANCELLED -> "cancelled after " + seconds(s.durationMillis());
                case RUNNING -> {
                    long elapsed = s.startedAt() == null ? 0 : Duration.between(Instant.parse(s.startedAt()), now).toMillis();
                    yield "running " + seconds(elapsed) + (e.overdue() ? ", longer than usual" : ", " + RunEta.describe(e.remaining()) + " left");
                }
                case PENDING -> "usually " + RunEta.describe(controller.eta().typical(s.name())).replace("about ", "");
            };
        }
    }

    static FontIcon icon(StepState state) {
        FontIcon icon = switch (state) {
            case PENDING -> new FontIcon(Material2MZ.RADIO_BUTTON_UNCHECKED);
            case RUNNING -> new FontIcon(Material2MZ.PLAY_CIRCLE_FILLED);
            case DONE -> new FontIcon(Material2AL.CHECK_CIRCLE);
            case FAILED -> new FontIcon(Material2AL.ERROR);
            case CANCELLED -> new FontIcon(Material2MZ.STOP_CIRCLE);
            case SKIPPED -> new FontIcon(Material2MZ.REMOVE_CIRCLE_OUTLINE);
        };
        icon.getStyleClass().add(switch (state) {
            case DONE -> Styles.SUCCESS;
            case FAILED -> Styles.DANGER;
            case RUNNING -> Styles.ACCENT;
            case CANCELLED -> Styles.WARNING;
            default -> Styles.TEXT_MUTED;
        });
        icon.setIconSize(18);
        return icon;
    }

    private static String seconds(Long millis) {
        long m = millis == null ? 0 : millis;
        if (m < 60_000) return String.format(Locale.ROOT, "%.1f s", m / 1000.0);
        return String.format(Locale.ROOT, "%d min %02d s", m / 60_000, (m / 1000) % 60);
    }
}
