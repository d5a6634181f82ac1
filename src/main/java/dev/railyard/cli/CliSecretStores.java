package dev.railyard.cli;

import dev.railyard.engine.project.AppDirs;
import dev.railyard.engine.secrets.KeychainSecretStore;
import dev.railyard.engine.secrets.SecretStore;
import dev.railyard.engine.secrets.UnavailableSecretStore;
import dev.railyard.engine.secrets.VaultSecretStore;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The secret store the CLI reads {@code keychain:} references from and keeps the values Railyard makes
 * (k3s token, encryption key, SSH host keys) in: the same one the desktop app writes. Never null: where
 * there is no store, an {@link UnavailableSecretStore} carries the cause and the fix into every message.
 */
final class CliSecretStores {

    static final String PASSPHRASE_VARIABLE = "RAILYARD_VAULT_PASSPHRASE";

    private CliSecretStores() {}

    /**
     * For reading: the OS keychain, or else the app's encrypted vault when it exists and there is a way to
     * unlock it ({@code RAILYARD_VAULT_PASSPHRASE}, or a prompt on a terminal).
     */
    static SecretStore open() {
        return open(System.getenv(), AppDirs.forCurrentUser(), System.console(), false, null);
    }

    /**
     * For commands that keep values (secret set, provision): like {@link #open()}, but with no keychain
     * and no vault yet, a new vault, created on the first value kept; its passphrase comes from
     * {@code RAILYARD_VAULT_PASSPHRASE} or is typed twice on the terminal.
     */
    static SecretStore openCreating(PrintWriter err) {
        return open(System.getenv(), AppDirs.forCurrentUser(), System.console(), true, err);
    }

    /** {@link #openCreating}, for `secret set`: empty (the reason printed) when there is no store. */
    static Optional<SecretStore> openForWriting(PrintWriter err) {
        SecretStore store = openCreating(err);
        if (store.available()) return Optional.of(store);
        err.println("error: " + ((UnavailableSecretStore) store).why() + "; nothing was stored");
        return Optional.empty();
    }

    static SecretStore open(Map<String, String> env, AppDirs dirs, Console console, boolean create, PrintWriter err) {
        boolean forcedVault = "vault".equals(env.get("RAILYARD_SECRET_STORE"));
        if (!forcedVault) {
            Optional<SecretStore> keychain = KeychainSecretStore.probe(dirs.data().resolve("keychain-names.txt"));
            if (keychain.isPresent()) return keychain.get();
        }
        String noKeychain = forcedVault ? "RAILYARD_SECRET_STORE=vault skips the OS keychain"
                : "no OS keychain answered (on Linux: no Secret Service on the session bus, as on servers and over SSH)";
        Path vault = dirs.vault();
        String fromEnv = env.get(PASSPHRASE_VARIABLE);
        boolean envSet = fromEnv != null && !fromEnv.isEmpty();
        Supplier<char[]> fromVariable = () -> fromEnv.toCharArray();
        if (Files.exists(vault)) {
            if (envSet) return new VaultSecretStore(vault, fromVariable);
            if (console != null) return new VaultSecretStore(vault, () -> console.readPassword("Railyard vault passphrase: "));
            return new UnavailableSecretStore(noKeychain + ", and the vault " + vault + " is locked: set " + PASSPHRASE_VARIABLE
                    + " to its passphrase, or run on a terminal to type it");
        }
        if (!create) {
            return new UnavailableSecretStore(noKeychain + ", and there is no vault at " + vault + " yet: "
                    + "`railyard secret set NAME` creates it (passphrase from " + PASSPHRASE_VARIABLE + " or typed)");
        }
        if (envSet) return new VaultSecretStore(vault, fromVariable);
        if (console == null) {
            return new UnavailableSecretStore(noKeychain + ", and a new vault at " + vault + " needs a passphrase but "
                    + PASSPHRASE_VARIABLE + " is not set and there is no terminal to type it: set " + PASSPHRASE_VARIABLE);
        }
        char[] first = console.readPassword("No OS keychain here: new Railyard vault at %s; choose its passphrase: ", vault);
        char[] second = console.readPassword("Repeat the passphrase: ");
        try {
            if (first == null || first.length < 8 || !Arrays.equals(first, second)) {
                return new UnavailableSecretStore("the passphrases typed for a new vault at " + vault
                        + " differ or are shorter than 8 characters; try again, or set " + PASSPHRASE_VARIABLE);
            }
            char[] kept = first.clone();
            if (err != null) err.println("a new vault will be created at " + vault + " (0600)");
            return new VaultSecretStore(vault, () -> kept.clone());
        } finally {
            if (first != null) Arrays.fill(first, '\0');
            if (second != null) Arrays.fill(second, '\0');
        }
    }
}
