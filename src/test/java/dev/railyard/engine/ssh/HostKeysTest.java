package dev.railyard.engine.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostKeysTest {

    @TempDir
    Path dir;

    @Test
    void readsThePublicHalfBackFromTheStoredPrivateKey() {
        HostKeys generated = HostKeys.generateEd25519("demo-manager-1");

        HostKeys read = HostKeys.fromPrivateKey(generated.privateKeyPem(), "demo-manager-1");

        assertThat(read.publicKeyLine()).isEqualTo(generated.publicKeyLine());
        assertThat(read.privateKeyPem()).isEqualTo(generated.privateKeyPem());
        assertThat(read.fingerprint()).isEqualTo(generated.fingerprint());
    }

    @Test
    void derivesTheSamePublicKeyAsOpenSshsKeygen() throws Exception {
        HostKeys generated = HostKeys.generateEd25519("demo-node-1");
        Path file = Files.writeString(dir.resolve("key"), generated.privateKeyPem());
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

        Process p = new ProcessBuilder(List.of("ssh-keygen", "-y", "-f", file.toString())).redirectErrorStream(true).start();
        String fromKeygen = new String(p.getInputStream().readAllBytes()).strip();

        assertThat(p.waitFor()).as(fromKeygen).isZero();
        String[] expected = HostKeys.fromPrivateKey(generated.privateKeyPem(), "").publicKeyLine().split(" ");
        assertThat(fromKeygen.split(" ")).startsWith(expected);
    }

    @Test
    void refusesTextThatIsNotAnOpenSshPrivateKey() {
        assertThatThrownBy(() -> HostKeys.fromPrivateKey("hunter2", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BEGIN OPENSSH PRIVATE KEY");
        assertThatThrownBy(() -> HostKeys.fromPrivateKey("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an OpenSSH private key");
    }
}
