package dev.railyard.engine.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railyard.engine.cluster.Finding;
import dev.railyard.engine.cluster.HealthReport;
import dev.railyard.engine.cluster.Remedies;
import dev.railyard.engine.run.Cancellation;
import dev.railyard.engine.run.Pipeline;
import dev.railyard.engine.run.Provisioning;
import dev.railyard.engine.run.StepState;
import dev.railyard.engine.run.StepStatus;
import dev.railyard.testsupport.TestClocks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo end to end in-process: the real pipeline and health checks over the simulated world, on a clock that
 * jumps instead of sleeping (each reading moves it a quarter second, each simulated sleep moves it by the sleep),
 * so the whole journey takes a moment.
 */
class DemoSessionTest {

    @TempDir
    Path data;

    private DemoSession session(boolean keep) throws Exception {
        return session("hetzner-small", keep);
    }

    private DemoSession session(String example, boolean keep) throws Exception {
        TestClocks.Stepping clock = TestClocks.stepping(Duration.ofMillis(250));
        return DemoSession.create(data, example, new Pace(50, clock, clock::advance), keep);
    }

    /** Runs a provision or destroy of the demo to its end, which must be success. */
    private static Pipeline.Result runToTheEnd(Provisioning.Run started) throws Exception {
        Pipeline.Result result;
        try (Provisioning.Run run = started) {
            result = run.pipeline().run(new Cancellation());
        }
        assertThat(result.outcome()).as(result.failedStep() + ": " + result.message()).isEqualTo(Pipeline.Outcome.SUCCEEDED);
        return result;
    }

    /** The seed's breakage has exactly one remedy, the DNS finding's own; after it the cluster is Ready with nothing but notes. */
    private static void applyTheDnsFixAndExpectReady(DemoSession demo, HealthReport broken) throws Exception {
        List<Remedies.Remedy> remedies = demo.remedies(broken);
        assertThat(remedies).extracting(Remedies.Remedy::code).containsExactly("RY-DNS-001");
        remedies.get(0).apply().run();

        HealthReport healed = demo.health();
        assertThat(healed.findings()).as(healed.toText()).noneMatch(f -> f.severity() != Finding.Severity.INFO);
        assertThat(healed.status()).isEqualTo(HealthReport.Status.READY);
    }

    @Test
    void runsCodersStepsAgainstTheSimulatedCoderdThenTheWorkspaceNodesDnsFailureIsDiagnosedAndTheFixHealsIt() throws Exception {
        try (DemoSession demo = session("hetzner-small-coder", false)) {
            Pipeline.Result result = runToTheEnd(demo.provisioning().provision());
            assertThat(result.state().steps()).extracting(StepStatus::state).containsOnly(StepState.DONE);
            assertThat(result.state().steps()).extracting(StepStatus::name).contains("nodes-ready", "coder-secrets", "cert-manager",
                    "certificate", "coder-database", "coder", "coder-owner", "coder-template", "summary").doesNotContain("gitpod-installer");

            String log = Files.readString(demo.runDir().resolve("run.log"), StandardCharsets.UTF_8);
            assertThat(log.lines()).allSatisfy(line -> assertThat(line).contains(SimulatedWorld.LABEL));
            assertThat(log).contains("database cluster coder/coder-db: Ready=True", "coderd answers /healthz", "logged in as admin@example.com",
                    "Coder: https://coder.example.com").doesNotContain("simulated-coder-admin-not-a-real-secret");

            HealthReport broken = demo.health();
            assertThat(broken.status()).isEqualTo(HealthReport.Status.BROKEN);
            Finding dns = broken.findings().stream().filter(f -> f.code().equals("RY-DNS-001")).findFirst().orElseThrow();
            assertThat(dns.evidence()).anySatisfy(e -> assertThat(e).startsWith("coder/coder-admin-dev").contains("on acme-coder-node-1")
                    .contains("10.43.0.10:53").contains("i/o timeout"));
            assertThat(dns.evidence()).anySatisfy(e -> assertThat(e).contains("CoreDNS Ready on: acme-coder-manager-1"));
            // coderd itself, its database, certificate, names and own report are fine: no Coder finding but the informational
            assertThat(broken.findings()).filteredOn(f -> f.code().startsWith("RY-CODER")).allMatch(f -> f.severity() == Finding.Severity.INFO);
            assertThat(broken.findings()).extracting(Finding::code).doesNotContain("RY-CODER-007");

            applyTheDnsFixAndExpectReady(demo, broken);
            runToTheEnd(demo.provisioning().destroy());
        }
        assertThat(data.resolve("demo")).isEmptyDirectory();
    }

    @Test
    void runsEveryStepOfTheRealPipelineAgainstTheSimulationThenDiagnosesTheSeedsDnsFailureAndTheFixHealsIt() throws Exception {
        try (DemoSession demo = session(false)) {
            assertThat(demo.folder().getFileName().toString()).startsWith("demo-hetzner-small-");
            Pipeline.Result result = runToTheEnd(demo.provisioning().provision());
            assertThat(result.state().steps()).extracting(StepStatus::state).containsOnly(StepState.DONE);
            assertThat(result.state().steps()).extracting(StepStatus::name).contains("terraform-apply", "cloud-init", "nodes-ready",
                    "cert-manager", "certificate", "gitpod-installer");

            List<String> log = Files.readAllLines(demo.runDir().resolve("run.log"), StandardCharsets.UTF_8);
            assertThat(log).isNotEmpty().allSatisfy(line -> assertThat(line).contains(SimulatedWorld.LABEL));
            assertThat(String.join("\n", log)).contains("hcloud_server.manager[0]: Creation complete after",
                    "acme-gitpod-node-1: [SIMULATION] Cloud-init v. ", "2 of 2 nodes Ready", "certificate ", "Ready=True");

            HealthReport broken = demo.health();
            assertThat(broken.status()).isEqualTo(HealthReport.Status.BROKEN);
            Finding dns = broken.findings().stream().filter(f -> f.code().equals("RY-DNS-001")).findFirst().orElseThrow();
            assertThat(dns.evidence()).anySatisfy(e -> assertThat(e).contains("on acme-gitpod-node-1").contains("10.43.0.10:53").contains("i/o timeout"));
            assertThat(dns.evidence()).anySatisfy(e -> assertThat(e).contains("CoreDNS Ready on: acme-gitpod-manager-1"));
            assertThat(broken.findings()).extracting(Finding::code).contains("RY-POD-001");

            applyTheDnsFixAndExpectReady(demo, broken);
            runToTheEnd(demo.provisioning().destroy());
            assertThat(Files.readString(demo.runDir().resolve("run.log")))
                    .contains("hcloud_server.manager[0]: Destruction complete after", "Destroy complete! Resources: ");
        }
        assertThat(data.resolve("demo")).isEmptyDirectory();
    }

    @Test
    void keepsItsFolderOnlyWhenAsked() throws Exception {
        Path folder;
        try (DemoSession demo = session(true)) {
            folder = demo.folder();
        }
        assertThat(folder.resolve("generated/terraform")).isDirectory();
        assertThat(folder.resolve("railyard.yaml")).content().startsWith("# a demo:");
        assertThat(folder.resolve("home/.ssh/id_ed25519")).isRegularFile();
    }

    @Test
    void refusesExamplesWhoseWorldIsNotSimulated() {
        assertThatThrownBy(() -> session("existing-raspberry-pi-tailscale-coder", false))
                .hasMessageContaining("--example existing-raspberry-pi-tailscale-coder").hasMessageContaining("existing servers are not simulated");
        assertThatThrownBy(() -> session("no-such", false))
                .hasMessageContaining("--example: no example named 'no-such'");
    }
}
