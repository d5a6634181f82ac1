package dev.railyard.ui.run;

import dev.railyard.testsupport.TestClocks;
import static dev.railyard.testsupport.FxThread.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.engine.run.LogFeed;
import dev.railyard.engine.run.LogLine;
import dev.railyard.engine.run.Redactor;
import dev.railyard.engine.run.RunLog;
import dev.railyard.testsupport.FxThread;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The live log view under the headless (Monocle) toolkit, driven with the keys a person would press. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LogViewTest {

    @TempDir
    Path dir;

    private RunLog log;
    private LogView view;
    private Stage stage;
    private final List<Path> opened = new ArrayList<>();

    @BeforeAll
    static void startToolkit() throws Exception {
        FxThread.start();
    }

    @AfterEach
    void closeView() throws Exception {
        if (view != null) onFx(() -> {
            view.close();
            if (stage != null) stage.close();
        });
        if (log != null) log.close();
    }

    @Test
    void searchCountsMatchesAndWrapsAroundInBothDirections() throws Exception {
        open(1000, 100);
        append("apply", "terraform", "creating server manager-1");
        append("apply", "terraform", "plain line");
        append("cloud-init", "manager-1", "Cloud-init finished");
        append("cloud-init", "manager-2", "nothing here");
        waitForLines(4);

        type(view.searchField(), "MANAGER-1");
        press(view.searchField(), KeyCode.ENTER, false);
        assertThat(onFx(() -> view.searchStatus().getText())).isEqualTo("1 of 2");
        assertThat(selectedText()).isEqualTo("creating server manager-1");
        assertThat(onFx(() -> view.followToggle().isSelected())).as("a search stops following").isFalse();

        press(view.searchField(), KeyCode.ENTER, false);
        assertThat(onFx(() -> view.searchStatus().getText())).isEqualTo("2 of 2");
        assertThat(selectedText()).isEqualTo("Cloud-init finished");

        press(view.lines(), KeyCode.F3, false);
        assertThat(onFx(() -> view.searchStatus().getText())).as("wraps to the top").isEqualTo("1 of 2");

        press(view.searchField(), KeyCode.ENTER, true);
        assertThat(onFx(() -> view.searchStatus().getText())).as("back from the top wraps to the bottom").isEqualTo("2 of 2");
        press(view.lines(), KeyCode.F3, true);
        assertThat(onFx(() -> view.searchStatus().getText())).isEqualTo("1 of 2");

        type(view.searchField(), "no such text");
        press(view.searchField(), KeyCode.ENTER, false);
        assertThat(onFx(() -> view.searchStatus().getText())).isEqualTo("no match");
    }

    @Test
    void showsOnlyOneStepOrOneHostAndEverythingAgainWhenCleared() throws Exception {
        open(1000, 100);
        append("apply", "terraform", "t1");
        append("cloud-init", "manager-1", "m1");
        append("cloud-init", "node-1", "n1");
        append("cloud-init", "manager-1", "m2");
        append("kubeconfig", "", "fetched");
        waitForLines(5);
        assertThat(onFx(() -> List.copyOf(view.sourcePicker().getItems())))
                .containsExactly(LogView.ALL_SOURCES, "terraform", "manager-1", "node-1");

        onFx(() -> view.showOnly("cloud-init", null));
        assertThat(shownTexts()).containsExactly("m1", "n1", "m2");

        onFx(() -> view.sourcePicker().getSelectionModel().select("manager-1"));
        assertThat(shownTexts()).as("step and host together").containsExactly("m1", "m2");

        append("cloud-init", "manager-1", "m3");
        append("cloud-init", "node-1", "n2");
        waitForLines(7);
        assertThat(shownTexts()).as("new lines are filtered as they arrive").containsExactly("m1", "m2", "m3");

        onFx(() -> view.showOnly(null, "node-1"));
        assertThat(shownTexts()).containsExactly("n1", "n2");
        assertThat(onFx(() -> view.sourcePicker().getValue())).isEqualTo("node-1");

        onFx(() -> view.sourcePicker().getSelectionModel().select(LogView.ALL_SOURCES));
        assertThat(shownTexts()).containsExactly("t1", "m1", "n1", "m2", "fetched", "m3", "n2");
    }

    @Test
    void filtersAFullWindowOfAHundredThousandLinesAndSaysHowLongItTook() throws Exception {
        open(1 << 18, 100_000);
        for (int i = 0; i < 120_000; i++) {
            log.append(i % 3 == 0 ? "cloud-init" : "apply", "host-" + (i % 10), LogLine.Kind.OUT, "line " + i);
        }
        waitForLines(120_000);
        assertThat(onFx(() -> view.lines().lines().size())).isEqualTo(100_000);
        long slowest = 0;
        for (int round = 0; round < 5; round++) {
            slowest = Math.max(slowest, onFx(() -> timed(() -> view.showOnly("cloud-init", "host-3"))));
            slowest = Math.max(slowest, onFx(() -> timed(() -> view.showOnly(null, null))));
        }
        onFx(() -> view.showOnly("cloud-init", "host-3"));
        // i % 3 == 0 and i % 10 == 3 among the newest 100,000 of 120,000 lines
        assertThat(onFx(() -> view.lines().lines().size())).isEqualTo(3_333);
        System.out.printf("log view: filtering a 100,000-line window on the FX thread, slowest of 10: %.1f ms%n", slowest / 1e6);
    }

    @Test
    void copiesTheSelectedLinesAsTheyAreInTheFile() throws Exception {
        open(1000, 100);
        append("apply", "terraform", "first");
        append("apply", "terraform", "second");
        append("apply", "terraform", "third");
        waitForLines(3);
        assertThat(onFx(() -> view.copyButton().isDisabled())).as("nothing selected, nothing to copy").isTrue();
        onFx(() -> view.lines().select(1, 2));
        press(view.lines(), KeyCode.C, false, true);
        List<LogLine> shown = onFx(() -> List.copyOf(view.lines().lines()));
        String expected = shown.get(1).format() + "\n" + shown.get(2).format();
        assertThat(onFx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(expected).contains("[apply] terraform: second");

        onFx(() -> {
            Clipboard.getSystemClipboard().clear();
            view.lines().select(0, 0);
            view.copyButton().fire();
        });
        assertThat(onFx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(shown.get(0).format());
    }

    @Test
    void openLogFileHandsRunLogToTheOpener() throws Exception {
        open(1000, 100);
        onFx(() -> view.openButton().fire());
        assertThat(opened).containsExactly(log.runLogFile());
    }

    @Test
    void keepsOnlyTheNewestLinesAndCountsWhatTheFeedDropped() throws Exception {
        open(64, 50);
        int total = 5_000;
        for (int i = 0; i < total; i++) log.append("apply", "terraform", LogLine.Kind.OUT, "line " + i);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (onFx(() -> view.receivedLines() + view.droppedLines()) < total) {
            assertThat(System.nanoTime()).as("every line received or counted as dropped").isLessThan(deadline);
            Thread.sleep(20);
        }
        long dropped = onFx(view::droppedLines);
        long received = onFx(view::receivedLines);
        assertThat(dropped).as("a 64-line feed cannot take 5,000 lines at once").isPositive();
        assertThat(onFx(() -> view.lines().lines().size())).isEqualTo((int) Math.min(50, received));
        List<Integer> numbers = shownTexts().stream().map(t -> Integer.parseInt(t.substring("line ".length()))).toList();
        assertThat(numbers).as("the newest lines received, in order").isSorted().doesNotHaveDuplicates();
        assertThat(onFx(() -> view.counter().getText()))
                .isEqualTo(String.format(java.util.Locale.ROOT, "%,d lines, %,d not shown, see the file", received, dropped));
    }

    // ---- helpers

    private static long timed(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return System.nanoTime() - t0;
    }

    private void open(int feedCapacity, int window) throws Exception {
        log = new RunLog(dir, new Redactor(List.of("hunter2-secret")), TestClocks.ticking());
        LogFeed feed = log.subscribe(feedCapacity);
        onFx(() -> {
            view = new LogView(feed, log.runLogFile(), window, opened::add);
            stage = new Stage();
            stage.setScene(new Scene(view, 900, 500));
            stage.show();
        });
    }

    private void append(String step, String source, String text) {
        log.append(step, source, LogLine.Kind.OUT, text);
    }

    private void waitForLines(long n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (onFx(view::receivedLines) < n) {
            assertThat(System.nanoTime()).as("%d lines reached the view", n).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private List<String> shownTexts() throws Exception {
        return onFx(() -> view.lines().lines().stream().map(LogLine::text).toList());
    }

    private String selectedText() throws Exception {
        return onFx(() -> view.lines().lines().get(view.lines().selectedIndex()).text());
    }

    private void type(javafx.scene.control.TextField field, String text) throws Exception {
        onFx(() -> {
            field.requestFocus();
            field.setText(text);
        });
    }

    private void press(Node target, KeyCode key, boolean shift) throws Exception {
        press(target, key, shift, false);
    }

    private void press(Node target, KeyCode key, boolean shift, boolean shortcut) throws Exception {
        onFx(() -> Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", key, shift, shortcut, false, false)));
    }
}
