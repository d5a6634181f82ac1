package dev.railyard.engine.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.engine.project.AppDirs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretStoresTest {

    @TempDir Path dir;

    @Test
    void fallsBackToTheVaultInTheAppDataFolderWhenForcedOrWithoutKeychain() {
        SecretStore store = SecretStores.select(new AppDirs(dir), Map.of("RAILYARD_SECRET_STORE", "vault"), () -> "p".toCharArray());
        assertThat(store).isInstanceOf(VaultSecretStore.class);
        assertThat(((VaultSecretStore) store).file()).isEqualTo(dir.resolve("vault.bin"));
        store.put("k", "v");
        assertThat(store.get("k")).contains("v");
    }

    @Test
    void probingTheKeychainNeverThrowsEvenWithoutASecretService() {
        // This machine has no Secret Service: the probe must answer, not fail.
        SecretStore store = SecretStores.select(new AppDirs(dir), Map.of(), () -> "p".toCharArray());
        assertThat(store.describe()).isNotBlank();
    }

    @Test
    void takesTheVaultPassphraseFromTheEnvironmentBeforeAsking() {
        var supplier = SecretStores.passphraseFromEnvOr(Map.of("RAILYARD_VAULT_PASSPHRASE", "from-env"), () -> {
            throw new AssertionError("should not ask");
        });
        assertThat(new String(supplier.get())).isEqualTo("from-env");
    }
}
