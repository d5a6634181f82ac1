package dev.railyard.engine.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railyard.engine.plan.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultSecretStoreTest {

    @TempDir Path dir;

    @Test
    void storesValuesEncryptedAndReadsThemBackWithTheSamePassphrase() throws Exception {
        Path file = dir.resolve("vault.bin");
        var vault = new VaultSecretStore(file, () -> "correct horse".toCharArray());
        vault.put("hcloud", "CANARY-hcloud-token-0123456789");
        vault.put("db", "mysql-password");

        byte[] raw = Files.readAllBytes(file);
        assertThat(new String(raw, StandardCharsets.ISO_8859_1)).doesNotContain("CANARY").doesNotContain("hcloud").doesNotContain("mysql");
        if (AtomicFiles.isPosix()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        var reopened = new VaultSecretStore(file, () -> "correct horse".toCharArray());
        assertThat(reopened.get("hcloud")).contains("CANARY-hcloud-token-0123456789");
        assertThat(reopened.names()).containsExactlyInAnyOrder("hcloud", "db");
        reopened.delete("db");
        assertThat(new VaultSecretStore(file, () -> "correct horse".toCharArray()).names()).containsExactly("hcloud");
    }

    @Test
    void refusesAWrongPassphraseWithAMessageNotAGarbledValue() {
        Path file = dir.resolve("vault.bin");
        new VaultSecretStore(file, () -> "right".toCharArray()).put("ts", "tskey-auth-x");
        var wrong = new VaultSecretStore(file, () -> "wrong".toCharArray());
        assertThatThrownBy(() -> wrong.get("ts")).hasMessageContaining("wrong passphrase");
    }

    @Test
    void usesAFreshNonceForEveryWriteSoEqualContentsEncryptDifferently() throws Exception {
        Path file = dir.resolve("vault.bin");
        var vault = new VaultSecretStore(file, () -> "p".toCharArray());
        vault.put("a", "1");
        byte[] first = Files.readAllBytes(file);
        vault.put("a", "1");
        byte[] second = Files.readAllBytes(file);
        assertThat(second).isNotEqualTo(first);
        assertThat(first.length).isEqualTo(second.length);
    }

    @Test
    void derivesTheKeyOnceAndAsksForThePassphraseOnlyOnce() {
        AtomicInteger asked = new AtomicInteger();
        var vault = new VaultSecretStore(dir.resolve("v.bin"), () -> {
            asked.incrementAndGet();
            return "p".toCharArray();
        });
        vault.put("a", "1");
        vault.put("b", "2");
        vault.get("a");
        assertThat(asked).hasValue(1);
    }

    @Test
    void detectsATamperedFile() throws Exception {
        Path file = dir.resolve("vault.bin");
        new VaultSecretStore(file, () -> "p".toCharArray()).put("a", "value");
        byte[] raw = Files.readAllBytes(file);
        raw[raw.length - 1] ^= 1;
        Files.write(file, raw);
        assertThatThrownBy(() -> new VaultSecretStore(file, () -> "p".toCharArray()).get("a"))
                .isInstanceOf(VaultSecretStore.VaultException.class);
    }

    @Test
    void rejectsNamesAPlanCouldNotReference() {
        var vault = new VaultSecretStore(dir.resolve("v.bin"), () -> "p".toCharArray());
        assertThatThrownBy(() -> vault.put("bad name", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @org.junit.jupiter.api.Timeout(20)
    void refusesAnIterationCountOutsideTheBoundsBeforeDerivingAnyKey() throws Exception {
        Path file = dir.resolve("vault.bin");
        new VaultSecretStore(file, () -> "p".toCharArray()).put("a", "value");
        byte[] raw = Files.readAllBytes(file);
        java.nio.ByteBuffer.wrap(raw).putInt(4, Integer.MAX_VALUE); // after the 4-byte magic
        Files.write(file, raw);
        assertThatThrownBy(() -> new VaultSecretStore(file, () -> "p".toCharArray()).get("a"))
                .isInstanceOf(VaultSecretStore.VaultException.class).hasMessageContaining("2147483647").hasMessageContaining("iterations");
        java.nio.ByteBuffer.wrap(raw).putInt(4, 1);
        Files.write(file, raw);
        assertThatThrownBy(() -> new VaultSecretStore(file, () -> "p".toCharArray()).get("a"))
                .isInstanceOf(VaultSecretStore.VaultException.class).hasMessageContaining("iterations");
    }

    @Test
    void aWrongPassphraseCanBeTypedAgainOnTheSameStoreAndEachTypedOneIsWiped() {
        Path file = dir.resolve("vault.bin");
        new VaultSecretStore(file, () -> "right".toCharArray()).put("ts", "tskey-auth-x");
        java.util.List<char[]> handedOver = new java.util.ArrayList<>();
        java.util.Iterator<String> typed = java.util.List.of("wrong", "right").iterator();
        var vault = new VaultSecretStore(file, () -> {
            char[] p = typed.next().toCharArray();
            handedOver.add(p);
            return p;
        });
        assertThatThrownBy(() -> vault.get("ts")).hasMessageContaining("wrong passphrase");
        assertThat(vault.get("ts")).contains("tskey-auth-x");
        assertThat(handedOver).hasSize(2).allSatisfy(p -> assertThat(p).containsOnly('\0'));
    }
}
