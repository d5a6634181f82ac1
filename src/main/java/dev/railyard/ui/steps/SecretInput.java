package dev.railyard.ui.steps;

import dev.railyard.engine.secrets.SecretRef;
import dev.railyard.ui.wizard.WizardState;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One secret field: the typed value waits in the wizard state (memory only) for the secret store,
 * and the plan's reference becomes {@code keychain:NAME}. A plan that already references the secret
 * some other way ({@code env:}, {@code file:}) keeps that reference until the user types a value.
 */
public final class SecretInput {

    private final WizardState state;
    private final String defaultName;
    private final StringProperty value = new SimpleStringProperty("");
    /** Shown in the empty field: which reference the plan already has, so an empty field is not alarming. */
    private final StringProperty prompt = new SimpleStringProperty("");
    private String existingRef;
    private final Runnable onChange;

    public SecretInput(WizardState state, String defaultName, Runnable onChange) {
        this.state = state;
        this.defaultName = defaultName;
        this.onChange = onChange;
        value.addListener((o, a, b) -> {
            state.putSecret(name(), b);
            onChange.run();
        });
    }

    public StringProperty valueProperty() {
        return value;
    }

    public StringProperty promptProperty() {
        return prompt;
    }

    /** Takes the reference from a loaded plan and clears what was typed for the previous plan. */
    public void load(String ref) {
        existingRef = ref;
        value.set("");
        prompt.set(ref == null ? "" : "kept as " + ref + " (type to replace)");
    }

    /** The store entry name: the plan's own keychain name when it has one, else the default. */
    public String name() {
        return SecretRef.parse(existingRef).filter(r -> r.kind() == SecretRef.Kind.KEYCHAIN).map(SecretRef::name).orElse(defaultName);
    }

    /** What the plan holds: {@code keychain:NAME} once something was typed, else the loaded reference. */
    public String ref() {
        if (value.get() != null && !value.get().isEmpty()) return "keychain:" + name();
        return existingRef;
    }

    /** The value to use right now (Test connection): typed, else from the store via the resolver. */
    public String typed() {
        return value.get() == null || value.get().isEmpty() ? null : value.get();
    }

    public String existingRef() {
        return existingRef;
    }

    void touch() {
        onChange.run();
    }
}
