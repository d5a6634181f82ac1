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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The run log view under a flood, on the headless (Monocle) toolkit: bounded, batched, redacted. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LogViewFloodTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void startToolkit() throws Exception {
        FxThread.start();
    }

    @Test
    void keepsABoundedWindowOfTheNewestLinesFedInFewBatches() throws Exception {
        int lines = 200_000;
        int window = 50_000;
        try (RunLog log = new RunLog(dir, new Redactor(List.of("hunter2-secret")), TestClocks.ticking())) {
            LogFeed feed = log.subscribe(1 << 20);
            AtomicReference<LogView> view = new AtomicReference<>();
            onFx(() -> view.set(new LogView(feed, log.runLogFile(), window)));
            long start = System.nanoTime();
            for (int i = 0; i < lines; i++) {
                log.append("terraform-apply", "terraform", LogLine.Kind.OUT, i == lines - 1 ? "last line hunter2-secret" : "line " + i);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (onFx(() -> lastText(view.get())).equals("") || !onFx(() -> lastText(view.get())).contains("last line")) {
                assertThat(System.nanoTime()).as("all lines reached the view").isLessThan(deadline);
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            LogView v = view.get();
            assertThat(onFx(() -> v.lines().lines().size())).isEqualTo(window);
            assertThat(onFx(() -> lastText(v))).endsWith("last line ***");
            // batched: the pump's timer offers at most one batch a period, never one per line
            assertThat(v.batches()).isLessThanOrEqualTo((long) (seconds * 1000 / LogView.PUMP_PERIOD_MILLIS) + 2)
                    .isLessThan(lines / 100);
            System.out.printf("run view: %d lines through redaction and RunLog in %.2f s (%.0f lines/s), %d FX batches, window %d%n",
                    lines, seconds, lines / seconds, v.batches(), window);
            onFx(() -> {
                v.close();
                return null;
            });
        }
    }

    private static String lastText(LogView v) {
        int n = v.lines().lines().size();
        if (n == 0) return "";
        return v.lines().lines().get(n - 1).formatForConsole();
    }
}
