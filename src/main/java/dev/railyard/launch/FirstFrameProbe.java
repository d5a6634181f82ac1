package dev.railyard.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javafx.application.Platform;
import javafx.scene.Scene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up instrumentation of the desktop app, switched on by system properties so that the
 * installer build (AppCDS training) and the start-up benchmark can drive the installed launcher
 * through {@code JAVA_TOOL_OPTIONS}:
 * <ul>
 *   <li>{@code railyard.firstFrameFile=PATH}: once the first frame is shown, the wall-clock time
 *       (milliseconds since the epoch) is written to PATH;</li>
 *   <li>{@code railyard.exitAfterFirstFrame=true}: the app exits after its first frame.</li>
 * </ul>
 * The app calls {@code FirstFrameProbe.fromSystemProperties().attach(scene)} before showing its
 * first stage; without either property it does nothing.
 */
public record FirstFrameProbe(Optional<Path> reportFile, boolean exitAfterFirstFrame) {

    public static final String REPORT_FILE_PROPERTY = "railyard.firstFrameFile";
    public static final String EXIT_PROPERTY = "railyard.exitAfterFirstFrame";

    private static final Logger LOG = LoggerFactory.getLogger(FirstFrameProbe.class);

    public static FirstFrameProbe fromSystemProperties() {
        return from(System::getProperty);
    }

    /** Reads the two properties through {@code property}, which returns null for an unset one. */
    public static FirstFrameProbe from(UnaryOperator<String> property) {
        String file = property.apply(REPORT_FILE_PROPERTY);
        Optional<Path> report = file == null || file.isBlank() ? Optional.empty() : Optional.of(Path.of(file));
        return new FirstFrameProbe(report, Boolean.parseBoolean(property.apply(EXIT_PROPERTY)));
    }

    public boolean isActive() {
        return reportFile.isPresent() || exitAfterFirstFrame;
    }

    /**
     * Watches {@code scene} for its first pulse: layout is done then and the frame is handed to the
     * renderer, so what runs right after that pulse sees the first frame on its way to the screen.
     */
    public void attach(Scene scene) {
        if (!isActive()) return;
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                Platform.runLater(FirstFrameProbe.this::firstFrameShown);
            }
        });
    }

    private void firstFrameShown() {
        Instant now = Instant.now();
        Duration sinceStart = ProcessHandle.current().info().startInstant()
                .map(start -> Duration.between(start, now)).orElse(Duration.ZERO);
        LOG.info("first frame {} ms after the process started", sinceStart.toMillis());
        reportFile.ifPresent(file -> write(file, now));
        if (exitAfterFirstFrame) Platform.exit();
    }

    private static void write(Path file, Instant shown) {
        try {
            Path absolute = file.toAbsolutePath();
            // written whole and moved into place, so a reader never sees a half-written number
            Path temp = Files.createTempFile(absolute.getParent(), ".first-frame", ".tmp");
            Files.writeString(temp, shown.toEpochMilli() + "\n", StandardCharsets.US_ASCII);
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot write the first-frame time to {} ({}: {})", file, REPORT_FILE_PROPERTY, e.toString());
        }
    }
}
