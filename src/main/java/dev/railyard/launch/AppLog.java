package dev.railyard.launch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import dev.railyard.engine.cluster.CredentialPatternRedactor;
import dev.railyard.engine.run.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log a user can send: {@code railyard.log} in the app data folder's {@code logs/}, rolled at 5 MB
 * (three old files kept), INFO by default and DEBUG by a switch ({@code RAILYARD_DEBUG=1},
 * {@code -Drailyard.debug=true}, the CLI's {@code --debug}). Every line passes the run logs'
 * {@link Redactor} (values known to be secret) and the support bundle's credential patterns first.
 * Stderr keeps showing warnings only, unless debugging.
 */
public final class AppLog {

    public static final String FILE = "railyard.log";
    private static final String APPENDER = "RAILYARD_FILE";
    /** logback.xml's stderr pattern. */
    private static final String STDERR_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";
    private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n%ex";

    private final Path folder;
    private final Redactor redactor;

    private AppLog(Path folder, Redactor redactor) {
        this.folder = folder;
        this.redactor = redactor;
    }

    /** The folder the log is written to, under the app data folder. */
    public static Path folder(Path appData) {
        return appData.resolve("logs");
    }

    /** True when the environment or a system property asks for DEBUG. */
    public static boolean debugRequested(java.util.Map<String, String> env) {
        return Boolean.getBoolean("railyard.debug") || "1".equals(env.get("RAILYARD_DEBUG")) || "true".equals(env.get("RAILYARD_DEBUG"));
    }

    /**
     * Adds the rolling file to the root logger (once: a second call reuses it). With {@code debug}, the
     * file and stderr take DEBUG lines too.
     */
    public static AppLog install(Path folder, boolean debug) throws IOException {
        Files.createDirectories(folder);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Redactor redactor = new Redactor();
        Appender<ILoggingEvent> existing = root.getAppender(APPENDER);
        if (existing != null) {
            existing.stop();
            root.detachAppender(existing);
        }
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName(APPENDER);
        file.setFile(folder.resolve(FILE).toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(folder.resolve("railyard.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(3);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf("5MB"));
        trigger.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = redactingEncoder(context, redactor, PATTERN);
        file.setRollingPolicy(rolling);
        file.setTriggeringPolicy(trigger);
        file.setEncoder(encoder);
        file.start();
        root.addAppender(file);
        root.setLevel(debug ? Level.DEBUG : Level.INFO);
        Appender<ILoggingEvent> stderr = root.getAppender("STDERR");
        if (stderr != null) {
            redactStderr(context, stderr, redactor);
            stderr.clearAllFilters();
            ThresholdFilter threshold = new ThresholdFilter();
            threshold.setLevel(debug ? "DEBUG" : System.getProperty("railyard.log.level", "WARN"));
            threshold.start();
            stderr.addFilter(threshold);
        }
        // the file of a process without a umask of 077 would be world-readable; it is the user's alone
        restrictToOwner(folder.resolve(FILE));
        AppLog log = new AppLog(folder, redactor);
        LoggerFactory.getLogger(AppLog.class).info("Railyard {} log, level {}", dev.railyard.cli.RailyardCli.version(), debug ? "DEBUG" : "INFO");
        return log;
    }

    /** UTF-8 lines in {@code pattern}, each redacted by {@code redactor} (the file and stderr share it). */
    private static LayoutWrappingEncoder<ILoggingEvent> redactingEncoder(LoggerContext context, Redactor redactor, String pattern) {
        RedactingLayout layout = new RedactingLayout(redactor);
        layout.setContext(context);
        layout.setPattern(pattern);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        return encoder;
    }

    /**
     * Stderr shows the same lines as the file (all of them with {@code --debug}): it gets the file's
     * redaction, so a pasted terminal never shows a secret the log file hides.
     */
    private static void redactStderr(LoggerContext context, Appender<ILoggingEvent> stderr, Redactor redactor) {
        if (!(stderr instanceof ch.qos.logback.core.OutputStreamAppender<ILoggingEvent> stream)) return;
        LayoutWrappingEncoder<ILoggingEvent> encoder = redactingEncoder(context, redactor, STDERR_PATTERN);
        stream.stop();
        stream.setEncoder(encoder);
        stream.start();
    }

    private static void restrictToOwner(Path file) {
        try {
            if (Files.exists(file) && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException | UnsupportedOperationException e) {
            LoggerFactory.getLogger(AppLog.class).debug("cannot restrict {}: {}", file, e.toString());
        }
    }

    /** Detaches the file (tests; the app keeps it until exit). */
    public void close() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> file = root.getAppender(APPENDER);
        if (file != null) {
            file.stop();
            root.detachAppender(file);
        }
        root.setLevel(Level.toLevel(System.getProperty("railyard.log.level", "WARN"), Level.WARN));
        Appender<ILoggingEvent> stderr = root.getAppender("STDERR");
        if (stderr != null) stderr.clearAllFilters();
    }

    public Path folder() {
        return folder;
    }

    /** Secret values to mask from now on (a run's resolved secrets, a typed token). */
    public Redactor redactor() {
        return redactor;
    }

    /** The last {@code lines} lines of the current log file, for "Copy diagnostics". */
    public static String tail(Path folder, int lines) {
        Path file = folder.resolve(FILE);
        if (!Files.isReadable(file)) return "(no log file at " + file + ")";
        Deque<String> last = new ArrayDeque<>(lines);
        try (Stream<String> all = Files.lines(file, StandardCharsets.UTF_8)) {
            all.forEach(l -> {
                if (last.size() == lines) last.removeFirst();
                last.addLast(l);
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
        return String.join("\n", last);
    }

    /** What a bug report needs: version, OS, Java, the runtime's modules and the log's tail. */
    public static String diagnostics(Path folder, int logLines) {
        StringBuilder sb = new StringBuilder();
        sb.append("Railyard ").append(dev.railyard.cli.RailyardCli.version()).append('\n');
        sb.append("OS: ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version")).append(' ')
                .append(System.getProperty("os.arch")).append('\n');
        sb.append("Java: ").append(System.getProperty("java.runtime.version", System.getProperty("java.version"))).append(" (")
                .append(System.getProperty("java.vendor")).append(")\n");
        sb.append("Runtime modules: ").append(String.join(", ", ModuleLayer.boot().modules().stream().map(Module::getName).sorted().toList()))
                .append('\n');
        sb.append("Log: ").append(folder.resolve(FILE)).append(" (last ").append(logLines).append(" lines)\n");
        sb.append(CredentialPatternRedactor.redact(tail(folder, logLines))).append('\n');
        return sb.toString();
    }

    /** The file layout, masking secrets in the whole formatted line (message, arguments and stack trace). */
    static final class RedactingLayout extends PatternLayout {
        private final Redactor redactor;

        RedactingLayout(Redactor redactor) {
            this.redactor = redactor;
        }

        @Override
        public String doLayout(ILoggingEvent event) {
            return CredentialPatternRedactor.redact(redactor.redact(super.doLayout(event)));
        }
    }
}
