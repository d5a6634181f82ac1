package dev.railyard.engine.run;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
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
 * so a million-line step does not cost a million system calls. A line is formatted and encoded once
 * for both files, and the time stamp's text is reused within the same second.
 */
public final class RunLog implements Closeable {

    private final Path dir;
    private final String label;
    private final Redactor redactor;
    private final Clock clock;
    private final OutputStream runLog;
    private final Map<String, OutputStream> stepLogs = new HashMap<>();
    private final FileLines fileLines = new FileLines();
    private final List<Consumer<LogLine>> listeners = new CopyOnWriteArrayList<>();

    public RunLog(Path runDir, Redactor redactor, Clock clock) throws IOException {
        this(runDir, redactor, clock, "");
    }

    /**
     * {@code label}: put before every line's text (the demo's "[SIMULATION] ", so no line of a simulated run can
     * pass for a real one, on screen, in a file or pasted into a ticket); empty for a real run.
     */
    public RunLog(Path runDir, Redactor redactor, Clock clock, String label) throws IOException {
        this.label = label;
        this.dir = runDir;
        this.redactor = redactor;
        this.clock = clock;
        Files.createDirectories(runDir.resolve("logs"));
        this.runLog = open(runDir.resolve("run.log"));
    }

    /** Now, by the clock that stamps this log's lines. */
    public java.time.Instant now() {
        return clock.instant();
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
                label + redactor.redact(text == null ? "" : stripControl(text)));
        synchronized (this) {
            try {
                byte[] bytes = fileLines.encode(line);
                runLog.write(bytes);
                OutputStream stepLog = stepLogs.get(step);
                if (stepLog == null) {
                    stepLog = open(stepLogFile(step));
                    stepLogs.put(step, stepLog);
                }
                stepLog.write(bytes);
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
            for (OutputStream w : stepLogs.values()) w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        flush();
        runLog.close();
        for (OutputStream w : stepLogs.values()) w.close();
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

    /**
     * {@link LogLine#format()} plus the line separator, as UTF-8, for both files at once. The text of
     * the time stamp up to the second changes once a second, so it is kept rather than recomputed a
     * million times. Used under the log's lock.
     */
    private static final class FileLines {
        private static final String SEPARATOR = System.lineSeparator();
        private final StringBuilder b = new StringBuilder(256);
        private long second = Long.MIN_VALUE;
        private String upToSecond = "";

        byte[] encode(LogLine line) {
            b.setLength(0);
            long s = line.at().getEpochSecond();
            if (s != second) {
                LogLine.appendTime(b, line.at());
                // "yyyy-MM-ddTHH:mm:ss." is 20 characters; other years are written whole every time
                upToSecond = b.length() == 24 ? b.substring(0, 20) : null;
                second = upToSecond == null ? Long.MIN_VALUE : s;
            } else {
                int millis = line.at().getNano() / 1_000_000;
                b.append(upToSecond).append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                        .append((char) ('0' + millis % 10)).append('Z');
            }
            return line.appendAfterTime(b).append(SEPARATOR).toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    private static OutputStream open(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
        }
        return new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.APPEND), 1 << 16);
    }
}
