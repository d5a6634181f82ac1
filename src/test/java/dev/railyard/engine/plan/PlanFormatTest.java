package dev.railyard.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PlanFormatTest {

    private final PlanFormat format = new PlanFormat();

    static java.util.stream.Stream<String> exampleNames() {
        return Examples.ALL.stream().map(Examples.Example::name);
    }

    @ParameterizedTest
    @MethodSource("exampleNames")
    void savesEveryExampleBackToTheSameBytesInTheDocumentedKeyOrder(String name) throws Exception {
        String text = Examples.text(name);
        ClusterPlan plan = format.read(text, name);
        assertThat(format.write(plan)).isEqualTo(text);
    }

    @Test
    void readsTheContractKeyPathsOfTheIssue() throws Exception {
        ClusterPlan plan = Examples.load(format, "hetzner-small");
        assertThat(plan.name()).isEqualTo("acme-gitpod");
        assertThat(plan.spec().provider().hetzner().tokenRef()).isEqualTo("keychain:hcloud");
        assertThat(plan.spec().network().sshPort()).isEqualTo(2244);
        assertThat(plan.spec().gitpod().database().passwordRef()).isEqualTo("keychain:db");
        assertThat(plan.spec().gitpod().workspace().fsShiftMethod()).isEqualTo("shiftfs");
    }

    @Test
    void reportsEveryUnknownKeyWithItsPathLineAndColumn() {
        String text = Examples.text("hetzner-small")
                .replace("    sshPort: 2244\n", "    sshPort: 2244\n    sshPrt: 2245\n")
                .replace("  name: acme-gitpod\n", "  name: acme-gitpod\n  labels: {a: b}\n");
        assertThatThrownBy(() -> format.read(text, "plan.yaml"))
                .isInstanceOfSatisfying(PlanLoadException.class, e -> {
                    assertThat(e.errors()).hasSize(2);
                    assertThat(e.errors().get(0).path()).isEqualTo("metadata.labels");
                    assertThat(e.errors().get(0).line()).isEqualTo(5);
                    assertThat(e.errors().get(0).column()).isEqualTo(3);
                    assertThat(e.errors().get(1).path()).isEqualTo("spec.network.sshPrt");
                    assertThat(e.errors().get(1).message()).contains("unknown key 'sshPrt'").contains("sshPort");
                });
    }

    @Test
    void reportsUnknownKeysInsideListsWithTheirIndex() {
        String text = Examples.text("existing-raspberry-pi-tailscale")
                .replace("          sshPort: 22\n        - name: rpi-node-2", "          sshPort: 22\n        - nmae: x\n          name: rpi-node-2");
        assertThatThrownBy(() -> format.read(text, "plan.yaml"))
                .isInstanceOfSatisfying(PlanLoadException.class,
                        e -> assertThat(e.errors().get(0).path()).isEqualTo("spec.provider.existing.hosts[1].nmae"));
    }

    @Test
    void reportsAWrongTypeWithPathAndPosition() {
        String text = Examples.text("hetzner-small").replace("sshPort: 2244", "sshPort: twenty-two");
        assertThatThrownBy(() -> format.read(text, "plan.yaml"))
                .isInstanceOfSatisfying(PlanLoadException.class, e -> {
                    PlanLoadException.Error error = e.errors().get(0);
                    assertThat(error.path()).isEqualTo("spec.network.sshPort");
                    assertThat(error.message()).contains("whole number");
                    assertThat(error.line()).isEqualTo(22);
                });
    }

    @Test
    void refusesANumberWhereTextIsExpectedInsteadOfGuessing() {
        String text = Examples.text("hetzner-small").replace("domain: gitpod.example.com", "domain: 1234");
        assertThatThrownBy(() -> format.read(text, "plan.yaml"))
                .isInstanceOfSatisfying(PlanLoadException.class,
                        e -> assertThat(e.errors().get(0).path()).isEqualTo("spec.gitpod.domain"));
    }

    @Test
    void reportsBrokenYamlWithLineAndColumn() {
        String text = "apiVersion: railyard.dev/v1\nkind: Cluster\nmetadata:\n  name: \"unclosed\n";
        assertThatThrownBy(() -> format.read(text, "plan.yaml"))
                .isInstanceOfSatisfying(PlanLoadException.class, e -> {
                    assertThat(e.errors().get(0).message()).startsWith("not valid YAML");
                    assertThat(e.errors().get(0).line()).isGreaterThan(0);
                });
    }

    @Test
    void refusesDuplicateKeys() {
        String text = Examples.text("hetzner-small").replace("kind: Cluster\n", "kind: Cluster\nkind: Cluster\n");
        assertThatThrownBy(() -> format.read(text, "plan.yaml")).isInstanceOf(PlanLoadException.class)
                .hasMessageContaining("kind");
    }

    @Test
    void explainsAnApiVersionFromAnotherRailyard() {
        String text = Examples.text("hetzner-small").replace("railyard.dev/v1", "railyard.dev/v2");
        assertThatThrownBy(() -> format.read(text, "plan.yaml"))
                .isInstanceOfSatisfying(PlanLoadException.class, e -> {
                    assertThat(e.errors().get(0).path()).isEqualTo("apiVersion");
                    assertThat(e.errors().get(0).message()).contains("railyard.dev/v2").contains("install the Railyard release");
                    assertThat(e.errors().get(0).line()).isEqualTo(1);
                });
    }

    @Test
    void explainsSchemaVersionIsNotHowPlansAreVersioned() {
        assertThatThrownBy(() -> format.read("schemaVersion: 1\nkind: Cluster\n", "plan.yaml"))
                .isInstanceOfSatisfying(PlanLoadException.class,
                        e -> assertThat(e.errors().get(0).message()).contains("apiVersion: railyard.dev/v1"));
    }

    @Test
    void saysWhatToDoWhenApiVersionIsMissing() {
        assertThatThrownBy(() -> format.read("kind: Cluster\n", "plan.yaml"))
                .isInstanceOfSatisfying(PlanLoadException.class,
                        e -> assertThat(e.errors().get(0).message()).contains("missing `apiVersion"));
    }

    @Test
    void savesAtomicallyWithoutLeavingTemporaryFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("railyard.yaml");
        Files.writeString(file, "old");
        format.save(Examples.load(format, "azure-small"), file);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(Examples.text("azure-small"));
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void writesCredentialFilesOwnerOnlyFromTheStart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kubeconfig");
        AtomicFiles.write(file, "x".getBytes(StandardCharsets.UTF_8), true);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    static final String CODER_SPEC = """
              coder:
                domain: coder.example.com
                tls:
                  mode: cert-manager
                  email: ops@example.com
                  dns01:
                    provider: cloudflare
                    tokenRef: env:CF_TOKEN
                database:
                  inCluster: false
                  external:
                    host: db.example.com
                    port: 5432
                    database: coder
                    username: coder
                    passwordRef: keychain:coder-db
                    sslMode: verify-full
                admin:
                  username: admin
                  email: admin@example.com
                  passwordRef: keychain:coder-admin
                workspaces:
                  docker: envbox
            """;

    private static String coderPlanText() {
        String gitpodPlan = Examples.text("hetzner-small");
        return gitpodPlan.substring(0, gitpodPlan.indexOf("  gitpod:\n")) + CODER_SPEC;
    }

    @Test
    void readsACoderPlanWithTheIssuesKeysAndNoGitpodSection() throws Exception {
        ClusterPlan plan = format.read(coderPlanText(), "coder.yaml");
        assertThat(plan.spec().platform()).isEqualTo(Platform.CODER);
        assertThat(plan.spec().gitpod()).isNull();
        Coder coder = plan.spec().coder();
        assertThat(plan.spec().platformDomain()).isEqualTo("coder.example.com");
        assertThat(coder.tls().dns01().tokenRef()).isEqualTo("env:CF_TOKEN");
        assertThat(coder.database().isInCluster()).isFalse();
        assertThat(coder.database().external().sslMode()).isEqualTo("verify-full");
        assertThat(coder.database().external().portOrDefault()).isEqualTo(5432);
        assertThat(coder.admin().passwordRef()).isEqualTo("keychain:coder-admin");
        assertThat(coder.workspaces().usesEnvbox()).isTrue();
    }

    @Test
    void savesACoderPlanBackToTheSameBytesWithoutAGitpodSection() throws Exception {
        String text = coderPlanText();
        String written = format.write(format.read(text, "coder.yaml"));
        assertThat(written).isEqualTo(text).doesNotContain("gitpod:");
    }

    @Test
    void everyPlanBeforeCoderIsAGitpodPlan() throws Exception {
        ClusterPlan plan = Examples.load(format, "hetzner-small");
        assertThat(plan.spec().platform()).isEqualTo(Platform.GITPOD);
        assertThat(plan.spec().coder()).isNull();
        assertThat(plan.spec().platformDomain()).isEqualTo("gitpod.example.com");
    }

    @Test
    void switchingPlatformKeepsOneSectionOnly() throws Exception {
        Spec gitpod = Examples.load(format, "hetzner-small").spec();
        Spec coder = gitpod.withPlatform(Platform.CODER);
        assertThat(coder.gitpod()).isNull();
        assertThat(coder.coder()).isNotNull();
        assertThat(coder.platform()).isEqualTo(Platform.CODER);
        assertThat(coder.withPlatform(Platform.GITPOD).coder()).isNull();
        assertThat(gitpod.withPlatform(Platform.GITPOD)).isEqualTo(gitpod);
    }

    @Test
    void reportsAnUnknownKeyInsideTheCoderSection() {
        String text = coderPlanText().replace("      docker: envbox\n", "      docker: envbox\n      dokcer: none\n");
        assertThatThrownBy(() -> format.read(text, "plan.yaml"))
                .isInstanceOfSatisfying(PlanLoadException.class, e -> {
                    assertThat(e.errors().get(0).path()).isEqualTo("spec.coder.workspaces.dokcer");
                    assertThat(e.errors().get(0).message()).contains("docker");
                });
    }
}
