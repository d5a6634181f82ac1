package dev.railyard.engine.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.javakeyring.PasswordAccessException;
import org.junit.jupiter.api.Test;

/** How the keychain's answers are read: "no such entry" is absent, every other failure says what happened. */
class KeychainSecretStoreTest {

    @Test
    void anEntryTheKeychainHasNotIsAbsentOnEveryBackend() {
        for (String notFound : new String[] {"No stored credentials match railyard account: hcloud", "Password not Found",
                "Failed to get credential. -25300"}) {
            assertThat(KeychainSecretStore.read("hcloud", () -> {
                throw new PasswordAccessException(notFound);
            })).as(notFound).isEmpty();
        }
        assertThat(KeychainSecretStore.read("hcloud", () -> "v")).contains("v");
    }

    @Test
    void aKeychainThatFailsIsATypedErrorNamingTheEntryNotAnAbsentValue() {
        assertThatThrownBy(() -> KeychainSecretStore.read("hcloud", () -> {
            throw new PasswordAccessException("Error connecting to dbus");
        })).isInstanceOf(SecretStoreException.class).hasMessage("the OS keychain could not read 'hcloud': Error connecting to dbus");
        assertThatThrownBy(() -> KeychainSecretStore.read("hcloud", () -> {
            throw new IllegalStateException("org.freedesktop.Secret.Error.IsLocked");
        })).isInstanceOf(SecretStoreException.class).hasMessageContaining("IsLocked");
    }
}
