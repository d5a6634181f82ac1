package dev.railyard.ui.wizard;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.validate.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The one plan the wizard edits, shared by every step's view-model, and the engine's problems for it.
 * Edits replace the immutable plan; validation runs through the engine (debounced in the UI). Secret
 * values typed by the user wait here, in memory only, until {@link #commitSecrets} hands them to the
 * secret store; the plan gets only their {@code keychain:NAME} references.
 */
public final class WizardState {

    private final ObjectProperty<ClusterPlan> plan = new SimpleObjectProperty<>();
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    /** One read-only view, kept: a fresh wrapper per call would drop its listeners when collected. */
    private final ObservableList<Problem> readOnlyProblems = FXCollections.unmodifiableObservableList(problems);
    private final BooleanProperty dirty = new SimpleBooleanProperty(false);
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    /** Incremented by {@link #load}: view-models re-read their fields from the new plan. */
    private final IntegerProperty loads = new SimpleIntegerProperty(0);
    private final Function<ClusterPlan, List<Problem>> validator;
    private final Debouncer debouncer;
    private final Map<String, Problem> inputProblems = new LinkedHashMap<>();
    private final Map<String, String> pendingSecrets = new LinkedHashMap<>();
    private List<Problem> engineProblems = List.of();

    public WizardState(ClusterPlan initial, Function<ClusterPlan, List<Problem>> validator, Debouncer debouncer) {
        this.validator = validator;
        this.debouncer = debouncer;
        plan.set(initial);
        validateNow();
    }

    public ClusterPlan plan() {
        return plan.get();
    }

    public ObjectProperty<ClusterPlan> planProperty() {
        return plan;
    }

    public ObservableList<Problem> problems() {
        return readOnlyProblems;
    }

    public BooleanProperty dirtyProperty() {
        return dirty;
    }

    public ObjectProperty<Path> fileProperty() {
        return file;
    }

    public IntegerProperty loadsProperty() {
        return loads;
    }

    /** Replaces the whole plan (open, new, example): not an edit, so nothing is unsaved. */
    public void load(ClusterPlan value, Path from) {
        inputProblems.clear();
        pendingSecrets.clear();
        plan.set(value);
        file.set(from);
        loads.set(loads.get() + 1);
        dirty.set(false);
        validateNow();
    }

    public void edit(UnaryOperator<ClusterPlan> change) {
        ClusterPlan next = change.apply(plan.get());
        if (next.equals(plan.get())) return;
        plan.set(next);
        dirty.set(true);
        debouncer.schedule(this::validateNow);
    }

    /**
     * A field whose text is not even the right type (letters in a port): the plan cannot hold it, so the
     * problem is kept here under the field's path until the text parses. {@code null} clears it.
     */
    public void setInputProblem(String path, String message) {
        boolean changed = message == null ? inputProblems.remove(path) != null
                : !Problem.error(path, message).equals(inputProblems.put(path, Problem.error(path, message)));
        if (changed) debouncer.schedule(this::validateNow);
    }

    public void validateNow() {
        engineProblems = validator.apply(plan.get());
        List<Problem> all = new ArrayList<>(inputProblems.values());
        for (Problem p : engineProblems) {
            if (!inputProblems.containsKey(p.path())) all.add(p);
        }
        if (!all.equals(problems)) problems.setAll(all);
    }

    /** Problems at {@code path} or below it ({@code path.x}, {@code path[0]}). */
    public List<Problem> problemsAt(String path) {
        return problems.stream().filter(p -> isAtOrBelow(p.path(), path)).toList();
    }

    public List<Problem> problemsUnder(Collection<String> prefixes) {
        return problems.stream().filter(p -> prefixes.stream().anyMatch(prefix -> isAtOrBelow(p.path(), prefix))).toList();
    }

    public static boolean isAtOrBelow(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + ".") || path.startsWith(prefix + "[");
    }

    public void putSecret(String name, String value) {
        if (value == null || value.isEmpty()) pendingSecrets.remove(name);
        else pendingSecrets.put(name, value);
    }

    public boolean hasPendingSecret(String name) {
        return pendingSecrets.containsKey(name);
    }

    public String pendingSecret(String name) {
        return pendingSecrets.get(name);
    }

    /** Hands every typed secret to the store and forgets it here. */
    public void commitSecrets(dev.railyard.engine.secrets.SecretStore store) {
        for (var e : List.copyOf(pendingSecrets.entrySet())) {
            store.put(e.getKey(), e.getValue());
            pendingSecrets.remove(e.getKey());
        }
    }

    /**
     * Hands the typed secrets to the store on {@code background} (the vault's key derivation and keychain
     * calls over D-Bus take seconds; the FX thread must not wait for them). Call on the FX thread; the
     * returned stage completes on {@code fx}. Only what was stored is forgotten here, and only while it
     * still holds the value that was stored: on failure the user's input stays, to be tried again.
     */
    public java.util.concurrent.CompletableFuture<Void> commitSecrets(dev.railyard.engine.secrets.SecretStore store,
            java.util.concurrent.Executor background, java.util.concurrent.Executor fx) {
        Map<String, String> snapshot = new LinkedHashMap<>(pendingSecrets);
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        if (snapshot.isEmpty()) {
            done.complete(null);
            return done;
        }
        background.execute(() -> {
            List<String> stored = new java.util.ArrayList<>();
            RuntimeException failure = null;
            try {
                for (var e : snapshot.entrySet()) {
                    store.put(e.getKey(), e.getValue());
                    stored.add(e.getKey());
                }
            } catch (RuntimeException e) {
                failure = e;
            }
            RuntimeException failed = failure;
            fx.execute(() -> {
                for (String name : stored) pendingSecrets.remove(name, snapshot.get(name));
                if (failed == null) done.complete(null);
                else done.completeExceptionally(failed);
            });
        });
        return done;
    }

    public boolean hasPendingSecrets() {
        return !pendingSecrets.isEmpty();
    }

    public void markSaved(Path to) {
        file.set(to);
        dirty.set(false);
    }
}
