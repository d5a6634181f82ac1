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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
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
    /** True while an export runs (on the background executor): the view shows progress and disables Export. */
    public final BooleanProperty exporting = new SimpleBooleanProperty(false);

    private final Catalog catalog;
    private final PlanRenderer renderer;
    private final PlanExporter exporter;
    private final SecretStore store;
    private final Executor background;
    private final Executor fx;
    private ClusterPlan rendered;

    /**
     * @param background where the secret store and the export's disk writes run
     * @param fx the FX thread, where the outcome is published
     */
    public ReviewViewModel(WizardState state, Catalog catalog, PlanRenderer renderer, PlanExporter exporter, SecretStore store,
                           Executor background, Executor fx) {
        super(state);
        this.background = background;
        this.fx = fx;
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

    /**
     * Stores the typed secrets and writes the files, both on the background executor (the vault's key
     * derivation and keychain calls take seconds). Call on the FX thread; completes there with whether it
     * exported. On failure the typed secrets stay typed.
     */
    public CompletableFuture<Boolean> export() {
        exportOk.set(false);
        if (exporting.get()) return CompletableFuture.completedFuture(false);
        String folder = text(exportFolder.get());
        if (folder == null) {
            exportStatus.set("Choose a folder to export into.");
            return CompletableFuture.completedFuture(false);
        }
        state.validateNow();
        if (PlanValidator.hasErrors(state.problems())) {
            exportStatus.set("The plan has errors; fix them first (click one to jump to its field).");
            return CompletableFuture.completedFuture(false);
        }
        ClusterPlan plan = state.plan();
        Path to = Path.of(folder);
        exporting.set(true);
        exportStatus.set(state.hasPendingSecrets() ? "Storing the secrets in the " + store.describe() + " and exporting…" : "Exporting…");
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        state.commitSecrets(store, background, fx)
                .thenApplyAsync(v -> {
                    try {
                        return exporter.export(plan, to);
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                }, background)
                .whenComplete((written, e) -> fx.execute(() -> {
                    exporting.set(false);
                    if (e != null) {
                        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                        exportStatus.set("Export failed: " + cause.getMessage());
                        done.complete(false);
                        return;
                    }
                    exportOk.set(true);
                    exportStatus.set("Exported " + written.size() + " files to " + to.toAbsolutePath() + ".");
                    done.complete(true);
                }));
        return done;
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
