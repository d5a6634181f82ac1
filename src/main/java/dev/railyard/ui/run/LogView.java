package dev.railyard.ui.run;

import dev.railyard.engine.run.LogFeed;
import dev.railyard.engine.run.LogLine;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;

/** The live log: a virtualised list over a bounded ring fed in batches by {@link LogPump}. */
public final class LogView extends BorderPane implements AutoCloseable {

    private final LogRing ring;
    private final ListView<LogLine> list;
    private final LogPump pump;

    public LogView(LogFeed feed, Path runLogFile, int window) {
        this.ring = new LogRing(window);
        this.list = new ListView<>(ring);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(LogLine item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.formatForConsole());
            }
        });
        setCenter(list);
        this.pump = new LogPump(feed, 50_000, 100, this::append);
    }

    private void append(List<LogLine> batch) {
        ring.append(batch);
        if (!ring.isEmpty()) list.scrollTo(ring.size() - 1);
    }

    /** Shows only the lines of one step and/or one source; null shows all. */
    public void showOnly(String step, String source) {
        // filtering arrives with the searchable log view
    }

    @Override
    public void close() {
        pump.close();
    }
}
