package dev.railyard.engine.run;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The log of one run: every line redacted, time-stamped, appended to {@code run.log} and to the step's
 * own file under {@code logs/} (all 0600), then handed to listeners. Listeners run on the thread that
 * produced the line (a process reader), so they must be quick: the UI subscribes with a bounded
 * {@link LogFeed} and drains it in batches; the CLI prints.
 *
 * <p>Files are flushed when the producer says a burst has ended ({@link #flush()}), and always on close,
 * so a million-line step does not cost a million system calls.
 */
public final class RunLog implements Closeable {

    private final Path dir;
    private final Redactor redactor;
    private final Clock clock;
    private final BufferedWriter runLog;
    private final Map<String, BufferedWriter> stepLogs = new HashMap<>();
    private final List<Consumer<LogLine>> listeners = new CopyOnWriteArrayList<>();

    public RunLog(Path runDir, Redactor redactor, Clock clock) throws IOException {
        this.dir = runDir;
        this.redactor = redactor;
        this.clock = clock;
        Files.createDirectories(runDir.resolve("logs"));
        this.runLog = open(runDir.resolve("run.log"));
    }

    public Redactor redactor() {
        return redactor;
    }

    public Path runLogFile() {
        return dir.resolve("run.log");
    }

    /** The file holding one step's lines (appended to across resumes). */
    public Path stepLogFile(String step) {
        return dir.resolve("logs").resolve(step + ".log");
    }

    public AutoCloseable addListener(Consumer<LogLine> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** A bounded queue of lines for a consumer that drains in batches (the run screen). */
    public LogFeed subscribe(int capacity) {
        LogFeed feed = new LogFeed(capacity);
        listeners.add(feed::offer);
        return feed;
    }

    public LogLine append(String step, String source, LogLine.Kind kind, String text) {
        LogLine line = new LogLine(clock.instant(), step, source == null ? "" : redactor.redact(source), kind,
                redactor.redact(text == null ? "" : stripControl(text)));
        String formatted = line.format();
        synchronized (this) {
            try {
                runLog.write(formatted);
                runLog.newLine();
                BufferedWriter stepLog = stepLogs.get(step);
                if (stepLog == null) {
                    stepLog = open(stepLogFile(step));
                    stepLogs.put(step, stepLog);
                }
                stepLog.write(formatted);
                stepLog.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the run log in " + dir, e);
            }
        }
        for (Consumer<LogLine> listener : listeners) listener.accept(line);
        return line;
    }

    public synchronized void flush() {
        try {
            runLog.flush();
            for (BufferedWriter w : stepLogs.values()) w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        flush();
        runLog.close();
        for (BufferedWriter w : stepLogs.values()) w.close();
        stepLogs.clear();
    }

    /** Terminal escapes and carriage returns (progress bars) would garble the files and the view. */
    static String stripControl(String text) {
        boolean clean = true;
        for (int i = 0; i < text.length() && clean; i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t') clean = false;
        }
        if (clean) return text;
        return text.replaceAll("\u001B\\[[0-9;?]*[ -/]*[@-~]", "").replaceAll("[\\p{Cntrl}&&[^\t]]", "");
    }

    private static BufferedWriter open(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
        }
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file, StandardOpenOption.APPEND),
                StandardCharsets.UTF_8), 1 << 16);
    }
}
