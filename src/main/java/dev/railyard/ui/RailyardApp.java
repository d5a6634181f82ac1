package dev.railyard.ui;

import atlantafx.base.theme.PrimerLight;
import dev.railyard.engine.project.AppDirs;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Dialog;
import javafx.scene.control.ButtonType;
import javafx.scene.control.PasswordField;
import javafx.stage.Stage;

/** The desktop app's entry point and composition root: builds the engine objects and the window. */
public final class RailyardApp extends Application {

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        AppContext ctx = AppContext.create(AppDirs.forCurrentUser(), System.getenv(), RailyardApp::askVaultPassphrase,
                AppContext.Endpoints.fromSystemProperties());
        MainWindow window = new MainWindow(ctx);
        stage.setScene(new Scene(window.root(), 1100, 760));
        window.attach(stage);
        stage.show();
    }

    /** No OS keychain here: the vault needs a passphrase (asked once per session, never stored). */
    static char[] askVaultPassphrase() {
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
