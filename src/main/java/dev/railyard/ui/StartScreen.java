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
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import dev.railyard.engine.plan.Platform;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** Screen 1: new, open, recent, the bundled examples (work offline), and the choice "Gitpod or Coder?". */
final class StartScreen {

    interface Actions {
        void newProject();
        void open();
        void openRecent(Path file);
        void openExample(String name);
        void resumeDraft();
        void checkCluster();

        /** "Demo (no cloud)": the whole journey against a simulation, in a window of its own. */
        void demo();
    }

    private final Actions actions;
    private final VBox recentBox = new VBox(4);
    private final ObjectProperty<Platform> chosen = new SimpleObjectProperty<>(Platform.GITPOD);
    private final ScrollPane view;

    StartScreen(Actions actions) {
        this.actions = actions;
        Label title = new Label("Railyard");
        title.getStyleClass().add(Styles.TITLE_1);
        Label subtitle = new Label("Self-hosted Coder or Gitpod on k3s: a plan you can trust, the files to build it, your secrets kept safe.");
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);

        Button newProject = button("_New project", Material2MZ.NOTE_ADD, "start-new");
        newProject.getStyleClass().add(Styles.ACCENT);
        newProject.setOnAction(e -> actions.newProject());
        Button open = button("_Open railyard.yaml…", Material2AL.FOLDER_OPEN, "start-open");
        open.setOnAction(e -> actions.open());
        Button check = button("_Check an existing cluster…", Material2MZ.NETWORK_CHECK, "start-check-cluster");
        check.setOnAction(e -> actions.checkCluster());
        Button demo = button("_Demo (no cloud)", Material2MZ.PLAY_CIRCLE_OUTLINE, "start-demo");
        demo.setTooltip(new javafx.scene.control.Tooltip("A simulation of provisioning the hetzner-small example, its cluster's"
                + " diagnosis and the fix: no cloud account, no network, nothing real is created"));
        demo.setOnAction(e -> actions.demo());

        FlowPane examples = new FlowPane(12, 12);
        examples.setId("example-gallery");
        for (Examples.Example ex : Examples.ALL) examples.getChildren().add(exampleCard(ex));

        VBox root = new VBox(14, title, subtitle, new HBox(10, newProject, open, check, demo),
                section("Recent"), recentBox,
                section("Examples (offline)"), examples,
                section("Gitpod or Coder? What each needs and where each runs"), platformChoice());
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

    /** The platform "New project" starts with: the choice between Gitpod 2022.11 and Coder, made here, first. */
    Platform platform() {
        return chosen.get();
    }

    private Node platformChoice() {
        ToggleGroup group = new ToggleGroup();
        Node coder = platformCard(group, Platform.CODER, "platform-coder", "Coder (v2, Apache-2.0)",
                "Runs on amd64 and arm64 (Raspberry Pi 4/5), on current k3s. Installs Coder's Helm chart, PostgreSQL "
                        + "(CloudNativePG in the cluster, or your own server) and a workspace template: a pod per workspace, "
                        + "Docker through envbox. Needs a domain with *.domain and the first owner's email and password. "
                        + "Maintained today.");
        Node gitpod = platformCard(group, Platform.GITPOD, "platform-gitpod", "Gitpod 2022.11 (self-hosted)",
                "Runs on amd64 only; upstream tested it up to Kubernetes 1.24. Installs Gitpod's components with in-cluster "
                        + "MySQL, registry and MinIO (or your own) and needs shiftfs or fuse on the nodes, a domain with *.domain "
                        + "and *.ws.domain, and port 22 for its SSH gateway. The last self-hosted release: unsupported since "
                        + "early 2023, its images may no longer be pullable.");
        group.selectedToggleProperty().addListener((o, a, b) -> {
            if (b != null) chosen.set((Platform) b.getUserData());
        });
        group.getToggles().stream().filter(t -> t.getUserData() == chosen.get()).findFirst().ifPresent(t -> t.setSelected(true));
        Label lead = new Label("Railyard builds the same k3s cluster, TLS and DNS for either. New project starts with the one chosen here; "
                + "the wizard then asks only for what it needs.");
        lead.setWrapText(true);
        lead.getStyleClass().add(Styles.TEXT_MUTED);
        FlowPane cards = new FlowPane(12, 12, coder, gitpod);
        VBox box = new VBox(10, lead, cards);
        box.setId("gitpod-or-coder");
        return box;
    }

    private static Node platformCard(ToggleGroup group, Platform platform, String id, String title, String text) {
        Card card = new Card();
        card.getStyleClass().addAll(Styles.ELEVATED_1, "platform-card");
        RadioButton choice = new RadioButton(title);
        choice.setId(id);
        choice.setToggleGroup(group);
        choice.setUserData(platform);
        choice.getStyleClass().add(Styles.TITLE_4);
        card.setHeader(choice);
        Label body = new Label(text);
        body.setWrapText(true);
        body.setPrefWidth(340);
        body.setMinHeight(120);
        card.setBody(body);
        card.setOnMouseClicked(e -> choice.setSelected(true));
        return card;
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
