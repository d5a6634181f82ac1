package dev.railyard.cli;

import dev.railyard.engine.project.AppDirs;
import dev.railyard.engine.secrets.KeychainSecretStore;
import dev.railyard.engine.secrets.SecretStore;
import dev.railyard.engine.secrets.VaultSecretStore;
import java.io.Console;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;

/** The secret store the CLI reads {@code keychain:} references from: the same one the desktop app writes. */
final class CliSecretStores {

    private CliSecretStores() {}

    /**
     * The OS keychain, or else the app's encrypted vault when there is one and a way to unlock it
     * ({@code RAILYARD_VAULT_PASSPHRASE}, or a prompt on a terminal). Otherwise no store: keychain
     * references then fail with a message saying how to provide the value.
     */
    static SecretStore open() {
        Map<String, String> env = System.getenv();
        AppDirs dirs = AppDirs.forCurrentUser();
        if (!"vault".equals(env.get("RAILYARD_SECRET_STORE"))) {
            Optional<SecretStore> keychain = KeychainSecretStore.probe(dirs.data().resolve("keychain-names.txt"));
            if (keychain.isPresent()) return keychain.get();
        }
        String fromEnv = env.get("RAILYARD_VAULT_PASSPHRASE");
        Console console = System.console();
        if (!Files.exists(dirs.vault()) || ((fromEnv == null || fromEnv.isEmpty()) && console == null)) return null;
        return new VaultSecretStore(dirs.vault(), () -> fromEnv != null && !fromEnv.isEmpty() ? fromEnv.toCharArray()
                : console.readPassword("Railyard vault passphrase: "));
    }

    /**
     * Like {@link #open()}, but creates the vault when there is no keychain and no vault yet; the
     * passphrase then comes from {@code RAILYARD_VAULT_PASSPHRASE} or is typed twice on the terminal.
     */
    static Optional<SecretStore> openForWriting(java.io.PrintWriter err) {
        SecretStore existing = open();
        if (existing != null) return Optional.of(existing);
        Map<String, String> env = System.getenv();
        AppDirs dirs = AppDirs.forCurrentUser();
        String fromEnv = env.get("RAILYARD_VAULT_PASSPHRASE");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return Optional.of(new VaultSecretStore(dirs.vault(), fromEnv::toCharArray));
        }
        Console console = System.console();
        if (console == null) {
            err.println("error: no OS keychain here and no terminal to ask for a vault passphrase; set RAILYARD_VAULT_PASSPHRASE");
            return Optional.empty();
        }
        char[] first = console.readPassword("New Railyard vault passphrase (%s): ", dirs.vault());
        char[] second = console.readPassword("Repeat the passphrase: ");
        if (first == null || first.length < 8 || !java.util.Arrays.equals(first, second)) {
            err.println("error: the passphrases differ or are shorter than 8 characters; nothing was stored");
            return Optional.empty();
        }
        return Optional.of(new VaultSecretStore(dirs.vault(), () -> first.clone()));
    }
}
