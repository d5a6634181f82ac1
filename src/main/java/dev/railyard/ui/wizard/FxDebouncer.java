package dev.railyard.ui.wizard;

import javafx.animation.PauseTransition;
import javafx.util.Duration;

/** Debounces on the FX thread with a restartable pause: the action runs {@code delay} after the last call. */
public final class FxDebouncer implements Debouncer {

    private final PauseTransition pause;
    private Runnable action = () -> {};

    public FxDebouncer(Duration delay) {
        pause = new PauseTransition(delay);
        pause.setOnFinished(e -> action.run());
    }

    @Override
    public void schedule(Runnable action) {
        this.action = action;
        pause.playFromStart();
    }
}
