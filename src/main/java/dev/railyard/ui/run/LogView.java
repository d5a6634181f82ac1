package dev.railyard.ui.run;

import dev.railyard.engine.run.LogFeed;
import dev.railyard.engine.run.LogLine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * A run's live log: a virtualised view ({@link LogLines}) over a bounded window of the newest lines (the file keeps
 * everything), fed by {@link LogPump} with at most one batch pending on the FX thread. Follow keeps the
 * newest line in view and stops when the person scrolls up or picks a line; search (Enter or F3 next,
 * Shift+Enter or Shift+F3 previous, Ctrl+F to get there) says "n of m" and tints matching lines; lines
 * can be narrowed to one step ({@link #showOnly}, driven by the run screen's step list) and one source
 * (the host picker); Ctrl+C or Copy copies the selected lines as they are in the file; "Open log file"
 * hands {@code run.log} to the desktop, or copies its path where there is none.
 */
public final class LogView extends BorderPane implements AutoCloseable {

    public static final int DEFAULT_WINDOW = 100_000;
    static final String ALL_SOURCES = "all hosts";
    /**
     * Every other frame: a batch costs the FX thread ~4 ms (append and the rows' layout) and the
     * renderer a full redraw of the rows; at 30 a second the view is still never more than two frames
     * behind, and a flood leaves the FX thread time for clicks and keys.
     */
    static final long PUMP_PERIOD_MILLIS = 33;
    /** ~1.5 ms of appending on the FX thread; a flood faster than this per period fills the feed. */
    static final int MAX_BATCH = 65_536;

    private final LogFeed feed;
    private final Path runLogFile;
    private final Consumer<Path> opener;
    private final LogRing window;
    private final LogRing narrowed;
    private final LogLines list;
    private final CheckBox follow = new CheckBox("_Follow");
    private final TextField search = new TextField();
    private final Label searchStatus = new Label();
    private final ComboBox<String> sources = new ComboBox<>();
    private final Set<String> sourcesSeen = new HashSet<>();
    private final Button copy = new Button("Cop_y");
    private final Button open = new Button("_Open log file");
    private final Label counter = new Label("0 lines");
    private final Label notice = new Label();
    private final LogPump pump;
    private LogFilter filter = LogFilter.EVERYTHING;
    private String query = "";
    private long received;
    private boolean choosingSourceInCode;

    /** Opens the log file with the desktop's viewer (or copies its path when there is none). */
    public LogView(LogFeed feed, Path runLogFile, int window) {
        this(feed, runLogFile, window, null);
    }

    /** As above, with {@code opener} called on the FX thread to show the file (tests, HostServices). */
    public LogView(LogFeed feed, Path runLogFile, int window, Consumer<Path> opener) {
        this.feed = feed;
        this.runLogFile = runLogFile;
        this.opener = opener != null ? opener : new LogFileOpener(this::copyPathInstead);
        this.window = new LogRing(window);
        this.narrowed = new LogRing(window);
        this.list = new LogLines(this.window);
        getStyleClass().add("log-view");
        getStylesheets().add(LogView.class.getResource("log-view.css").toExternalForm());
        buildList();
        setTop(buildToolbar());
        setCenter(list);
        this.pump = new LogPump(feed, MAX_BATCH, PUMP_PERIOD_MILLIS, this::append);
    }

    private void buildList() {
        list.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() && e.getCode() == KeyCode.C) {
                copySelection();
                e.consume();
            }
        });
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.F3) {
                findNext(!e.isShiftDown());
                e.consume();
            } else if (e.isShortcutDown() && e.getCode() == KeyCode.F) {
                search.requestFocus();
                search.selectAll();
                e.consume();
            }
        });
    }

    private HBox buildToolbar() {
        follow.selectedProperty().bindBidirectional(list.followProperty());
        follow.setAccessibleText("Follow the newest line");
        search.setPromptText("Search (Ctrl+F)");
        search.setAccessibleText("Search the log; Enter for the next match, Shift+Enter for the previous");
        search.setPrefColumnCount(18);
        search.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                findNext(!e.isShiftDown());
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                search.clear();
                e.consume();
            }
        });
        search.textProperty().addListener((o, was, now) -> {
            query = now == null ? "" : now.strip();
            searchStatus.setText("");
            list.setQuery(query);
        });
        sources.getItems().add(ALL_SOURCES);
        sources.getSelectionModel().select(0);
        sources.setAccessibleText("Show lines from");
        sources.setTooltip(new Tooltip("Show lines from one host or tool"));
        sources.valueProperty().addListener((o, was, now) -> {
            if (!choosingSourceInCode) showOnly(filter.step(), now == null || ALL_SOURCES.equals(now) ? null : now);
        });
        copy.setAccessibleText("Copy the selected lines");
        copy.setOnAction(e -> copySelection());
        copy.disableProperty().bind(list.selectionEmptyProperty());
        open.setAccessibleText("Open the full log file");
        open.setTooltip(new Tooltip(runLogFile.toString()));
        open.setOnAction(e -> opener.accept(runLogFile));
        counter.setAccessibleText("Lines received");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        // in a narrow window the search field gives up width; buttons and counts keep their words
        for (javafx.scene.control.Control c : List.of(follow, sources, counter, copy, open)) c.setMinWidth(Region.USE_PREF_SIZE);
        search.setMinWidth(90);
        HBox.setHgrow(search, Priority.SOMETIMES);
        HBox bar = new HBox(follow, search, searchStatus, sources, grow, counter, notice, copy, open);
        bar.getStyleClass().add("log-toolbar");
        return bar;
    }

    /**
     * Shows only one step's lines and/or one source's (a host name, {@code terraform}); null for
     * either means all. Costs one pass over the window (about a millisecond per 100,000 lines).
     */
    public void showOnly(String stepOrNull, String sourceOrNull) {
        filter = new LogFilter(stepOrNull, sourceOrNull);
        choosingSourceInCode = true;
        try {
            if (sourceOrNull != null && sourcesSeen.add(sourceOrNull)) sources.getItems().add(sourceOrNull);
            sources.getSelectionModel().select(sourceOrNull == null ? ALL_SOURCES : sourceOrNull);
        } finally {
            choosingSourceInCode = false;
        }
        if (filter.showsEverything()) {
            list.setLines(window);
        } else {
            List<LogLine> kept = new ArrayList<>();
            for (LogLine line : window) if (filter.accepts(line)) kept.add(line);
            narrowed.reset(kept);
            list.setLines(narrowed);
        }
        searchStatus.setText("");
    }

    /** Lines received since the view was made (shown or since scrolled out of the window). */
    public long receivedLines() {
        return received;
    }

    /** Lines the feed could not hand over in time; {@code run.log} has them. */
    public long droppedLines() {
        return feed.dropped();
    }

    private void append(List<LogLine> batch) {
        window.append(batch);
        received += batch.size();
        String lastSource = null;
        for (LogLine line : batch) {
            String source = line.source();
            // lines come in runs from one source: one set look-up per run, not per line
            if (source == null || source == lastSource || source.isEmpty()) continue;
            lastSource = source;
            if (sourcesSeen.add(source)) sources.getItems().add(source);
        }
        if (!filter.showsEverything()) {
            List<LogLine> kept = new ArrayList<>();
            for (LogLine line : batch) if (filter.accepts(line)) kept.add(line);
            narrowed.append(kept);
        }
        long dropped = feed.dropped();
        counter.setText(String.format(Locale.ROOT, "%,d lines", received)
                + (dropped > 0 ? String.format(Locale.ROOT, ", %,d not shown, see the file", dropped) : ""));
        list.linesChanged();
    }

    private void findNext(boolean forward) {
        List<LogLine> shown = list.lines();
        int from = list.selectedIndex();
        LogSearch.Hit hit = LogSearch.find(shown, query, from, forward);
        if (query.isEmpty()) {
            searchStatus.setText("");
            return;
        }
        if (!hit.found()) {
            searchStatus.setText("no match");
            return;
        }
        list.select(hit.index(), hit.index());
        searchStatus.setText(String.format(Locale.ROOT, "%,d of %,d", hit.rank(), hit.count()));
    }

    private void copySelection() {
        List<LogLine> selected = list.selectedLines();
        if (selected.isEmpty()) return;
        ClipboardContent content = new ClipboardContent();
        content.putString(selected.stream().map(LogLine::format).collect(Collectors.joining("\n")));
        Clipboard.getSystemClipboard().setContent(content);
    }

    private void copyPathInstead(Path file) {
        ClipboardContent content = new ClipboardContent();
        content.putString(file.toString());
        Clipboard.getSystemClipboard().setContent(content);
        notice.setText("No desktop to open it: path copied");
    }

    // for tests and the run screen's own tests
    LogLines lines() {
        return list;
    }

    TextField searchField() {
        return search;
    }

    Label searchStatus() {
        return searchStatus;
    }

    ComboBox<String> sourcePicker() {
        return sources;
    }

    CheckBox followToggle() {
        return follow;
    }

    Button copyButton() {
        return copy;
    }

    Button openButton() {
        return open;
    }

    Label counter() {
        return counter;
    }

    long batches() {
        return pump.batches();
    }

    @Override
    public void close() {
        pump.close();
    }
}
