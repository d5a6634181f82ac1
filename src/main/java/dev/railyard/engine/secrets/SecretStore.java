package dev.railyard.engine.secrets;

import java.util.Optional;
import java.util.Set;

/**
 * Where Railyard keeps secret values: the OS keychain where there is one, otherwise an encrypted vault
 * file. Plans hold only {@code keychain:NAME} references to entries here.
 */
public interface SecretStore {

    /** A short name for messages: "OS keychain", "encrypted vault (~/.local/share/railyard/vault)". */
    String describe();

    /** False only for {@link UnavailableSecretStore}: there is no store, and {@link #describe()} says why. */
    default boolean available() {
        return true;
    }

    Optional<String> get(String name);

    void put(String name, String value);

    void delete(String name);

    /** The names this store holds (not the values). */
    Set<String> names();
}
