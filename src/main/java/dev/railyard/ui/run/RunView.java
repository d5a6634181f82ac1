package dev.railyard.ui.run;

import dev.railyard.engine.run.LogFeed;
import dev.railyard.engine.run.LogLine;
import dev.railyard.engine.run.RunState;
import dev.railyard.engine.run.StepStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * The run screen: the step list (state, duration) and a virtualised log view over a bounded ring,
 * fed by {@link LogPump} batches; "Follow" keeps the newest line in view; Ctrl+C copies the selected
 * lines; the full log stays in {@code run.log}. Not yet: search, filter by step or host, ETA.
 */
public final class RunView extends BorderPane implements AutoCloseable {

    public static final int DEFAULT_WINDOW = 100_000;

    private final LogRing ring;
    private final ListView<LogLine> log;
    private final ObservableList<StepStatus> steps = FXCollections.observableArrayList();
    private final CheckBox follow = new CheckBox("Follow");
    private final Label counter = new Label();
    private final LogPump pump;
    private final LogFeed feed;
    private long received;

    public RunView(LogFeed feed, Path runLogFile, int window) {
        this.feed = feed;
        this.ring = new LogRing(window);
        this.log = new ListView<>(ring);
        log.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        log.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(LogLine item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.formatForConsole());
            }
        });
        log.setOnKeyPressed(e -> {
            if (e.isShortcutDown() && e.getCode() == KeyCode.C) copySelection();
        });
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
        follow.setSelected(true);
        HBox bar = new HBox(12, follow, counter, new Label("full log: " + runLogFile));
        bar.setPadding(new Insets(6));
        setTop(bar);
        setLeft(stepList);
        setCenter(log);
        this.pump = new LogPump(feed, 50_000, 100, this::append);
    }

    /** Call from any thread with each saved state (Pipeline#addStateListener). */
    public void showState(RunState state) {
        Platform.runLater(() -> steps.setAll(state.steps()));
    }

    private void append(List<LogLine> batch) {
        ring.append(batch);
        received += batch.size();
        counter.setText(received + " lines" + (feed.dropped() > 0 ? ", " + feed.dropped() + " not shown (see the file)" : ""));
        if (follow.isSelected() && !ring.isEmpty()) log.scrollTo(ring.size() - 1);
    }

    private void copySelection() {
        ClipboardContent content = new ClipboardContent();
        content.putString(log.getSelectionModel().getSelectedItems().stream().map(LogLine::format).collect(Collectors.joining("\n")));
        Clipboard.getSystemClipboard().setContent(content);
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
        return ring.size();
    }

    long batches() {
        return pump.batches();
    }

    @Override
    public void close() {
        pump.close();
    }
}
