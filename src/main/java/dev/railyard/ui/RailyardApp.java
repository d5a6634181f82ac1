package dev.railyard.ui;

import atlantafx.base.theme.PrimerLight;
import dev.railyard.engine.project.AppDirs;
import dev.railyard.engine.project.RecentProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.PasswordField;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop app's entry point and composition root. The first frame is the start screen, which needs
 * nothing but the example list and the recent files; the engine objects (catalog, YAML, keychain probe
 * over D-Bus, HTTP clients: seconds on a slow machine) are built on a thread of their own meanwhile,
 * and the window replaces the start screen once they are ready.
 */
public final class RailyardApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(RailyardApp.class);

    @Override
    public void start(Stage stage) {
        Optional<SelfTest> selfTest = SelfTest.fromSystemProperties();
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        AppDirs dirs = AppDirs.forCurrentUser();
        Deferred actions = new Deferred();
        StartScreen first = new StartScreen(actions);
        first.showRecent(new RecentProjects(dirs.recent()).list(), Files.exists(dirs.draft()));
        Scene scene = new Scene(new javafx.scene.layout.StackPane(first.view()), 1100, 760);
        scene.getStylesheets().add(MainWindow.class.getResource("railyard.css").toExternalForm());
        stage.setScene(scene);
        stage.setTitle("Railyard");
        for (int size : new int[] {16, 32, 64, 128, 256}) {
            var icon = RailyardApp.class.getResource("icon-" + size + ".png");
            // decoded in the background: the window manager gets them a moment after the first frame
            if (icon != null) stage.getIcons().add(new javafx.scene.image.Image(icon.toExternalForm(), true));
        }
        // start-up measurements (installers/linux/appcds.sh, StartupBench) read the first frame's time
        dev.railyard.launch.FirstFrameProbe.fromSystemProperties().attach(scene);
        stage.show();
        java.util.List<String> plans = getParameters().getUnnamed();
        Thread engine = new Thread(() -> {
            installLog(dirs);
            AppContext ctx;
            try {
                ctx = AppContext.create(dirs, System.getenv(), RailyardApp::askVaultPassphrase,
                        AppContext.Endpoints.fromSystemProperties());
            } catch (RuntimeException | Error e) {
                LOG.error("cannot start Railyard's engine", e);
                Platform.runLater(() -> {
                    Alert alert = new Alert(Alert.AlertType.ERROR, e.toString());
                    alert.setHeaderText("Railyard cannot start");
                    alert.initOwner(stage);
                    alert.showAndWait();
                    Platform.exit();
                });
                throw e;
            }
            Platform.runLater(() -> {
                MainWindow window = new MainWindow(ctx);
                scene.setRoot(window.root());
                window.attach(stage);
                actions.ready(window);
                planArgument(plans).ifPresent(window::openFile);
            });
        }, "railyard-engine-start");
        engine.setDaemon(true);
        engine.start();
        selfTest.ifPresent(test -> test.start(stage, () -> actions.window));
    }

    /** A plan file given on the command line (a double-click in the file manager), if it exists. */
    static java.util.Optional<Path> planArgument(java.util.List<String> unnamed) {
        return unnamed.stream().filter(a -> !a.startsWith("-")).map(Path::of).filter(Files::isRegularFile).findFirst();
    }

    /** The rolling log a user can send (Help › Open log folder); without it the app still runs. */
    private static void installLog(AppDirs dirs) {
        try {
            dev.railyard.launch.AppLog.install(dev.railyard.launch.AppLog.folder(dirs.data()),
                    dev.railyard.launch.AppLog.debugRequested(System.getenv()));
        } catch (java.io.IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(RailyardApp.class).warn("no log file in {}: {}", dirs.data(), e.toString());
        }
    }

    /** Start-screen clicks in the moment before the window exists wait for it; the last one is kept. */
    private static final class Deferred implements StartScreen.Actions {
        volatile MainWindow window;
        private Consumer<MainWindow> pending;

        /** On the FX thread, once the window is built: does what was clicked meanwhile. */
        void ready(MainWindow built) {
            window = built;
            Consumer<MainWindow> clicked = pending;
            pending = null;
            if (clicked != null) clicked.accept(built);
        }

        private void act(Consumer<MainWindow> action) {
            if (window != null) action.accept(window);
            else pending = action;
        }

        @Override public void newProject() { act(MainWindow::newProject); }
        @Override public void open() { act(MainWindow::open); }
        @Override public void openRecent(Path file) { act(w -> w.openRecent(file)); }
        @Override public void openExample(String name) { act(w -> w.openExample(name)); }
        @Override public void resumeDraft() { act(MainWindow::resumeDraft); }
        @Override public void checkCluster() { act(MainWindow::checkCluster); }
        @Override public void demo() { act(MainWindow::demo); }
    }

    /**
     * No OS keychain here: the vault needs a passphrase (asked once per session, never stored). The store
     * is used on background threads (its key derivation takes a second); the dialog is still shown on the
     * FX thread, and the asking thread waits for the answer.
     */
    static char[] askVaultPassphrase() {
        if (Platform.isFxApplicationThread()) return askOnFxThread();
        java.util.concurrent.CompletableFuture<char[]> answer = new java.util.concurrent.CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                answer.complete(askOnFxThread());
            } catch (Throwable e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("could not ask for the vault passphrase: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static char[] askOnFxThread() {
        Dialog<char[]> dialog = new Dialog<>();
        dialog.setTitle("Railyard vault");
        dialog.setHeaderText("This computer has no OS keychain, so Railyard keeps secrets in an encrypted vault.\n"
                + "Enter the vault passphrase (a new vault is created with it).");
        PasswordField field = new PasswordField();
        dialog.getDialogPane().setContent(field);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(b -> b == ButtonType.OK ? field.getText().toCharArray() : null);
        return dialog.showAndWait().orElse(null);
    }

    public static void main(String[] args) {
        launch(args);
    }
}
