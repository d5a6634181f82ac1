package dev.railyard.ui;

import dev.railyard.engine.plan.AtomicFiles;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanLoadException;
import dev.railyard.ui.wizard.WizardState;
import dev.railyard.engine.plan.ClusterPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The plan's file I/O: new, open (file, recent, example, autosaved draft), save and save as, and the
 * "unsaved changes" guard in front of each. What to show after a plan is loaded is {@code loaded}.
 */
final class PlanFiles {

    private final AppContext ctx;
    private final WizardState state;
    private final Dialogs dialogs;
    private final Runnable loaded;
    private final Consumer<Boolean> working;
    private final Executor background;
    private final Executor fx;

    /**
     * @param loaded what to show once a plan is loaded
     * @param working shows that a save runs (true) or ended (false)
     * @param background where the secret store and the disk are used
     * @param fx the FX thread
     */
    PlanFiles(AppContext ctx, WizardState state, Dialogs dialogs, Runnable loaded, Consumer<Boolean> working, Executor background, Executor fx) {
        this.working = working;
        this.background = background;
        this.fx = fx;
        this.ctx = ctx;
        this.state = state;
        this.dialogs = dialogs;
        this.loaded = loaded;
    }

    void newProject(dev.railyard.engine.plan.Platform platform) {
        afterDiscard(() -> {
            state.load(NewPlan.create(platform), null);
            loaded.run();
        });
    }

    void open() {
        afterDiscard(() -> dialogs.choosePlanToOpen().ifPresent(this::openFile));
    }

    void openRecent(Path file) {
        afterDiscard(() -> openFile(file));
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
        afterDiscard(() -> {
            state.load(Examples.load(ctx.format(), name), null);
            loaded.run();
        });
    }

    void resumeDraft() {
        afterDiscard(() -> ctx.autosave().load().ifPresent(plan -> {
            state.load(plan, null);
            state.dirtyProperty().set(true);
            loaded.run();
        }));
    }

    private void afterDiscard(Runnable then) {
        confirmDiscard().thenAccept(ok -> {
            if (ok) then.run();
        });
    }

    /** Saves to the current file, or asks where; completes (on the FX thread) with whether it saved. */
    CompletableFuture<Boolean> save() {
        Path file = state.fileProperty().get();
        return file == null ? saveAs() : saveTo(file);
    }

    CompletableFuture<Boolean> saveAs() {
        return dialogs.choosePlanToSave().map(this::saveTo).orElseGet(() -> CompletableFuture.completedFuture(false));
    }

    /**
     * Writes exactly the bytes the CLI reads ({@code PlanFormat}); typed secrets go to the store first.
     * The store and the disk are used on the background executor, never on the FX thread; on failure the
     * plan stays unsaved and the typed secrets stay typed. Completes on the FX thread.
     */
    CompletableFuture<Boolean> saveTo(Path file) {
        ClusterPlan plan = state.plan();
        byte[] bytes;
        try {
            bytes = ctx.format().write(plan).getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            dialogs.error("Could not save " + file.getFileName(), e.getMessage());
            return CompletableFuture.completedFuture(false);
        }
        working.accept(true);
        CompletableFuture<Boolean> saved = new CompletableFuture<>();
        state.commitSecrets(ctx.secrets(), background, fx)
                .thenRunAsync(() -> {
                    try {
                        AtomicFiles.write(file, bytes, false);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, background)
                .whenComplete((v, e) -> fx.execute(() -> {
                    working.accept(false);
                    if (e != null) {
                        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                        dialogs.error("Could not save " + file.getFileName(), cause.getMessage());
                        saved.complete(false);
                        return;
                    }
                    if (state.plan() == plan) state.markSaved(file);
                    else state.fileProperty().set(file); // edited while saving: still unsaved
                    ctx.recent().add(file);
                    ctx.autosave().discard();
                    saved.complete(true);
                }));
        return saved;
    }

    /** True when there is nothing unsaved, or the user saved or chose to discard it. Completes on the FX thread. */
    CompletableFuture<Boolean> confirmDiscard() {
        if (!state.dirtyProperty().get()) return CompletableFuture.completedFuture(true);
        switch (dialogs.askUnsaved()) {
            case SAVE -> {
                return save().thenApply(ok -> ok && !state.dirtyProperty().get());
            }
            case DISCARD -> {
                ctx.autosave().discard();
                return CompletableFuture.completedFuture(true);
            }
            default -> {
                return CompletableFuture.completedFuture(false);
            }
        }
    }

    /** True when the plan is in a file with nothing unsaved, after asking to save it if it was not. */
    CompletableFuture<Boolean> savedForProvisioning() {
        if (state.fileProperty().get() != null && !state.dirtyProperty().get()) return CompletableFuture.completedFuture(true);
        if (!dialogs.confirmSaveBeforeProvision()) return CompletableFuture.completedFuture(false);
        return save().thenApply(ok -> ok && state.fileProperty().get() != null && !state.dirtyProperty().get());
    }
}
