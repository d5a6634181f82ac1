package dev.railyard.ui.run;

import dev.railyard.engine.run.LogLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.AccessibleRole;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

/**
 * The log's lines on screen: one text node per visible row over a list of any length, and a scroll bar.
 * ListView was the first choice, but its VirtualFlow walks a per-item size cache on every layout
 * (O(window) boxed doubles: ~100 ms a pulse at 100,000 lines, even with a fixed cell size); here a
 * layout touches only the rows on screen, so a batch costs the same at 100 or 100,000 lines.
 *
 * <p>Selection is one range (click, Shift+click, drag, Shift+arrows, Ctrl+A), kept in stable
 * positions so it stays on its lines while the window drops old ones. FX thread only.
 */
final class LogLines extends Region {

    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass MATCH = PseudoClass.getPseudoClass("match");
    private static final double ROW_PADDING = 6;

    private final ScrollBar scrollBar = new ScrollBar();
    private final Pane rows = new Pane();
    private final List<Row> shownRows = new ArrayList<>();
    private final BooleanProperty follow = new SimpleBooleanProperty(this, "follow", true);
    private final BooleanProperty selectionEmpty = new SimpleBooleanProperty(this, "selectionEmpty", true);
    private LogRing lines;
    private double rowHeight = -1;
    private int top;
    /** Selection ends as positions (index + lines evicted): -1 when nothing is selected. */
    private long anchor = -1;
    private long caret = -1;
    private String query = "";
    private boolean scrollingInCode;

    LogLines(LogRing lines) {
        this.lines = lines;
        getStyleClass().add("log-lines");
        setFocusTraversable(true);
        setAccessibleRole(AccessibleRole.TEXT);
        setAccessibleText("Run log");
        scrollBar.setOrientation(Orientation.VERTICAL);
        scrollBar.valueProperty().addListener((o, was, now) -> {
            if (scrollingInCode) return;
            top = (int) Math.round(now.doubleValue());
            if (top < maxTop()) follow.set(false);
            requestLayout();
        });
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(rows.widthProperty());
        clip.heightProperty().bind(rows.heightProperty());
        rows.setClip(clip);
        getChildren().addAll(rows, scrollBar);
        follow.addListener((o, was, now) -> {
            if (now) requestLayout();
        });
        addEventHandler(ScrollEvent.SCROLL, e -> {
            scrollBy((int) Math.round(-e.getDeltaY() / Math.max(1, rowHeight())));
            e.consume();
        });
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            requestFocus();
            int index = indexAt(e.getY());
            if (index < 0) return;
            select(e.isShiftDown() && anchor >= 0 ? indexOf(anchor) : index, index);
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            int index = indexAt(Math.max(0, Math.min(e.getY(), rows.getHeight() - 1)));
            if (index >= 0 && anchor >= 0) select(indexOf(anchor), index);
        });
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
    }

    /** Follow: the newest line stays in view; scrolling up or selecting a line turns it off. */
    BooleanProperty followProperty() {
        return follow;
    }

    /** Shows another list (a filter changed); the selection goes, the position goes to the end. */
    void setLines(LogRing lines) {
        this.lines = lines;
        anchor = caret = -1;
        top = follow.get() ? maxTop() : 0;
        refresh();
    }

    List<LogLine> lines() {
        return lines;
    }

    /** New lines arrived (or old ones left the window): one layout, whatever the batch size. */
    void linesChanged() {
        long first = lines.evicted();
        if (anchor >= 0 && anchor < first) anchor = first;
        if (caret >= 0 && caret < first) {
            anchor = caret = -1; // the selected line is gone from the window
            selectionEmpty.set(true);
        }
        requestLayout();
    }

    void setQuery(String query) {
        this.query = query;
        refresh();
    }

    void refresh() {
        for (Row row : shownRows) row.line = null;
        selectionEmpty.set(caret < 0);
        requestLayout();
    }

    // ---- selection

    /** True while no line is selected (the Copy button is off then). */
    javafx.beans.property.ReadOnlyBooleanProperty selectionEmptyProperty() {
        return selectionEmpty;
    }

    void select(int from, int to) {
        if (lines.isEmpty()) return;
        from = clamp(from);
        to = clamp(to);
        anchor = from + lines.evicted();
        caret = to + lines.evicted();
        follow.set(false);
        scrollToShow(to);
        refresh();
    }

    void clearSelection() {
        anchor = caret = -1;
        refresh();
    }

    /** The line with the caret (the last one selected), or -1. */
    int selectedIndex() {
        return caret < 0 ? -1 : indexOf(caret);
    }

    List<LogLine> selectedLines() {
        if (caret < 0) return List.of();
        int a = indexOf(anchor);
        int c = indexOf(caret);
        return List.copyOf(lines.subList(Math.min(a, c), Math.max(a, c) + 1));
    }

    boolean hasSelection() {
        return caret >= 0;
    }

    /** Brings a line into view, a few rows below the top so its context shows. */
    void scrollToShow(int index) {
        int visible = visibleRows();
        if (index < top || index >= top + visible) top = Math.max(0, Math.min(maxTop(), index - Math.min(3, visible / 3)));
        requestLayout();
    }

    private void scrollBy(int rowsDelta) {
        if (rowsDelta == 0) return;
        top = Math.max(0, Math.min(maxTop(), top + rowsDelta));
        if (rowsDelta < 0) follow.set(false);
        requestLayout();
    }

    private void onKey(KeyEvent e) {
        int visible = Math.max(1, visibleRows());
        int current = caret < 0 ? (follow.get() ? lines.size() - 1 : top) : indexOf(caret);
        int target;
        switch (e.getCode()) {
            case UP -> target = current - 1;
            case DOWN -> target = current + 1;
            case PAGE_UP -> target = current - visible;
            case PAGE_DOWN -> target = current + visible;
            case HOME -> target = 0;
            case END -> target = lines.size() - 1;
            case A -> {
                if (e.isShortcutDown() && !lines.isEmpty()) {
                    select(0, lines.size() - 1);
                    e.consume();
                }
                return;
            }
            default -> {
                return;
            }
        }
        if (lines.isEmpty()) return;
        select(e.isShiftDown() && anchor >= 0 ? indexOf(anchor) : target, target);
        e.consume();
    }

    // ---- layout

    @Override
    protected void layoutChildren() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset();
        double barWidth = scrollBar.prefWidth(-1);
        rows.resizeRelocate(snappedLeftInset(), snappedTopInset(), Math.max(0, w - barWidth), h);
        scrollBar.resizeRelocate(snappedLeftInset() + w - barWidth, snappedTopInset(), barWidth, h);
        double rowH = rowHeight();
        int visible = (int) Math.ceil(h / rowH);
        while (shownRows.size() < visible) {
            Row row = new Row();
            shownRows.add(row);
            rows.getChildren().addAll(row.background, row.text);
        }
        if (follow.get()) top = maxTop();
        top = Math.max(0, Math.min(top, maxTop()));
        long evicted = lines.evicted();
        int selFrom = caret < 0 ? -1 : (int) (Math.min(anchor, caret) - evicted);
        int selTo = caret < 0 ? -2 : (int) (Math.max(anchor, caret) - evicted);
        for (int i = 0; i < shownRows.size(); i++) {
            Row row = shownRows.get(i);
            int index = top + i;
            boolean shown = i < visible && index < lines.size();
            row.text.setVisible(shown);
            row.background.setVisible(shown);
            if (!shown) continue;
            LogLine line = lines.get(index);
            if (row.line != line) {
                // a row's text changes only when a different line scrolls into it
                row.line = line;
                row.text.setText(line.formatForConsole());
                row.mark(MATCH, !query.isEmpty() && LogSearch.matches(line, query));
            }
            row.mark(SELECTED, index >= selFrom && index <= selTo);
            row.background.setX(0);
            row.background.setY(i * rowH);
            row.background.setWidth(rows.getWidth());
            row.background.setHeight(rowH);
            row.text.relocate(ROW_PADDING, i * rowH + 1);
        }
        scrollingInCode = true;
        try {
            scrollBar.setMax(maxTop());
            scrollBar.setVisibleAmount(Math.max(1, visible));
            scrollBar.setBlockIncrement(Math.max(1, visible - 1));
            scrollBar.setValue(top);
        } finally {
            scrollingInCode = false;
        }
        if (caret >= 0) {
            int c = indexOf(caret);
            setAccessibleText(String.format(Locale.ROOT, "Run log, line %,d of %,d: %s", c + 1, lines.size(),
                    lines.get(c).formatForConsole()));
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return 600;
    }

    @Override
    protected double computePrefHeight(double width) {
        return rowHeight() * 20;
    }

    private double rowHeight() {
        if (rowHeight <= 0) {
            Text probe = new Text("Ag");
            probe.getStyleClass().add("log-row");
            probe.setManaged(false);
            rows.getChildren().add(probe);
            probe.applyCss();
            rowHeight = Math.max(12, Math.ceil(probe.getLayoutBounds().getHeight()) + 2);
            rows.getChildren().remove(probe);
        }
        return rowHeight;
    }

    /**
     * One row on screen: a Text (a Label's skin measures and re-lays out its text on every change,
     * most of the FX thread's time when 40 rows change each pulse) over a rectangle for the
     * selection and match tints.
     */
    private static final class Row {
        final Rectangle background = new Rectangle();
        final Text text = new Text();
        LogLine line;
        private boolean selected;
        private boolean match;

        Row() {
            background.getStyleClass().add("log-row-background");
            // a new row is drawn before its first CSS pass: without this a Rectangle's default black shows
            background.setFill(javafx.scene.paint.Color.TRANSPARENT);
            background.setManaged(false);
            text.getStyleClass().add("log-row");
            text.setTextOrigin(VPos.TOP);
            text.setManaged(false); // placed by hand: a new text must not re-lay out the pane
        }

        void mark(PseudoClass state, boolean on) {
            boolean was = state == SELECTED ? selected : match;
            if (was == on) return;
            if (state == SELECTED) selected = on; else match = on;
            background.pseudoClassStateChanged(state, on);
        }
    }

    private int visibleRows() {
        double h = rows.getHeight() > 0 ? rows.getHeight() : getHeight();
        return Math.max(1, (int) Math.floor(h / rowHeight()));
    }

    private int maxTop() {
        return Math.max(0, lines.size() - visibleRows());
    }

    private int indexAt(double y) {
        int index = top + (int) Math.floor((y - snappedTopInset()) / rowHeight());
        return index >= 0 && index < lines.size() ? index : -1;
    }

    private int indexOf(long position) {
        return clamp((int) (position - lines.evicted()));
    }

    private int clamp(int index) {
        return Math.max(0, Math.min(lines.size() - 1, index));
    }
}
