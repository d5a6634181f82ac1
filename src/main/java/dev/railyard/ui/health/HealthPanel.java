package dev.railyard.ui.health;

import dev.railyard.engine.cluster.Area;
import dev.railyard.engine.cluster.Finding;
import dev.railyard.engine.cluster.HealthReport;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The cluster health panel: a summary strip (ready / degraded / broken, counts, filter, refresh,
 * copy), then the findings grouped by area, each expandable to its evidence and fix. It renders
 * whatever report its {@link HealthViewModel} holds, so live updates and refreshes look the same.
 */
public final class HealthPanel extends BorderPane {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final HealthViewModel model;
    private final Consumer<String> clipboard;
    private final Label status = new Label();
    private final FontIcon statusIcon = new FontIcon();
    private final Label counts = new Label();
    private final Label checkedAt = new Label();
    /** What the cluster was seen to run (e.g. the workspace file-system shift method), healthy or not. */
    private final Label facts = new Label();
    private final Label problem = new Label();
    private final VBox groups = new VBox(14);

    public HealthPanel(HealthViewModel model) {
        this(model, HealthPanel::toSystemClipboard);
    }

    /** @param clipboard where "Copy as text" puts its text (the system clipboard outside tests) */
    public HealthPanel(HealthViewModel model, Consumer<String> clipboard) {
        this.model = model;
        this.clipboard = clipboard;
        getStyleClass().add("health-panel");
        setTop(summaryStrip());
        groups.setPadding(new Insets(14, 16, 16, 16));
        groups.setId("health-findings");
        ScrollPane scroll = new ScrollPane(groups);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        model.reportProperty().addListener((obs, old, now) -> render());
        model.filterProperty().addListener((obs, old, now) -> render());
        model.problemProperty().addListener((obs, old, now) -> problem.setText(now));
        render();
    }

    public HealthViewModel model() {
        return model;
    }

    private Region summaryStrip() {
        status.setId("health-status");
        status.setGraphic(statusIcon);
        status.setStyle("-fx-font-size: 1.5em; -fx-font-weight: bold;");
        statusIcon.setIconSize(26);
        counts.setId("health-counts");
        checkedAt.setId("health-checked-at");
        checkedAt.setStyle("-fx-opacity: 0.7;");
        facts.setId("health-facts");
        facts.setStyle("-fx-opacity: 0.85;");
        facts.managedProperty().bind(facts.textProperty().isNotEmpty());
        VBox verdict = new VBox(2, status, new HBox(12, counts, checkedAt), facts);

        TextField filter = new TextField();
        filter.setId("health-filter");
        filter.setPromptText("Filter findings (code, node, pod, words)");
        filter.setPrefColumnCount(22);
        filter.textProperty().bindBidirectional(model.filterProperty());

        Button refresh = new Button("Refresh", new FontIcon(Material2MZ.REFRESH));
        refresh.setId("health-refresh");
        refresh.disableProperty().bind(model.refreshingProperty());
        refresh.setOnAction(e -> model.refresh());
        refresh.setTooltip(new Tooltip("Read the cluster again (it also updates by itself when objects change)"));

        Button copy = new Button("Copy as text", new FontIcon(Material2AL.CONTENT_COPY));
        copy.setId("health-copy");
        copy.setOnAction(e -> clipboard.accept(model.visibleAsText()));

        // the buttons keep their labels and the filter its size; the verdict's long lines are the ones that shorten
        for (Region r : java.util.List.of(refresh, copy, filter)) r.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(verdict, Priority.SOMETIMES);
        verdict.setMinWidth(0);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox strip = new HBox(12, verdict, spacer, new FontIcon(Material2MZ.SEARCH), filter, refresh, copy);
        strip.setAlignment(Pos.CENTER_LEFT);
        strip.setPadding(new Insets(14, 16, 14, 16));
        strip.setId("health-summary");
        problem.setId("health-problem");
        problem.setStyle("-fx-text-fill: -color-danger-fg;");
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        VBox top = new VBox(strip, problem);
        top.setStyle("-fx-border-color: transparent transparent -color-border-default transparent; -fx-background-color: -color-bg-subtle;");
        return top;
    }

    private void render() {
        HealthReport report = model.report().orElse(null);
        status.getStyleClass().removeAll("success", "warning", "danger");
        if (report == null) {
            status.setText("Not checked yet");
            statusIcon.setIconCode(Material2MZ.REFRESH);
            counts.setText("");
            checkedAt.setText("");
            facts.setText("");
            groups.getChildren().setAll(new Label("Press Refresh to check the cluster."));
            return;
        }
        switch (report.status()) {
            case READY -> style("Ready", Material2AL.CHECK_CIRCLE, "-color-success-fg");
            case DEGRADED -> style("Degraded", Material2MZ.WARNING, "-color-warning-fg");
            case BROKEN -> style("Broken", Material2AL.ERROR, "-color-danger-fg");
        }
        counts.setText(model.summary());
        checkedAt.setText("checked " + TIME.format(report.takenAt()));
        facts.setText(String.join("\n", report.facts()));
        Map<Area, List<Finding>> visible = model.visibleByArea();
        groups.getChildren().clear();
        if (report.findings().isEmpty()) {
            Label ok = new Label("No problems found: the cluster can run Gitpod.", icon(Material2AL.CHECK_CIRCLE, "-color-success-fg"));
            ok.setId("health-all-good");
            groups.getChildren().add(ok);
            return;
        }
        if (visible.isEmpty()) {
            groups.getChildren().add(new Label("No finding matches \"" + model.filterProperty().get() + "\"."));
            return;
        }
        visible.forEach((area, findings) -> {
            Label header = new Label(area.label() + "  (" + findings.size() + ")");
            header.getStyleClass().add("health-area");
            header.setStyle("-fx-font-weight: bold; -fx-font-size: 1.1em;");
            VBox group = new VBox(4, header);
            for (Finding finding : findings) group.getChildren().add(findingPane(finding));
            groups.getChildren().add(group);
        });
    }

    private void style(String text, org.kordamp.ikonli.Ikon ikon, String color) {
        status.setText(text);
        statusIcon.setIconCode(ikon);
        statusIcon.setStyle("-fx-icon-color: " + color + ";");
        status.setStyle("-fx-font-size: 1.5em; -fx-font-weight: bold; -fx-text-fill: " + color + ";");
    }

    private TitledPane findingPane(Finding finding) {
        Label code = new Label(finding.code());
        code.setStyle("-fx-font-family: monospace; -fx-font-weight: bold;");
        Label title = new Label(finding.title());
        HBox header = new HBox(8, severityIcon(finding.severity()), code, title);
        header.setAlignment(Pos.CENTER_LEFT);

        VBox body = new VBox(6);
        body.setPadding(new Insets(4, 8, 8, 8));
        if (!finding.evidence().isEmpty()) {
            body.getChildren().add(caption("Evidence"));
            for (String line : finding.evidence()) {
                Label evidence = new Label(line);
                evidence.setWrapText(true);
                evidence.setStyle("-fx-font-family: monospace; -fx-font-size: 0.92em;");
                body.getChildren().add(evidence);
            }
        }
        if (!finding.fix().isEmpty()) {
            body.getChildren().add(caption("Fix"));
            Label fix = new Label(finding.fix());
            fix.setWrapText(true);
            body.getChildren().add(fix);
        }
        Button copy = new Button("Copy", new FontIcon(Material2AL.CONTENT_COPY));
        copy.getStyleClass().add("flat");
        copy.setOnAction(e -> clipboard.accept(finding.toText()));
        HBox actions = new HBox(8, copy);
        // only where the world can carry out the finding's own fix (the demo's simulation); never on a real cluster
        model.remedyFor(finding).ifPresent(remedy -> {
            Button apply = new Button("Apply fix", new FontIcon(Material2AL.BUILD));
            apply.setId("health-apply-fix-" + finding.code());
            apply.getStyleClass().add(atlantafx.base.theme.Styles.ACCENT);
            apply.setTooltip(new javafx.scene.control.Tooltip(remedy.summary()));
            apply.disableProperty().bind(model.refreshingProperty());
            apply.setOnAction(e -> model.applyFix(remedy));
            actions.getChildren().add(apply);
        });
        body.getChildren().add(actions);

        TitledPane pane = new TitledPane(null, body);
        pane.setGraphic(header);
        pane.setExpanded(finding.severity() == Finding.Severity.ERROR);
        pane.setAnimated(false);
        pane.setUserData(finding);
        pane.getStyleClass().add("health-finding");
        pane.setId("finding-" + finding.code() + "-" + Integer.toHexString(System.identityHashCode(finding)));
        return pane;
    }

    private static Label caption(String text) {
        Label label = new Label(text);
        label.setStyle("-fx-font-weight: bold; -fx-opacity: 0.75;");
        return label;
    }

    static FontIcon severityIcon(Finding.Severity severity) {
        return switch (severity) {
            case ERROR -> icon(Material2AL.ERROR, "-color-danger-fg");
            case WARNING -> icon(Material2MZ.WARNING, "-color-warning-fg");
            case INFO -> icon(Material2AL.INFO, "-color-accent-fg");
        };
    }

    private static FontIcon icon(org.kordamp.ikonli.Ikon ikon, String color) {
        FontIcon icon = new FontIcon();
        // set through CSS: inside a TitledPane's title the CSS pass otherwise resets the icon font
        icon.setStyle("-fx-icon-code: " + ikon.getDescription() + "; -fx-icon-size: 18px; -fx-icon-color: " + color + ";");
        icon.getStyleClass().add("severity-icon");
        return icon;
    }

    private static void toSystemClipboard(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
