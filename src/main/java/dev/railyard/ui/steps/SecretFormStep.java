package dev.railyard.ui.steps;

import dev.railyard.engine.secrets.SecretStore;
import dev.railyard.ui.wizard.StepViewModel;
import dev.railyard.ui.wizard.WizardState;

/**
 * A form step with secret fields: what was typed goes to the secret store when the person leaves the
 * step (forward or back), and the plan keeps only the reference.
 */
abstract class SecretFormStep<M extends StepViewModel> extends FormStep {

    protected final M vm;
    protected final SecretStore store;
    private final String title;

    SecretFormStep(WizardState state, M vm, SecretStore store, String title) {
        super(state);
        this.vm = vm;
        this.store = store;
        this.title = title;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    protected final StepViewModel model() {
        return vm;
    }

    @Override
    public java.util.concurrent.CompletionStage<Void> onLeave(java.util.concurrent.Executor background, java.util.concurrent.Executor fx) {
        return state.commitSecrets(store, background, fx);
    }
}
