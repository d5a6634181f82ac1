package dev.railyard.ui;

import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.render.ExportCheck;
import dev.railyard.engine.render.Generator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The app's side of {@code railyard provision}'s stale-export refusal: before a run, the plan is
 * generated again in memory and compared with the export folder ({@link ExportCheck}, the CLI's check);
 * when they differ the user sees the differing files and one button, "Regenerate and provision" (the
 * CLI's {@code --regenerate}: the export is rewritten from the plan, Terraform's state in it kept).
 */
final class StaleExport {

    static final ButtonType REGENERATE = new ButtonType("Regenerate and provision", ButtonBar.ButtonData.OK_DONE);

    private StaleExport() {}

    /** The files of {@code exportDir} that differ from what {@code plan} generates; empty when current. Slow: call off the FX thread. */
    static List<ExportCheck.Difference> differences(Catalog catalog, ClusterPlan plan, Path exportDir) {
        try {
            return ExportCheck.compare(Generator.standard(catalog).generate(plan, Optional.empty()), exportDir);
        } catch (Generator.InvalidPlanException e) {
            throw new IllegalStateException("the plan has errors: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Shows the differing files; true when the user chose to regenerate and provision. */
    static boolean askRegenerate(Stage owner, Path exportDir, List<ExportCheck.Difference> differences) {
        ListView<String> files = new ListView<>();
        files.setId("stale-files");
        files.getItems().setAll(differences.stream().map(ExportCheck.Difference::toString).toList());
        files.setPrefHeight(Math.min(240, 28 + 24 * differences.size()));
        Label what = new Label("The plan changed since " + exportDir + " was exported: provisioning it would build the old cluster. "
                + differences.size() + (differences.size() == 1 ? " file differs:" : " files differ:"));
        what.setWrapText(true);
        Label how = new Label("Regenerating writes the export from the plan (Terraform's state in it is kept), as "
                + "`railyard provision --regenerate` does.");
        how.setWrapText(true);
        Alert alert = new Alert(Alert.AlertType.WARNING, "", REGENERATE, ButtonType.CANCEL);
        alert.setHeaderText("The export does not match the plan");
        alert.getDialogPane().setContent(new VBox(8, what, files, how));
        alert.getDialogPane().setId("stale-export");
        alert.getDialogPane().lookupButton(REGENERATE).setId("regenerate-and-provision");
        if (owner != null) alert.initOwner(owner);
        return alert.showAndWait().orElse(ButtonType.CANCEL) == REGENERATE;
    }
}
