package dev.railyard.engine.secrets;

import dev.railyard.engine.project.AppDirs;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Picks the secret store: the OS keychain when one answers, otherwise the encrypted vault in the app
 * data folder. {@code RAILYARD_SECRET_STORE=vault} forces the vault (headless machines whose keychain
 * would prompt, tests).
 */
public final class SecretStores {

    private SecretStores() {}

    public static SecretStore select(AppDirs dirs, Map<String, String> env, Supplier<char[]> vaultPassphrase) {
        if (!"vault".equals(env.get("RAILYARD_SECRET_STORE"))) {
            var keychain = KeychainSecretStore.probe(dirs.data().resolve("keychain-names.txt"));
            if (keychain.isPresent()) return keychain.get();
        }
        return new VaultSecretStore(dirs.vault(), vaultPassphrase);
    }

    /** The passphrase from {@code RAILYARD_VAULT_PASSPHRASE} when set, otherwise from {@code ask}. */
    public static Supplier<char[]> passphraseFromEnvOr(Map<String, String> env, Supplier<char[]> ask) {
        return () -> {
            String fromEnv = env.get("RAILYARD_VAULT_PASSPHRASE");
            return fromEnv != null && !fromEnv.isEmpty() ? fromEnv.toCharArray() : ask.get();
        };
    }
}
