package dev.railyard.ui;

import atlantafx.base.controls.Card;
import atlantafx.base.theme.Styles;
import dev.railyard.engine.plan.Examples;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** Screen 1: new, open, recent, the bundled examples (work offline), and "Gitpod or Coder?". */
final class StartScreen {

    interface Actions {
        void newProject();
        void open();
        void openRecent(Path file);
        void openExample(String name);
        void resumeDraft();
        void checkCluster();
    }

    private final Actions actions;
    private final VBox recentBox = new VBox(4);
    private final ScrollPane view;

    StartScreen(Actions actions) {
        this.actions = actions;
        Label title = new Label("Railyard");
        title.getStyleClass().add(Styles.TITLE_1);
        Label subtitle = new Label("Self-hosted Gitpod on k3s: a plan you can trust, the files to build it, your secrets kept safe.");
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);

        Button newProject = button("_New project", Material2MZ.NOTE_ADD, "start-new");
        newProject.getStyleClass().add(Styles.ACCENT);
        newProject.setOnAction(e -> actions.newProject());
        Button open = button("_Open railyard.yaml…", Material2AL.FOLDER_OPEN, "start-open");
        open.setOnAction(e -> actions.open());
        Button check = button("_Check an existing cluster…", Material2MZ.NETWORK_CHECK, "start-check-cluster");
        check.setOnAction(e -> actions.checkCluster());

        FlowPane examples = new FlowPane(12, 12);
        examples.setId("example-gallery");
        for (Examples.Example ex : Examples.ALL) examples.getChildren().add(exampleCard(ex));

        VBox root = new VBox(14, title, subtitle, new HBox(10, newProject, open, check),
                section("Recent"), recentBox,
                section("Examples (offline)"), examples,
                help());
        root.getStyleClass().add("railyard-start");
        view = new ScrollPane(root);
        view.setFitToWidth(true);
        view.setId("start-screen");
    }

    Node view() {
        return view;
    }

    void showRecent(List<Path> recent, boolean hasDraft) {
        recentBox.getChildren().clear();
        if (hasDraft) {
            Hyperlink draft = new Hyperlink("Unsaved draft from your last session", new FontIcon(Material2MZ.RESTORE));
            draft.setId("resume-draft");
            draft.setOnAction(e -> actions.resumeDraft());
            recentBox.getChildren().add(draft);
        }
        for (Path p : recent) {
            Hyperlink link = new Hyperlink(p.toString(), new FontIcon(Material2AL.INSERT_DRIVE_FILE));
            link.setOnAction(e -> actions.openRecent(p));
            recentBox.getChildren().add(link);
        }
        if (recentBox.getChildren().isEmpty()) {
            Label none = new Label("Nothing yet: start a new project or open an example.");
            none.getStyleClass().add(Styles.TEXT_MUTED);
            recentBox.getChildren().add(none);
        }
    }

    private Node exampleCard(Examples.Example ex) {
        Card card = new Card();
        card.getStyleClass().addAll(Styles.ELEVATED_1, "example-card");
        Label header = new Label(ex.title(), new FontIcon(ex.name().startsWith("existing") ? Material2AL.COMPUTER : Material2AL.CLOUD));
        header.getStyleClass().add(Styles.TITLE_4);
        card.setHeader(header);
        Label body = new Label(ex.description());
        body.setWrapText(true);
        body.setMinHeight(80); // four lines: every card the same height, the button never covers text
        body.setPrefWidth(290);
        card.setBody(body);
        Button open = button("Open", Material2AL.ARROW_FORWARD, "example-" + ex.name());
        open.setMnemonicParsing(false);
        open.setOnAction(e -> actions.openExample(ex.name()));
        card.setFooter(open);
        return card;
    }

    private static Node help() {
        Label text = new Label("""
                Gitpod (self-hosted) runs on Kubernetes: here k3s on your servers. Workspaces are containers \
                that need the kernel's shiftfs (Ubuntu 22.04) or fuse, and Gitpod's SSH gateway takes port 22 \
                on the cluster's address, so host SSH moves to another port. Pick Gitpod when you want \
                prebuilds, a browser IDE and one shared cluster.

                Coder runs as a single binary (or one container) and creates each workspace from a Terraform \
                template: a VM, a container or a Kubernetes pod. Pick Coder when workspaces must be whole VMs \
                or live in several clouds.

                Railyard builds the Gitpod path. If Coder fits better, you need none of the steps here.""");
        text.setWrapText(true);
        TitledPane pane = new TitledPane("Gitpod or Coder? What each needs", text);
        pane.setGraphic(new FontIcon(Material2AL.HELP_OUTLINE));
        pane.setExpanded(false);
        pane.setId("gitpod-or-coder");
        VBox.setMargin(pane, new Insets(12, 0, 0, 0));
        return pane;
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(Styles.TITLE_3);
        return label;
    }

    private static Button button(String text, org.kordamp.ikonli.Ikon icon, String id) {
        Button b = new Button(text, new FontIcon(icon));
        b.setMnemonicParsing(true);
        b.setId(id);
        return b;
    }
}
