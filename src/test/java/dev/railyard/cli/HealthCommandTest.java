package dev.railyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.engine.cluster.ClusterScenarios;
import dev.railyard.engine.cluster.ClusterScenarios.Scenario;
import dev.railyard.engine.cluster.MockClustersAccess;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@EnableKubernetesMockClient(crud = true)
class HealthCommandTest {

    KubernetesMockServer server;
    KubernetesClient client;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Scenario scenario, String... args) {
        MockClustersAccess.load(server, client, scenario);
        // the command closes its client when done; hand it a second one to the same mock server
        CommandLine cl = new CommandLine(new HealthCommand((kubeconfig, context) -> server.createClient()));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void exitsZeroForAHealthyCluster() {
        assertThat(run(ClusterScenarios.healthy())).as(out + "\n" + err).isEqualTo(HealthCommand.HEALTHY);
        assertThat(out.toString()).startsWith("Cluster health: READY (0 errors, 0 warnings");
    }

    @Test
    void exitsOneWhenThereAreOnlyWarnings() {
        assertThat(run(ClusterScenarios.degraded())).as(out.toString()).isEqualTo(HealthCommand.WARNINGS);
        assertThat(out.toString()).contains("RY-NODE-002").contains("RY-TLS-004");
    }

    @Test
    void exitsTwoAndExplainsTheSeedsDnsCrashLoop() {
        assertThat(run(ClusterScenarios.seedDnsCrashLoop())).isEqualTo(HealthCommand.ERRORS);
        assertThat(out.toString()).contains("RY-DNS-001").contains("lookup kotsadm-postgres on 10.43.0.10:53").contains("8472/udp");
    }

    @Test
    void printsJsonThatParsesWithTheSameVerdict() throws Exception {
        int code = run(ClusterScenarios.seedDnsCrashLoop(), "--json");

        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("status").asText()).isEqualTo("broken");
        assertThat(json.path("exitCode").asInt()).isEqualTo(code).isEqualTo(2);
        assertThat(json.path("findings")).anySatisfy(f -> {
            assertThat(f.path("code").asText()).isEqualTo("RY-DNS-001");
            assertThat(f.path("severity").asText()).isEqualTo("error");
            assertThat(f.path("evidence").size()).isPositive();
            assertThat(f.path("fix").asText()).contains("/etc/hosts");
        });
    }

    @Test
    void writesASupportBundleWhenAsked(@TempDir Path dir) {
        Path zip = dir.resolve("health.zip");

        run(ClusterScenarios.dockerSocketInUserPod(), "--bundle", zip.toString());

        assertThat(zip).isRegularFile();
        assertThat(err.toString()).contains("support bundle written to " + zip);
    }

    @Test
    void rejectsAnUnreadableTailnetPolicyAsWrongUsage(@TempDir Path dir) throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.hujson"), "[ not a policy ]");

        assertThat(run(ClusterScenarios.healthy(), "--tailnet-policy", policy.toString())).isEqualTo(RailyardCli.USAGE);
        assertThat(err.toString()).contains("--tailnet-policy");
    }
}
