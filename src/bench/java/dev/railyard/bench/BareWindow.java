package dev.railyard.bench;

import dev.railyard.launch.FirstFrameProbe;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The baseline of {@link StartupBench}: the least a JavaFX app can show, one label in a window,
 * reporting its first frame through the same {@link FirstFrameProbe} as Railyard.
 */
public final class BareWindow extends Application {

    @Override
    public void start(Stage stage) {
        Scene scene = new Scene(new StackPane(new Label("bare JavaFX window")), 1024, 700);
        FirstFrameProbe.fromSystemProperties().attach(scene);
        stage.setTitle("bare");
        stage.setScene(scene);
        stage.show();
    }

    public static void main(String[] args) {
        launch(args);
    }
}
