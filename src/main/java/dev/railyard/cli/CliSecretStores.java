package dev.railyard.cli;

import dev.railyard.engine.project.AppDirs;
import dev.railyard.engine.secrets.SecretStore;
import dev.railyard.engine.secrets.SecretStores;
import java.io.Console;

/** The secret store the CLI reads {@code keychain:} references from: the same one the desktop app writes. */
final class CliSecretStores {

    private CliSecretStores() {}

    /**
     * The OS keychain, or the encrypted vault in the app data folder; the vault's passphrase comes from
     * {@code RAILYARD_VAULT_PASSPHRASE} or, on a terminal, a prompt.
     */
    static SecretStore open() {
        return SecretStores.select(AppDirs.forCurrentUser(), System.getenv(), SecretStores.passphraseFromEnvOr(System.getenv(), () -> {
            Console console = System.console();
            return console == null ? null : console.readPassword("Railyard vault passphrase: ");
        }));
    }
}
