package dev.railyard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.testsupport.FxThread;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the wizard the way a person does: click a field, type, press keys. Ids come from plan paths. */
final class WizardRobot {

    private final FxRobot robot;
    private final java.util.function.Supplier<Object> diagnostics;

    WizardRobot(FxRobot robot, java.util.function.Supplier<Object> diagnostics) {
        this.robot = robot;
        this.diagnostics = diagnostics;
    }

    static String id(String path) {
        return "#" + path.replaceAll("[^A-Za-z0-9]+", "-");
    }

    /** Replaces the text of the field for {@code path} by typing. */
    WizardRobot type(String path, String text) {
        return typeInto(id(path), text);
    }

    WizardRobot typeInto(String query, String text) {
        TextInputControl field = find(query, TextInputControl.class);
        focus(field);
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.type(KeyCode.BACK_SPACE);
        robot.write(text);
        settle();
        assertThat(FxThread.onFx(() -> field.getText())).isEqualTo(text);
        return this;
    }

    /** Adds an entry to a list editor by typing it and pressing Enter (which must not move to the next step). */
    WizardRobot addToList(String path, String entry) {
        Node input = find(id(path) + "-input", Node.class);
        focus(input);
        robot.clickOn(input).write(entry).type(KeyCode.ENTER);
        settle();
        return this;
    }

    /** Empties the domain field with the keyboard (select all, delete). */
    WizardRobot clearDomain(FxRobot fx) {
        javafx.scene.control.TextField field = find(id("spec.gitpod.domain"), javafx.scene.control.TextField.class);
        focus(field);
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.type(KeyCode.BACK_SPACE);
        settle();
        return this;
    }

    WizardRobot click(String query) {
        Node node = find(query, Node.class);
        focus(node);
        robot.clickOn(node);
        settle();
        return this;
    }

    WizardRobot choose(String path, String item) {
        Node combo = find(id(path), Node.class);
        focus(combo);
        robot.clickOn(combo);
        settle();
        robot.clickOn(item);
        settle();
        return this;
    }

    WizardRobot next() {
        assertThat(FxThread.onFx(() -> nextButton().isDisabled())).as("Next is enabled; problems: %s", diagnostics.get()).isFalse();
        click("#next");
        // typed secrets go to the store off the FX thread; the step changes when that is done
        try {
            FxThread.waitFor(30, () -> !text("#step-status").startsWith("Storing"));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the secrets were still being stored after 30 s", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
        return this;
    }

    Button nextButton() {
        return find("#next", Button.class);
    }

    String problemText(String path) {
        Label label = find(id(path) + "-problem", Label.class);
        return FxThread.onFx(() -> label.isVisible() ? label.getText() : "");
    }

    /** A field's or label's text, read on the FX thread (see FxThread.waitFor). */
    String text(String query) {
        return FxThread.onFx(() -> {
            Node node = find(query, Node.class);
            if (node instanceof TextInputControl t) return t.getText();
            return ((Label) node).getText();
        });
    }

    /**
     * The node a query names, looked up on the FX thread: a lookup walks children lists that the FX thread may be
     * changing (a run screen's log, a health panel redrawing), as FxThread.waitFor explains.
     */
    <T extends Node> T find(String query, Class<T> type) {
        return FxThread.onFx(() -> robot.lookup(query).queryAs(type));
    }

    /** Focus first, as Tab would: the form scrolls the field into sight before the click. */
    private void focus(Node node) {
        robot.interact(node::requestFocus);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Lets the debounced validation run and the FX queue drain. */
    void settle() {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(350, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    void waitUntil(String query, java.util.function.Predicate<String> condition) throws Exception {
        FxThread.waitFor(10, () -> condition.test(text(query)));
    }
}
