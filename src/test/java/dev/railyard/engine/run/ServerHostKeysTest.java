package dev.railyard.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.render.Exporter;
import dev.railyard.engine.render.PlanRenderer;
import dev.railyard.engine.render.RenderInput;
import dev.railyard.engine.secrets.ResolvingSecretValues;
import dev.railyard.engine.secrets.SecretResolver;
import dev.railyard.engine.secrets.VaultSecretStore;
import dev.railyard.engine.ssh.HostKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerHostKeysTest {

    @TempDir
    Path dir;

    static ClusterPlan example(String name) {
        return Examples.load(new PlanFormat(), name);
    }

    private RunSecrets resolve(ClusterPlan plan, ClusterStepsTest.InMemoryStore store, boolean generate) {
        return RunSecrets.resolve(plan, new SecretResolver(store, Map.of(), dir), store, generate);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hetzner-small", "hetzner-medium", "azure-small"})
    void terraformGetsOneHostKeyForEveryServerItsOutputsWillName(String name) throws Exception {
        ClusterPlan plan = example(name);
        RunSecrets secrets = resolve(plan, new ClusterStepsTest.InMemoryStore(), true);

        JsonNode keys = new ObjectMapper().readTree(secrets.terraformVariables().get("TF_VAR_ssh_host_keys"));

        List<String> names = new ArrayList<>();
        keys.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyElementsOf(serverNamesFromOutputs(plan)).isNotEmpty();
        for (String server : names) {
            JsonNode key = keys.get(server);
            assertThat(key.get("public").asText()).startsWith("ssh-ed25519 AAAA").endsWith(" " + server);
            assertThat(HostKeys.fromPrivateKey(key.get("private").asText(), server).publicKeyLine()).isEqualTo(key.get("public").asText());
        }
    }

    @Test
    void largeAddsOnePoolKeyBesideTheNodesTerraformCreatesItself() throws Exception {
        ClusterPlan plan = example("hetzner-large-autoscale");
        RunSecrets secrets = resolve(plan, new ClusterStepsTest.InMemoryStore(), true);

        JsonNode keys = new ObjectMapper().readTree(secrets.terraformVariables().get("TF_VAR_ssh_host_keys"));

        List<String> expected = new ArrayList<>(serverNamesFromOutputs(plan));
        expected.add(plan.name() + "-pool");
        List<String> names = new ArrayList<>();
        keys.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyElementsOf(expected);
        assertThat(names).anyMatch(n -> n.contains("-node-"));
    }

    @Test
    void azureLargeNodesAreAScaleSetSoOnlyManagersAndThePoolHaveKeys() {
        ClusterPlan azure = example("azure-small");
        var size = new dev.railyard.engine.plan.Size("large", 3, null, new dev.railyard.engine.plan.Size.Autoscale(2, 5),
                azure.spec().size().managerType(), azure.spec().size().nodeType());
        ClusterPlan large = azure.withSpec(azure.spec().withSize(size));

        assertThat(ServerHostKeys.serverNames(large)).containsExactly(azure.name() + "-manager-1", azure.name() + "-manager-2",
                azure.name() + "-manager-3", azure.name() + "-pool");
    }

    @Test
    void existingServersGetNoGeneratedKeys() {
        ClusterPlan plan = example("existing-raspberry-pi-tailscale");
        ClusterStepsTest.InMemoryStore store = new ClusterStepsTest.InMemoryStore();

        RunSecrets secrets = resolve(plan, store, true);

        assertThat(ServerHostKeys.serverNames(plan)).isEmpty();
        assertThat(secrets.terraformVariables()).doesNotContainKey("TF_VAR_ssh_host_keys");
        assertThat(store.names()).noneMatch(n -> n.contains("ssh-host-key"));
    }

    @Test
    void keysAreGeneratedOnceKeptEncryptedUnderTheClustersNameAndReusedByTheNextRun() throws Exception {
        ClusterPlan plan = example("hetzner-small");
        Path vaultFile = dir.resolve("vault.bin");
        VaultSecretStore vault = new VaultSecretStore(vaultFile, () -> "correct horse".toCharArray());

        RunSecrets first = RunSecrets.resolve(plan, new SecretResolver(vault, Map.of(), dir), vault, true);
        VaultSecretStore reopened = new VaultSecretStore(vaultFile, () -> "correct horse".toCharArray());
        RunSecrets resumed = RunSecrets.resolve(plan, new SecretResolver(reopened, Map.of(), dir), reopened, true);

        assertThat(reopened.names()).contains("railyard." + plan.name() + ".ssh-host-key.manager-1",
                "railyard." + plan.name() + ".ssh-host-key.node-1");
        assertThat(resumed.terraformVariables().get("TF_VAR_ssh_host_keys")).isEqualTo(first.terraformVariables().get("TF_VAR_ssh_host_keys"));
        String raw = new String(Files.readAllBytes(vaultFile), StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("OPENSSH").doesNotContain("ssh-ed25519");
    }

    @Test
    void everyLineOfEveryPrivateKeyIsHiddenFromTheLogs() {
        RunSecrets secrets = resolve(example("hetzner-medium"), new ClusterStepsTest.InMemoryStore(), true);
        Redactor redactor = new Redactor(secrets.allValues());

        assertThat(secrets.hostKeys().byServer()).hasSize(6);
        for (HostKeys keys : secrets.hostKeys().byServer().values()) {
            for (String line : keys.privateKeyPem().split("\n")) {
                if (line.startsWith("-----")) continue;
                assertThat(redactor.redact("terraform: " + line)).isEqualTo("terraform: " + Redactor.MASK);
            }
            assertThat(redactor.redact(keys.publicKeyLine())).isEqualTo(keys.publicKeyLine());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hetzner-large-autoscale", "azure-small"})
    void noPrivateKeyReachesAnExportEvenOneMadeWithSecretsFromTheSameStore(String name) throws Exception {
        ClusterPlan plan = example(name);
        ClusterStepsTest.InMemoryStore store = new ClusterStepsTest.InMemoryStore();
        Map<String, String> environment = new java.util.HashMap<>();
        for (String ref : RunSecrets.referencesIn(plan).values()) {
            String where = ref.substring(ref.indexOf(':') + 1);
            (ref.startsWith("env:") ? environment : store.values()).put(where, "canary-" + ref.replaceAll("[^a-z]", ""));
        }
        SecretResolver resolver = new SecretResolver(store, environment, dir);
        RunSecrets secrets = RunSecrets.resolve(plan, resolver, store, true);
        assertThat(secrets.missing()).isEmpty();
        Path export = dir.resolve("export");

        new Exporter().export(PlanRenderer.standard().render(new RenderInput(plan, Catalog.bundled(),
                Optional.of(new ResolvingSecretValues(resolver, new SecureRandom())))), export, false);

        assertThat(secrets.hostKeys().byServer()).isNotEmpty();
        for (HostKeys keys : secrets.hostKeys().byServer().values()) {
            for (String line : keys.privateKeyPem().split("\n")) {
                if (!line.startsWith("-----")) TerraformPipelineTest.assertNoFileContains(export, line);
            }
        }
        TerraformPipelineTest.assertNoFileContains(export, "-----BEGIN OPENSSH PRIVATE KEY-----");
    }

    @Test
    void withoutGeneratingMissingKeysAreReportedByServerAndStoreName() {
        ClusterPlan plan = example("hetzner-small");

        RunSecrets secrets = resolve(plan, new ClusterStepsTest.InMemoryStore(), false);

        assertThat(secrets.missing())
                .anySatisfy(m -> assertThat(m).startsWith("SSH host key of " + plan.name() + "-manager-1: no 'railyard." + plan.name()
                        + ".ssh-host-key.manager-1' in the secret store"))
                .anySatisfy(m -> assertThat(m).startsWith("SSH host key of " + plan.name() + "-node-1: no 'railyard." + plan.name()
                        + ".ssh-host-key.node-1' in the secret store"));
    }

    /** The names the run gives the servers Terraform reports, for as many as the plan makes. */
    private static List<String> serverNamesFromOutputs(ClusterPlan plan) throws Exception {
        int nodes = plan.spec().size().isLarge() && plan.spec().provider().isAzure() ? 0 : plan.spec().size().initialNodeCount();
        String outputs = "{\"manager_public_ips\":{\"value\":" + addresses(plan.spec().size().managerCount(), 10)
                + "},\"node_public_ips\":{\"value\":" + addresses(nodes, 20) + "}}";
        return Hosts.fromTerraformOutputs(outputs, plan, "root").all().stream().map(Hosts.Host::name).toList();
    }

    private static String addresses(int count, int first) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < count; i++) list.add("\"192.0.2." + (first + i) + "\"");
        return list.toString();
    }

    /**
     * k3s agent-token: Railyard makes it like the server token (random, once, kept in the secret store) and hands it
     * to Terraform as its own sensitive variable; the two never coincide and both are redacted from the logs.
     */
    @Test
    void k3sAgentTokenIsGeneratedOnceKeptInTheStoreAndPassedAsItsOwnTfVar() {
        ClusterPlan plan = example("hetzner-small");
        ClusterStepsTest.InMemoryStore store = new ClusterStepsTest.InMemoryStore();
        RunSecrets first = resolve(plan, store, true);
        String agent = first.terraformVariables().get("TF_VAR_k3s_agent_token");
        String server = first.terraformVariables().get("TF_VAR_k3s_token");
        assertThat(agent).isNotBlank().isNotEqualTo(server).hasSizeGreaterThanOrEqualTo(64);
        assertThat(store.get(RunSecrets.k3sAgentTokenName(plan))).contains(agent);
        assertThat(first.allValues()).contains(agent, server);
        assertThat(resolve(plan, store, true).k3sAgentToken()).contains(agent);
        assertThat(resolve(plan, new ClusterStepsTest.InMemoryStore(), false).missing())
                .anyMatch(m -> m.startsWith("k3s agent token: no '" + RunSecrets.k3sAgentTokenName(plan) + "'"));
    }
}
