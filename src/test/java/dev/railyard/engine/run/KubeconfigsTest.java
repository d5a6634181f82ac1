package dev.railyard.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigsTest {

    static final String K3S_YAML = """
            apiVersion: v1
            clusters:
            - cluster:
                certificate-authority-data: Q0EK
                server: https://127.0.0.1:6443
              name: default
            contexts:
            - context:
                cluster: default
                user: default
              name: default
            current-context: default
            kind: Config
            preferences: {}
            users:
            - name: default
              user:
                client-certificate-data: Q0VSVAo=
                client-key-data: S0VZLXNlY3JldC1rZXktZGF0YQo=
            """;

    @TempDir
    Path dir;

    @Test
    void rewritesTheServerAddressAndNamesEverythingAfterTheCluster() throws Exception {
        String rewritten = Kubeconfigs.rewrite(K3S_YAML, "203.0.113.10", "acme");
        assertThat(rewritten).contains("server: \"https://203.0.113.10:6443\"").doesNotContain("127.0.0.1")
                .doesNotContain("name: \"default\"").contains("current-context: \"acme\"");
        assertThat(Kubeconfigs.credentials(rewritten)).containsExactly("S0VZLXNlY3JldC1rZXktZGF0YQo=");
        assertThat(Kubeconfigs.rewrite(K3S_YAML, "2001:db8::1", "acme")).contains("https://[2001:db8::1]:6443");
    }

    @Test
    void savesOwnerOnlyAndMergesAsANewContextKeepingTheUsersOthers() throws Exception {
        Path ours = dir.resolve("kubeconfig");
        Kubeconfigs.save(Kubeconfigs.rewrite(K3S_YAML, "203.0.113.10", "acme"), ours);
        assertThat(Files.getPosixFilePermissions(ours)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Path home = dir.resolve("config");
        Files.writeString(home, Kubeconfigs.rewrite(K3S_YAML, "198.51.100.1", "other"));

        Kubeconfigs.merge(ours, home);
        Kubeconfigs.merge(ours, home); // twice: replaced, not duplicated

        String merged = Files.readString(home);
        assertThat(merged).contains("https://198.51.100.1:6443").contains("https://203.0.113.10:6443")
                .contains("current-context: \"other\"");
        assertThat(merged.split("name: \"acme\"", -1)).hasSize(4); // one cluster, one user, one context
        assertThat(Files.getPosixFilePermissions(home)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
}
