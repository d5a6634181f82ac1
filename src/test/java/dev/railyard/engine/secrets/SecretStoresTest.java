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
    void probingTheKeychainNeverThrowsAndFallsBackToAWorkingVaultWithoutASecretService() {
        SecretStore store = SecretStores.select(new AppDirs(dir), Map.of(), () -> "p".toCharArray());

        boolean secretServicePossible = !System.getProperty("os.name").startsWith("Linux")
                || System.getenv("DBUS_SESSION_BUS_ADDRESS") != null;
        if (!secretServicePossible) {
            // Linux without a session bus (CI, servers, SSH sessions) has no Secret Service to probe
            assertThat(store).isInstanceOf(VaultSecretStore.class);
            assertThat(store.describe()).isEqualTo("encrypted vault (" + dir.resolve("vault.bin") + ")");
        } else {
            assertThat(store).isInstanceOfAny(KeychainSecretStore.class, VaultSecretStore.class);
        }
        // whichever was picked, it keeps a secret for the next session
        store.put("railyard-test-probe", "v1");
        try {
            SecretStore next = SecretStores.select(new AppDirs(dir), Map.of(), () -> "p".toCharArray());
            assertThat(next.describe()).isEqualTo(store.describe());
            assertThat(next.get("railyard-test-probe")).contains("v1");
        } finally {
            store.delete("railyard-test-probe");
        }
    }

    @Test
    void takesTheVaultPassphraseFromTheEnvironmentBeforeAsking() {
        var supplier = SecretStores.passphraseFromEnvOr(Map.of("RAILYARD_VAULT_PASSPHRASE", "from-env"), () -> {
            throw new AssertionError("should not ask");
        });
        assertThat(new String(supplier.get())).isEqualTo("from-env");
    }
}
