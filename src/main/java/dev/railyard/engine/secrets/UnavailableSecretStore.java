package dev.railyard.engine.secrets;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Stands where a secret store would be when there is none (no OS keychain, and no vault that can be
 * opened or created), carrying why and what to do, so every message about a value that could not be
 * read or kept says the cause instead of "not in the secret store".
 *
 * @param why the cause and the fix, as a sentence fragment: "no OS keychain answered and ...; set ..."
 */
public record UnavailableSecretStore(String why) implements SecretStore {

    public UnavailableSecretStore {
        Objects.requireNonNull(why, "why");
    }

    @Override
    public String describe() {
        return "no secret store (" + why + ")";
    }

    @Override
    public boolean available() {
        return false;
    }

    @Override
    public Optional<String> get(String name) {
        return Optional.empty();
    }

    @Override
    public void put(String name, String value) {
        throw new IllegalStateException("cannot keep '" + name + "': " + why);
    }

    @Override
    public void delete(String name) {
        // nothing is stored, so nothing to delete
    }

    @Override
    public Set<String> names() {
        return Set.of();
    }
}
