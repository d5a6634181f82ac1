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

        String before = Files.readString(home);
        Kubeconfigs.MergeResult first = Kubeconfigs.merge(ours, home, false);
        assertThat(first.replaced()).isEmpty();
        assertThat(Files.readString(first.backup())).isEqualTo(before);
        assertThat(Files.getPosixFilePermissions(first.backup())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Kubeconfigs.MergeResult second = Kubeconfigs.merge(ours, home, false); // twice: replaced, not duplicated
        assertThat(second.replaced()).containsExactly("cluster acme", "user acme", "context acme");

        String merged = Files.readString(home);
        assertThat(merged).contains("https://198.51.100.1:6443").contains("https://203.0.113.10:6443")
                .contains("current-context: \"other\"");
        assertThat(merged.split("name: \"acme\"", -1)).hasSize(4); // one cluster, one user, one context
        assertThat(Files.getPosixFilePermissions(home)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void makesTheNewContextCurrentOnlyWhenAskedAndCreatesAMissingFile() throws Exception {
        Path ours = dir.resolve("kubeconfig");
        Kubeconfigs.save(Kubeconfigs.rewrite(K3S_YAML, "203.0.113.10", "acme"), ours);
        Path home = dir.resolve("config");
        Files.writeString(home, Kubeconfigs.rewrite(K3S_YAML, "198.51.100.1", "other"));
        Kubeconfigs.merge(ours, home, true);
        assertThat(Files.readString(home)).contains("current-context: \"acme\"");

        Path fresh = dir.resolve("new/.kube/config");
        Kubeconfigs.MergeResult r = Kubeconfigs.merge(ours, fresh, false);
        assertThat(r.backup()).isNull();
        assertThat(Files.readString(fresh)).contains("current-context: \"acme\"").contains("https://203.0.113.10:6443");
    }

    @Test
    void refusesToMergeIntoAFileThatIsNotAKubeconfigAndLeavesItAlone() throws Exception {
        Path ours = dir.resolve("kubeconfig");
        Kubeconfigs.save(Kubeconfigs.rewrite(K3S_YAML, "203.0.113.10", "acme"), ours);
        Path home = dir.resolve("config");
        Files.writeString(home, "- just\n- a list\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Kubeconfigs.merge(ours, home, false))
                .hasMessageContaining("is not a kubeconfig").hasMessageContaining("nothing was changed");
        assertThat(Files.readString(home)).isEqualTo("- just\n- a list\n");
    }

    @Test
    void theUsersKubeconfigIsTheFirstEntryOfKUBECONFIGElseTheHomeOne() {
        Path home = Path.of("/home/ada");
        assertThat(Kubeconfigs.userKubeconfig(java.util.Map.of(), home)).isEqualTo(Path.of("/home/ada/.kube/config"));
        assertThat(Kubeconfigs.userKubeconfig(java.util.Map.of("KUBECONFIG", "/tmp/a:/tmp/b"), home)).isEqualTo(Path.of("/tmp/a"));
    }
}
