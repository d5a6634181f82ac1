package dev.railyard.ui.wizard;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.validate.Problem;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Base of every step's view-model: it reads its fields from the plan when one is loaded and writes
 * each field change back as a new plan. While reading, writes are suppressed so loading a plan is not
 * an edit.
 */
public abstract class StepViewModel {

    protected final WizardState state;
    private boolean pulling;

    protected StepViewModel(WizardState state) {
        this.state = state;
    }

    /** Call at the end of the subclass constructor, once the properties exist and listen. */
    protected final void init() {
        pullFrom(state.plan());
        state.loadsProperty().addListener((o, a, b) -> pullFrom(state.plan()));
    }

    private void pullFrom(ClusterPlan plan) {
        pulling = true;
        try {
            pull(plan);
        } finally {
            pulling = false;
        }
        afterPull();
    }

    protected boolean pulling() {
        return pulling;
    }

    /** Reads the fields from the plan. */
    protected abstract void pull(ClusterPlan plan);

    /** Hook after a load, with edits allowed again (defaults that depend on other fields). */
    protected void afterPull() {}

    /** The plan paths this step edits; problems at or under them belong to the step. */
    public abstract List<String> paths();

    protected void push(UnaryOperator<ClusterPlan> change) {
        if (!pulling) state.edit(change);
    }

    public List<Problem> problems() {
        return state.problemsUnder(paths());
    }

    public boolean canAdvance() {
        return problems().stream().noneMatch(Problem::isError);
    }

    /** Trimmed text, or null for blank: the plan leaves empty settings out. */
    public static String text(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public static String orEmpty(Object o) {
        return o == null ? "" : o.toString();
    }

    /**
     * Parses a whole number typed into a field; on letters the plan keeps null and the field shows why.
     */
    protected Integer integer(String path, String text) {
        if (text == null || text.isBlank()) {
            state.setInputProblem(path, null);
            return null;
        }
        try {
            int v = Integer.parseInt(text.trim());
            state.setInputProblem(path, null);
            return v;
        } catch (NumberFormatException e) {
            state.setInputProblem(path, "must be a whole number, not '" + text.trim() + "'");
            return null;
        }
    }
}
