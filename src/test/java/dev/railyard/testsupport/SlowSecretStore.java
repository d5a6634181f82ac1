package dev.railyard.testsupport;

import dev.railyard.engine.secrets.SecretStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A secret store stand-in as slow as a vault deriving its key or a keychain over D-Bus, for tests that the
 * JavaFX thread never waits for the store; it counts its calls and can be made to fail.
 */
public final class SlowSecretStore implements SecretStore {

    public final Map<String, String> values = new ConcurrentHashMap<>();
    public final AtomicInteger calls = new AtomicInteger();
    public final AtomicBoolean failing = new AtomicBoolean();
    private final Duration delay;

    public SlowSecretStore(Duration delay) {
        this.delay = delay;
    }

    private void slow() {
        calls.incrementAndGet();
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failing.get()) throw new IllegalStateException("the stand-in store is locked");
    }

    @Override public String describe() { return "slow stand-in store"; }
    @Override public Optional<String> get(String name) { slow(); return Optional.ofNullable(values.get(name)); }
    @Override public void put(String name, String value) { slow(); values.put(name, value); }
    @Override public void delete(String name) { slow(); values.remove(name); }
    @Override public Set<String> names() { return values.keySet(); }
}
