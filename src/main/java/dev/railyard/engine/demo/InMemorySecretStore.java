package dev.railyard.engine.demo;

import dev.railyard.engine.secrets.SecretStore;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The demo's secret store: in memory only, gone with the demo, so the OS keychain and the vault are never touched.
 * The values Railyard generates (join tokens, host keys) are kept here like in a real store.
 */
public final class InMemorySecretStore implements SecretStore {

    private final Map<String, String> values = new ConcurrentHashMap<>();

    @Override
    public String describe() {
        return "the demo's in-memory store (nothing is saved)";
    }

    @Override
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    @Override
    public void put(String name, String value) {
        values.put(name, value);
    }

    @Override
    public void delete(String name) {
        values.remove(name);
    }

    @Override
    public Set<String> names() {
        return new TreeSet<>(values.keySet());
    }
}
