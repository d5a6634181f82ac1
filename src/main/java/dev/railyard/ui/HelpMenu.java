package dev.railyard.ui;

import dev.railyard.launch.AppLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The toolbar's Help menu: what a person needs to report a problem (the log folder, and diagnostics to paste). */
final class HelpMenu {

    private static final Logger LOG = LoggerFactory.getLogger(HelpMenu.class);
    static final int DIAGNOSTIC_LOG_LINES = 200;

    private HelpMenu() {}

    /** @param error shows a message when the folder cannot be opened */
    static MenuButton create(Path logFolder, Consumer<String> error) {
        MenuItem open = new MenuItem("Open log folder");
        open.setId("help-open-logs");
        open.setOnAction(e -> openFolder(logFolder, error));
        MenuItem copy = new MenuItem("Copy diagnostics");
        copy.setId("help-copy-diagnostics");
        copy.setOnAction(e -> copyDiagnostics(logFolder));
        MenuButton help = new MenuButton("Help", new FontIcon(Material2AL.HELP_OUTLINE), open, copy);
        help.setId("tool-help");
        help.setFocusTraversable(false); // like every toolbar button: focus stays in the form, so Esc still means Back
        return help;
    }

    /** Version, OS, Java, runtime modules and the log's last lines (redacted), on the clipboard. */
    static String copyDiagnostics(Path logFolder) {
        String text = AppLog.diagnostics(logFolder, DIAGNOSTIC_LOG_LINES);
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
        return text;
    }

    /** The OS's file manager on the folder: a child process, so nothing waits for it. */
    private static void openFolder(Path folder, Consumer<String> error) {
        try {
            Files.createDirectories(folder);
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            List<String> command = os.startsWith("windows") ? List.of("explorer.exe", folder.toString())
                    : os.startsWith("mac") ? List.of("open", folder.toString()) : List.of("xdg-open", folder.toString());
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            LOG.warn("cannot open {}", folder, e);
            error.accept("Could not open " + folder + ": " + e.getMessage() + ". The log is " + folder.resolve(AppLog.FILE) + ".");
        }
    }
}
