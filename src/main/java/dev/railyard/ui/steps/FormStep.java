package dev.railyard.ui.steps;

import dev.railyard.engine.validate.Problem;
import dev.railyard.ui.form.Form;
import dev.railyard.ui.wizard.StepViewModel;
import dev.railyard.ui.wizard.WizardState;
import dev.railyard.ui.wizard.WizardStep;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** A step whose view is a form over one view-model: the view is built once and kept, so Back loses nothing. */
abstract class FormStep implements WizardStep {

    protected final WizardState state;
    protected final Map<String, Node> fields = new LinkedHashMap<>();
    protected final Form form;
    private Node view;

    FormStep(WizardState state) {
        this.state = state;
        this.form = new Form(state, fields);
    }

    protected abstract StepViewModel model();

    /** Fills the form; called once, on first show. */
    protected abstract void build(VBox content);

    @Override
    public Node view() {
        if (view == null) {
            VBox content = new VBox(10);
            content.setPadding(new Insets(8, 24, 24, 4));
            content.setMaxWidth(760);
            build(content);
            ScrollPane scroll = new ScrollPane(content);
            scroll.setFitToWidth(true);
            scroll.getStyleClass().add("edge-to-edge");
            // Tab, mnemonics and "jump to field" move the focus; the form scrolls to keep it in sight.
            javafx.beans.value.ChangeListener<Node> follow = (o, a, b) -> {
                if (b != null && isInside(b, content)) scrollTo(scroll, content, b);
            };
            scroll.sceneProperty().addListener((o, a, b) -> {
                if (a != null) a.focusOwnerProperty().removeListener(follow);
                if (b != null) b.focusOwnerProperty().addListener(follow);
            });
            view = scroll;
        }
        return view;
    }

    @Override
    public List<Problem> problems() {
        return model().problems();
    }

    @Override
    public boolean canAdvance() {
        return model().canAdvance();
    }

    @Override
    public List<String> paths() {
        return model().paths();
    }

    /** Focuses the field registered for the longest path that {@code path} is at or below. */
    @Override
    public boolean focus(String path) {
        view();
        return fields.entrySet().stream()
                .filter(e -> WizardState.isAtOrBelow(path, e.getKey()) && e.getValue().isVisible())
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(e -> {
                    e.getValue().requestFocus();
                    return true;
                }).orElse(false);
    }

    private static boolean isInside(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) return true;
        }
        return false;
    }

    static void scrollTo(ScrollPane scroll, Node content, Node node) {
        javafx.geometry.Bounds target = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
        double height = content.getBoundsInLocal().getHeight();
        double viewport = scroll.getViewportBounds().getHeight();
        if (height <= viewport) return;
        double range = height - viewport;
        double top = scroll.getVvalue() * range;
        double wanted = top;
        if (target.getMinY() - 40 < top) wanted = target.getMinY() - 40;
        else if (target.getMaxY() + 40 > top + viewport) wanted = target.getMaxY() + 40 - viewport;
        scroll.setVvalue(Math.max(0, Math.min(1, wanted / range)));
    }

    /** A password field for a secret; its prompt names the reference the plan already holds. */
    protected javafx.scene.control.PasswordField secret(VBox into, String label, SecretInput input, String path, String help) {
        var field = form.secret(into, label, input.valueProperty(), path, help);
        field.promptTextProperty().bind(input.promptProperty());
        return field;
    }

    /** Big selectable cards (provider, preset) bound to a string property. */
    protected static FlowPane cards(StringProperty value, String idPrefix, List<CardChoice> choices) {
        ToggleGroup group = new ToggleGroup();
        FlowPane pane = new FlowPane(12, 12);
        for (CardChoice c : choices) {
            ToggleButton card = new ToggleButton(c.label() + "\n" + c.description());
            card.setMnemonicParsing(true);
            card.setId(idPrefix + "-" + c.value());
            card.setUserData(c.value());
            card.setToggleGroup(group);
            card.setGraphic(new FontIcon(c.icon()));
            card.setWrapText(true);
            card.setPrefSize(220, 92);
            card.getStyleClass().add("railyard-card");
            pane.getChildren().add(card);
        }
        Runnable select = () -> group.getToggles().forEach(t -> t.setSelected(t.getUserData().equals(value.get())));
        select.run();
        value.addListener((o, a, b) -> select.run());
        group.selectedToggleProperty().addListener((o, a, b) -> {
            if (b != null) value.set((String) b.getUserData());
            else select.run(); // a card group always has one selected
        });
        return pane;
    }

    record CardChoice(String value, String label, String description, Ikon icon) {}

    protected static <T extends ButtonBase> T id(T button, String id) {
        button.setId(id);
        button.setMnemonicParsing(true);
        return button;
    }
}
