package dev.railyard.ui.steps;

import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.PlanRenderer;
import dev.railyard.engine.render.RenderInput;
import dev.railyard.engine.render.template.ShellEscaper;
import dev.railyard.engine.secrets.SecretStore;
import dev.railyard.engine.validate.PlanValidator;
import dev.railyard.ui.export.PlanExporter;
import dev.railyard.ui.wizard.StepViewModel;
import dev.railyard.ui.wizard.WizardState;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Every problem, the files export would write (rendered by the engine), export and the CLI command. */
public final class ReviewViewModel extends StepViewModel {

    public final ObservableList<GeneratedFile> files = FXCollections.observableArrayList();
    public final StringProperty renderMessage = new SimpleStringProperty("");
    public final StringProperty exportFolder = new SimpleStringProperty("");
    public final StringProperty exportStatus = new SimpleStringProperty("");
    public final BooleanProperty exportOk = new SimpleBooleanProperty(false);

    private final Catalog catalog;
    private final PlanRenderer renderer;
    private final PlanExporter exporter;
    private final SecretStore store;
    private ClusterPlan rendered;

    public ReviewViewModel(WizardState state, Catalog catalog, PlanRenderer renderer, PlanExporter exporter, SecretStore store) {
        super(state);
        this.catalog = catalog;
        this.renderer = renderer;
        this.exporter = exporter;
        this.store = store;
        init();
    }

    @Override
    public List<String> paths() {
        return List.of("");
    }

    /** Every problem of the plan, not only this step's. */
    @Override
    public List<dev.railyard.engine.validate.Problem> problems() {
        return List.copyOf(state.problems());
    }

    @Override
    protected void pull(ClusterPlan plan) {
        exportStatus.set("");
        rendered = null;
    }

    /** Renders the tree if the plan changed since the last time; a plan with errors shows none. */
    public void refresh() {
        ClusterPlan plan = state.plan();
        if (plan.equals(rendered)) return;
        rendered = plan;
        state.validateNow();
        if (PlanValidator.hasErrors(state.problems())) {
            files.clear();
            renderMessage.set("Fix the errors above to see the files export will write.");
            return;
        }
        try {
            files.setAll(renderer.render(RenderInput.withoutSecrets(plan, catalog)));
            renderMessage.set(files.isEmpty() ? "The engine's renderers produced no files for this plan."
                    : files.size() + " files; secrets appear as REPLACE_ME_FROM_… placeholders (export with the CLI's"
                    + " --include-secrets to fill them in).");
        } catch (RuntimeException e) {
            files.clear();
            renderMessage.set("The files could not be generated: " + e.getMessage());
        }
    }

    public boolean export() {
        exportOk.set(false);
        String folder = text(exportFolder.get());
        if (folder == null) {
            exportStatus.set("Choose a folder to export into.");
            return false;
        }
        state.validateNow();
        if (PlanValidator.hasErrors(state.problems())) {
            exportStatus.set("The plan has errors; fix them first (click one to jump to its field).");
            return false;
        }
        try {
            state.commitSecrets(store);
            List<String> written = exporter.export(state.plan(), Path.of(folder));
            exportOk.set(true);
            exportStatus.set("Exported " + written.size() + " files to " + Path.of(folder).toAbsolutePath() + ".");
            return true;
        } catch (Exception e) {
            exportStatus.set("Export failed: " + e.getMessage());
            return false;
        }
    }

    /** The command that writes the same files from the saved plan. */
    public String cliCommand() {
        Path file = state.fileProperty().get();
        String plan = file == null ? "railyard.yaml" : file.toString();
        String out = text(exportFolder.get()) == null ? "generated" : text(exportFolder.get());
        return "railyard generate " + quote(plan) + " -o " + quote(out);
    }

    private static String quote(String s) {
        return ShellEscaper.quote(s);
    }
}
