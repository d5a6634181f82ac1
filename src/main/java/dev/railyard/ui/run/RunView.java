package dev.railyard.ui.run;

import dev.railyard.engine.run.LogFeed;
import dev.railyard.engine.run.RunState;
import dev.railyard.engine.run.StepStatus;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;

/**
 * The run screen: the step list (state, duration) beside the run's {@link LogView} (follow, search,
 * filter, copy, open the file). Not yet: ETA, selecting a step to filter the log.
 */
public final class RunView extends BorderPane implements AutoCloseable {

    public static final int DEFAULT_WINDOW = LogView.DEFAULT_WINDOW;

    private final ObservableList<StepStatus> steps = FXCollections.observableArrayList();
    private final LogView log;

    public RunView(LogFeed feed, Path runLogFile, int window) {
        this.log = new LogView(feed, runLogFile, window);
        ListView<StepStatus> stepList = new ListView<>(steps);
        stepList.setPrefWidth(260);
        stepList.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(StepStatus s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : symbol(s) + "  " + s.title()
                        + (s.durationMillis() == null ? "" : String.format(java.util.Locale.ROOT, "  %.1f s", s.durationMillis() / 1000.0)));
            }
        });
        setLeft(stepList);
        setCenter(log);
    }

    /** Call from any thread with each saved state (Pipeline#addStateListener). */
    public void showState(RunState state) {
        Platform.runLater(() -> steps.setAll(state.steps()));
    }

    static String symbol(StepStatus s) {
        return switch (s.state()) {
            case PENDING -> "○";
            case RUNNING -> "▶";
            case DONE -> "✔";
            case FAILED -> "✖";
            case CANCELLED -> "■";
            case SKIPPED -> "–";
        };
    }

    /** Lines currently in the view (bounded by the window). */
    int visibleLines() {
        return log.lines().lines().size();
    }

    long batches() {
        return log.batches();
    }

    LogView logView() {
        return log;
    }

    @Override
    public void close() {
        log.close();
    }
}
