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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
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
        // the scenarios are dated (certificates expiring, pods restarted minutes ago): judge them at their own now
        CommandLine cl = new CommandLine(new HealthCommand((kubeconfig, context) -> server.createClient(),
                Clock.fixed(ClusterScenarios.NOW, ZoneOffset.UTC)));
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
        assertThat(run(ClusterScenarios.degraded())).as(out + "\n" + err).isEqualTo(HealthCommand.WARNINGS);
        assertThat(out.toString()).contains("0 errors, 3 warnings")
                .contains("RY-NODE-002").contains("RY-POD-002").contains("RY-TLS-004").contains("expires in 5 days");
    }

    @Test
    void aCertificateExpiringInFiveDaysIsAWarningWhateverTheDayTheTestRuns() {
        // the same scenario a year later: the certificate has long expired, which is an error
        CommandLine cl = new CommandLine(new HealthCommand((kubeconfig, context) -> server.createClient(),
                Clock.fixed(ClusterScenarios.NOW.plus(java.time.Duration.ofDays(365)), ZoneOffset.UTC)));
        MockClustersAccess.load(server, client, ClusterScenarios.degraded());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));

        assertThat(cl.execute()).as(out.toString()).isEqualTo(HealthCommand.ERRORS);
    }

    @Test
    void exitsTwoAndExplainsTheSeedsDnsCrashLoop() {
        assertThat(run(ClusterScenarios.seedDnsCrashLoop())).as(out + "\n" + err).isEqualTo(HealthCommand.ERRORS);
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
    void writesASupportBundleWhenAskedAndStillExitsWithTheVerdict(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("health.zip");

        int code = run(ClusterScenarios.dockerSocketInUserPod(), "--bundle", zip.toString());

        assertThat(code).as(out + "\n" + err).isEqualTo(HealthCommand.ERRORS);
        assertThat(err.toString()).contains("support bundle written to " + zip);
        Map<String, String> entries = unzip(zip);
        assertThat(entries).containsKeys("manifest.json", "findings.json", "findings.txt", "nodes.json", "pods.json",
                "events.json", "versions.json");
        JsonNode findings = new ObjectMapper().readTree(entries.get("findings.json"));
        assertThat(findings.path("exitCode").asInt()).isEqualTo(HealthCommand.ERRORS);
        assertThat(findings.path("findings")).extracting(f -> f.path("code").asText()).contains("RY-ISO-001");
        assertThat(entries.get("findings.txt")).isEqualTo(out.toString());
        assertThat(entries.get("pods.json")).contains("builder-5c7d8");
        assertThat(entries.get("nodes.json")).contains(ClusterScenarios.MANAGER).contains(ClusterScenarios.NODE);
        entries.forEach((name, content) -> assertThat(content).as(name).doesNotContain(ClusterScenarios.CANARY));
    }

    private static Map<String, String> unzip(Path zip) throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    @Test
    void rejectsAnUnreadableTailnetPolicyAsWrongUsage(@TempDir Path dir) throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.hujson"), "[ not a policy ]");

        assertThat(run(ClusterScenarios.healthy(), "--tailnet-policy", policy.toString())).as(err.toString()).isEqualTo(RailyardCli.USAGE);
        assertThat(err.toString()).contains("--tailnet-policy");
    }
}
