package dev.railyard.ui;

import atlantafx.base.theme.Styles;
import dev.railyard.engine.validate.Problem;
import dev.railyard.ui.wizard.WizardState;
import dev.railyard.ui.wizard.WizardStep;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.application.Platform;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * Navigation through the wizard: the step list on the left, the current step, Back/Next and the
 * step's problem count. It knows the steps only as a list of {@link WizardStep}; what lies before the
 * first step (the start screen) is the {@code beforeFirst} action.
 */
final class WizardNavigator {

    private final WizardState state;
    private final List<WizardStep> steps;
    private final StackPane center;
    private final Runnable beforeFirst;
    private final BiConsumer<String, String> error;
    private final IntegerProperty current = new SimpleIntegerProperty(-1);
    private final BorderPane wizard = new BorderPane();
    private final BorderPane body = new BorderPane();
    private final Label stepTitle = new Label();
    private final Label status = new Label();
    private final Button back = new Button("_Back", new FontIcon(Material2AL.ARROW_BACK));
    private final Button next = new Button("_Next", new FontIcon(Material2AL.ARROW_FORWARD));
    private final ToggleGroup navGroup = new ToggleGroup();
    private final VBox nav = new VBox(6);

    /**
     * @param center where the wizard is shown (it replaces what is there)
     * @param beforeFirst what Back on the first step does
     * @param error shows an error (header, message)
     */
    WizardNavigator(WizardState state, List<WizardStep> steps, StackPane center, Runnable beforeFirst, BiConsumer<String, String> error) {
        this.state = state;
        this.steps = List.copyOf(steps);
        this.center = center;
        this.beforeFirst = beforeFirst;
        this.error = error;
        build();
    }

    List<WizardStep> steps() {
        return steps;
    }

    /** Marks that no step is shown (the start screen or the run screen is). */
    void leave() {
        current.set(-1);
    }

    private void build() {
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
        next.setContentDisplay(ContentDisplay.RIGHT);
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
        bottom.setAlignment(Pos.CENTER_LEFT);
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

    void show(int index) {
        WizardStep step = steps.get(index);
        current.set(index);
        body.setCenter(step.view());
        stepTitle.setText(step.title());
        navGroup.getToggles().get(index).setSelected(true);
        if (!center.getChildren().contains(wizard)) center.getChildren().setAll(wizard);
        step.onShow();
        updateButtons();
    }

    void showLast() {
        show(steps.size() - 1);
    }

    void next() {
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
            error.accept("Could not store the secrets", e.getMessage());
            return;
        }
        show(i + 1);
    }

    void back() {
        int i = current.get();
        if (i > 0) show(i - 1);
        else if (i == 0) beforeFirst.run();
    }

    /** Shows the step that edits {@code path} and focuses its field. */
    void jumpTo(String path) {
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
}
