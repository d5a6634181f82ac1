package dev.railyard.ui;

import dev.railyard.engine.plan.AtomicFiles;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanLoadException;
import dev.railyard.ui.wizard.WizardState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The plan's file I/O: new, open (file, recent, example, autosaved draft), save and save as, and the
 * "unsaved changes" guard in front of each. What to show after a plan is loaded is {@code loaded}.
 */
final class PlanFiles {

    private final AppContext ctx;
    private final WizardState state;
    private final Dialogs dialogs;
    private final Runnable loaded;

    PlanFiles(AppContext ctx, WizardState state, Dialogs dialogs, Runnable loaded) {
        this.ctx = ctx;
        this.state = state;
        this.dialogs = dialogs;
        this.loaded = loaded;
    }

    void newProject(dev.railyard.engine.plan.Platform platform) {
        if (!confirmDiscard()) return;
        state.load(NewPlan.create(platform), null);
        loaded.run();
    }

    void open() {
        if (!confirmDiscard()) return;
        dialogs.choosePlanToOpen().ifPresent(this::openFile);
    }

    void openRecent(Path file) {
        if (confirmDiscard()) openFile(file);
    }

    void openFile(Path file) {
        try {
            state.load(ctx.format().read(file), file);
            ctx.recent().add(file);
            loaded.run();
        } catch (PlanLoadException e) {
            dialogs.error("Cannot open " + file.getFileName(), e.getMessage());
        }
    }

    void openExample(String name) {
        if (!confirmDiscard()) return;
        state.load(Examples.load(ctx.format(), name), null);
        loaded.run();
    }

    void resumeDraft() {
        if (!confirmDiscard()) return;
        ctx.autosave().load().ifPresent(plan -> {
            state.load(plan, null);
            state.dirtyProperty().set(true);
            loaded.run();
        });
    }

    /** Saves to the current file, or asks where. */
    void save() {
        Path file = state.fileProperty().get();
        if (file == null) saveAs();
        else saveTo(file);
    }

    void saveAs() {
        dialogs.choosePlanToSave().ifPresent(this::saveTo);
    }

    /** Writes exactly the bytes the CLI reads ({@code PlanFormat}); typed secrets go to the store first. */
    boolean saveTo(Path file) {
        try {
            state.commitSecrets(ctx.secrets());
            AtomicFiles.write(file, ctx.format().write(state.plan()).getBytes(StandardCharsets.UTF_8), false);
            state.markSaved(file);
            ctx.recent().add(file);
            ctx.autosave().discard();
            return true;
        } catch (IOException | RuntimeException e) {
            dialogs.error("Could not save " + file.getFileName(), e.getMessage());
            return false;
        }
    }

    /** True when there is nothing unsaved, or the user saved or chose to discard it. */
    boolean confirmDiscard() {
        if (!state.dirtyProperty().get()) return true;
        switch (dialogs.askUnsaved()) {
            case SAVE -> {
                save();
                return !state.dirtyProperty().get();
            }
            case DISCARD -> {
                ctx.autosave().discard();
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** True when the plan is in a file with nothing unsaved, after asking to save it if it was not. */
    boolean savedForProvisioning() {
        if (state.fileProperty().get() != null && !state.dirtyProperty().get()) return true;
        if (!dialogs.confirmSaveBeforeProvision()) return false;
        save();
        return state.fileProperty().get() != null && !state.dirtyProperty().get();
    }
}
