package dev.railyard.ui.wizard;

import dev.railyard.engine.validate.Problem;
import java.util.List;
import javafx.scene.Node;

/** One screen of the wizard. The wizard knows only the list of steps. */
public interface WizardStep {

    String title();

    Node view();

    List<Problem> problems();

    /** Errors block Next; warnings do not. */
    boolean canAdvance();

    /** The plan paths this step edits, for "jump to field" from the review. */
    List<String> paths();

    /** Moves focus to the control for {@code path}; false when the step has none. */
    default boolean focus(String path) {
        return false;
    }

    /**
     * Called on the FX thread when the user leaves the step forward (Next): commit what must be
     * committed. Slow work (the secret store) runs on {@code background}; the wizard moves on when the
     * returned stage completes (on {@code fx}) and stays, with an error, when it fails.
     */
    default java.util.concurrent.CompletionStage<Void> onLeave(java.util.concurrent.Executor background, java.util.concurrent.Executor fx) {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /** Called each time the step is shown. */
    default void onShow() {}
}
