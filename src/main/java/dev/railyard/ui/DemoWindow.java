package dev.railyard.ui;

import dev.railyard.engine.demo.DemoSession;
import dev.railyard.engine.demo.Pace;
import dev.railyard.ui.health.HealthPanel;
import dev.railyard.ui.health.HealthViewModel;
import dev.railyard.ui.run.RunController;
import dev.railyard.ui.run.RunScreen;
import java.io.IOException;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Demo (no cloud)": a window of its own, titled and bannered as a simulation, showing Railyard's real run screen
 * and then its real health panel, both fed by a {@link DemoSession}'s simulated world. Closing the window cancels
 * the run and removes the demo's folder.
 */
final class DemoWindow implements RunScreen.Actions {

    private static final Logger LOG = LoggerFactory.getLogger(DemoWindow.class);
    static final String TITLE = "Railyard — DEMO: a simulation, nothing real is created";
    static final String EXAMPLE = "hetzner-small";
    /** {@code -Drailyard.demo.speed=N}: how much faster than a real run the app's demo goes (default 20: about half a minute). */
    static final String SPEED_PROPERTY = "railyard.demo.speed";

    static Pace pace(java.time.Clock clock) {
        String speed = System.getProperty(SPEED_PROPERTY, "20");
        try {
            return new Pace(Double.parseDouble(speed), clock, Pace.Sleeper.THREAD);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SPEED_PROPERTY + ": a number from 1 to 10000, not '" + speed + "'");
        }
    }

    private final AppContext ctx;
    private final DemoSession session;
    private final Stage stage = new Stage();
    private final BorderPane root = new BorderPane();
    private final RunScreen screen;

    private DemoWindow(AppContext ctx, DemoSession session) {
        this.ctx = ctx;
        this.session = session;
        RunController controller = new RunController(session.plan(), session.planFile(), session.options(session.runDir()).exportDir(),
                (export, runDir) -> session.options(runDir), session::provisioning, ctx.background(), Platform::runLater);
        screen = new RunScreen(controller, this, ctx.clock());
        Label banner = new Label("SIMULATION · nothing is created, no cloud account, network or secret store is used · "
                + "Railyard's real pipeline, run screen and health checks against a simulated Terraform, servers and cluster"
                + " · folder " + session.folder());
        banner.setId("demo-banner");
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setPadding(new Insets(6, 12, 6, 12));
        banner.setStyle("-fx-background-color: #b45309; -fx-text-fill: white; -fx-font-weight: bold;");
        root.setTop(banner);
        root.setCenter(screen);
        root.setId("demo-window");
        stage.setTitle(TITLE);
        stage.setScene(new Scene(root, 1100, 760));
        stage.setOnHidden(e -> close());
        controller.provision();
    }

    /** Prepares a demo of {@code example} and opens its window; says why when it cannot. */
    static void open(AppContext ctx, Window owner, String example, Pace pace) {
        open(ctx, owner, () -> DemoSession.create(ctx.dirs().data(), example, pace, false));
    }

    /** A demo of the plan being edited (the review step's button). */
    static void open(AppContext ctx, Window owner, dev.railyard.engine.plan.ClusterPlan plan, Pace pace) {
        open(ctx, owner, () -> DemoSession.create(ctx.dirs().data(), plan, "this plan", plan.name(), pace, false));
    }

    private interface SessionMaker {
        DemoSession make() throws IOException;
    }

    private static void open(AppContext ctx, Window owner, SessionMaker maker) {
        try {
            DemoWindow window = new DemoWindow(ctx, maker.make());
            window.stage.getScene().getStylesheets().addAll(owner == null || owner.getScene() == null ? java.util.List.of()
                    : owner.getScene().getStylesheets());
            window.stage.show();
        } catch (IOException | RuntimeException e) {
            Alert alert = new Alert(Alert.AlertType.ERROR, e.getMessage());
            alert.setHeaderText("Cannot start the demo");
            if (owner != null) alert.initOwner(owner);
            alert.show();
        }
    }

    @Override
    public void backToPlan() {
        stage.close();
    }

    /** The real health panel over the simulated cluster, with the fixes the simulation can carry out. */
    @Override
    public void openHealth(Path kubeconfig) {
        HealthViewModel model = new HealthViewModel(session::health, ctx.background(), session.world().remedies());
        HealthPanel panel = new HealthPanel(model);
        panel.setId("demo-health");
        root.setCenter(panel);
        model.refresh();
    }

    @Override
    public void mergeKubeconfig(Path kubeconfig) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "The demo's cluster is a simulation: there is nothing to add to ~/.kube/config.");
        alert.initOwner(stage);
        alert.show();
    }

    private void close() {
        screen.close();
        try {
            session.close();
        } catch (IOException e) {
            LOG.warn("could not remove the demo folder {}", session.folder(), e);
        }
    }
}
