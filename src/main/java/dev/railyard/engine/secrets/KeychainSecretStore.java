package dev.railyard.engine.secrets;

import com.github.javakeyring.Keyring;
import dev.railyard.engine.plan.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OS keychain (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows) through
 * java-keyring. The keychain cannot list entries, so the names (never the values) are kept in a small
 * index file beside the other app data. Use {@link #probe} to find out whether a keychain is there.
 */
public final class KeychainSecretStore implements SecretStore {

    private static final Logger LOG = LoggerFactory.getLogger(KeychainSecretStore.class);
    static final String SERVICE = "railyard";

    private final Keyring keyring;
    private final Path index;

    private KeychainSecretStore(Keyring keyring, Path index) {
        this.keyring = keyring;
        this.index = index;
    }

    /**
     * Opens the keychain and reads one entry to see that it answers. Any failure (no backend, no D-Bus,
     * a locked or missing Secret Service, a native library that does not load) means "no keychain".
     */
    public static Optional<SecretStore> probe(Path index) {
        try {
            Keyring keyring = Keyring.create();
            try {
                keyring.getPassword(SERVICE, "railyard-probe");
            } catch (com.github.javakeyring.PasswordAccessException notFound) {
                // an answer, even "not found", means the keychain works
            }
            return Optional.of(new KeychainSecretStore(keyring, index));
        } catch (Exception | LinkageError e) {
            LOG.debug("no usable OS keychain: {}", e.toString());
            return Optional.empty();
        }
    }

    @Override
    public String describe() {
        return "OS keychain";
    }

    /**
     * The entry, empty when the keychain answers that there is none; any other failure (D-Bus gone, a
     * locked collection, a refused access) is a {@link SecretStoreException} saying so, never "absent".
     */
    @Override
    public Optional<String> get(String name) {
        return read(name, () -> keyring.getPassword(SERVICE, name));
    }

    static Optional<String> read(String name, java.util.concurrent.Callable<String> lookup) {
        try {
            return Optional.ofNullable(lookup.call());
        } catch (Exception e) {
            if (isNotFound(e)) return Optional.empty();
            throw new SecretStoreException("the OS keychain could not read '" + name + "': "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /**
     * java-keyring 1.0.4 reports a missing entry as a {@code PasswordAccessException} like any other
     * failure; only its message tells them apart: Secret Service "No stored credentials match ...",
     * Windows "Password not Found", macOS errSecItemNotFound (-25300) in "Failed to get credential. -25300".
     */
    static boolean isNotFound(Exception e) {
        if (!(e instanceof com.github.javakeyring.PasswordAccessException) || e.getMessage() == null) return false;
        String m = e.getMessage();
        return m.startsWith("No stored credentials match") || m.startsWith("Password not Found") || m.contains("-25300");
    }

    @Override
    public void put(String name, String value) {
        SecretRef.keychain(name);
        try {
            keyring.setPassword(SERVICE, name, value);
        } catch (Exception e) {
            throw new IllegalStateException("the OS keychain refused to store '" + name + "': " + e.getMessage(), e);
        }
        Set<String> names = new TreeSet<>(names());
        if (names.add(name)) writeIndex(names);
    }

    @Override
    public void delete(String name) {
        try {
            keyring.deletePassword(SERVICE, name);
        } catch (Exception e) {
            LOG.debug("keychain delete of {} failed: {}", name, e.toString());
        }
        Set<String> names = new TreeSet<>(names());
        if (names.remove(name)) writeIndex(names);
    }

    @Override
    public Set<String> names() {
        try {
            if (!Files.exists(index)) return Set.of();
            return Set.copyOf(Files.readAllLines(index, StandardCharsets.UTF_8).stream().filter(s -> !s.isBlank()).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeIndex(Set<String> names) {
        try {
            AtomicFiles.write(index, (String.join("\n", names) + "\n").getBytes(StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
