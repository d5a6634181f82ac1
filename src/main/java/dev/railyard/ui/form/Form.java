package dev.railyard.ui.form;

import atlantafx.base.theme.Styles;
import dev.railyard.engine.validate.Problem;
import dev.railyard.ui.wizard.WizardState;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/**
 * Builds labelled fields bound to view-model properties, each with the engine's problems for its plan
 * path shown right under it. Every control gets an id derived from its path (for tests and "jump to
 * field") and is registered in the step's field index.
 */
public final class Form {

    private final WizardState state;
    private final Map<String, Node> index;

    public Form(WizardState state, Map<String, Node> index) {
        this.state = state;
        this.index = index;
    }

    /** A CSS-safe id for a plan path: {@code spec.gitpod.domain} -> {@code spec-gitpod-domain}. */
    public static String idFor(String path) {
        return path.replaceAll("[^A-Za-z0-9]+", "-");
    }

    public VBox field(String label, Node control, String path, String help) {
        Label caption = new Label(label);
        caption.setMnemonicParsing(true);
        caption.setLabelFor(control);
        caption.getStyleClass().add(Styles.TEXT_BOLD);
        control.setId(idFor(path));
        control.setUserData(path);
        index.put(path, control);
        VBox box = new VBox(4, caption, control);
        if (help != null) box.getChildren().add(helpText(help));
        box.getChildren().add(problemLabel(path, control));
        return box;
    }

    public TextField text(VBox into, String label, StringProperty value, String path, String help) {
        TextField field = new TextField();
        field.textProperty().bindBidirectional(value);
        into.getChildren().add(field(label, field, path, help));
        return field;
    }

    /** A password field: what is typed goes to the secret store, the plan gets only the reference. */
    public PasswordField secret(VBox into, String label, StringProperty value, String path, String help) {
        PasswordField field = new PasswordField();
        field.textProperty().bindBidirectional(value);
        into.getChildren().add(field(label, field, path, help));
        return field;
    }

    public CheckBox check(VBox into, String label, BooleanProperty value, String path) {
        CheckBox box = new CheckBox(label);
        box.setMnemonicParsing(true);
        box.selectedProperty().bindBidirectional(value);
        box.setId(idFor(path));
        box.setUserData(path);
        index.putIfAbsent(path, box);
        into.getChildren().addAll(box, problemLabel(path, box));
        return box;
    }

    public ComboBox<String> combo(VBox into, String label, StringProperty value, ObservableList<String> items, String path, String help) {
        ComboBox<String> combo = new ComboBox<>(items);
        combo.valueProperty().bindBidirectional(value);
        combo.setMaxWidth(320);
        into.getChildren().add(field(label, combo, path, help));
        return combo;
    }

    public static Label helpText(String text) {
        Label help = new Label(text);
        help.setWrapText(true);
        help.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        return help;
    }

    /** The engine's messages for {@code path} (and below it), updated whenever the problems change. */
    public Label problemLabel(String path, Node control) {
        Label label = new Label();
        label.setWrapText(true);
        label.setId(idFor(path) + "-problem");
        label.getStyleClass().add(Styles.TEXT_SMALL);
        Runnable update = () -> {
            List<Problem> here = state.problemsAt(path);
            boolean error = here.stream().anyMatch(Problem::isError);
            label.setText(here.stream().map(p -> describe(p, path)).collect(Collectors.joining("\n")));
            label.setVisible(!here.isEmpty());
            label.setManaged(!here.isEmpty());
            label.getStyleClass().removeAll(Styles.DANGER, Styles.WARNING);
            label.getStyleClass().add(error ? Styles.DANGER : Styles.WARNING);
            if (control != null) {
                control.pseudoClassStateChanged(Styles.STATE_DANGER, error);
                control.pseudoClassStateChanged(Styles.STATE_WARNING, !error && !here.isEmpty());
            }
        };
        state.problems().addListener((ListChangeListener<Problem>) c -> update.run());
        update.run();
        return label;
    }

    /** "message" for the field itself, "hosts[1].address: message" for a part of it. */
    static String describe(Problem p, String fieldPath) {
        if (p.path().equals(fieldPath)) return p.message();
        return p.path().substring(fieldPath.length()).replaceFirst("^\\.", "") + ": " + p.message();
    }

    /**
     * The outcome of an action (a connection test, an export): wrapped text, green once {@code ok} turns
     * true and red once it turns false.
     */
    public static Label resultLabel(String id, javafx.beans.value.ObservableValue<String> text,
                                    javafx.beans.value.ObservableValue<Boolean> ok) {
        Label result = new Label();
        result.setId(id);
        result.setWrapText(true);
        result.textProperty().bind(text);
        ok.addListener((o, a, b) -> {
            result.getStyleClass().removeAll(atlantafx.base.theme.Styles.SUCCESS, atlantafx.base.theme.Styles.DANGER);
            result.getStyleClass().add(Boolean.TRUE.equals(b) ? atlantafx.base.theme.Styles.SUCCESS : atlantafx.base.theme.Styles.DANGER);
        });
        return result;
    }

    public static Label section(String title) {
        Label label = new Label(title);
        label.getStyleClass().add(Styles.TITLE_4);
        label.setPadding(new javafx.geometry.Insets(12, 0, 0, 0));
        return label;
    }
}
