package dev.railyard.ui.run;

import java.awt.Desktop;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens {@code run.log} in the desktop's viewer, on a thread of its own (xdg-open and the AWT desktop
 * can take seconds, or hang without a session bus). On Linux {@code xdg-open} comes first because
 * AWT's Desktop would load a second GTK into a JavaFX process. With no desktop at all (a server, a
 * headless session) {@code noDesktop} is called on the FX thread: the log view copies the path.
 */
final class LogFileOpener implements Consumer<Path> {

    private static final Logger LOG = LoggerFactory.getLogger(LogFileOpener.class);

    private final Consumer<Path> noDesktop;

    LogFileOpener(Consumer<Path> noDesktop) {
        this.noDesktop = noDesktop;
    }

    @Override
    public void accept(Path file) {
        Thread t = new Thread(() -> {
            if (!open(file)) Platform.runLater(() -> noDesktop.accept(file));
        }, "open-log-file");
        t.setDaemon(true);
        t.start();
    }

    private static boolean open(Path file) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if ((os.contains("linux") || os.contains("bsd")) && xdgOpen(file)) return true;
        try {
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
                Desktop.getDesktop().open(file.toFile());
                return true;
            }
        } catch (IOException | RuntimeException e) {
            LOG.info("cannot open {} with the desktop: {}", file, e.toString());
        }
        return false;
    }

    private static boolean xdgOpen(Path file) {
        try {
            Process p = new ProcessBuilder("xdg-open", file.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            LOG.debug("no xdg-open: {}", e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
