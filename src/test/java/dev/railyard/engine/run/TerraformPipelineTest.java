package dev.railyard.engine.run;

import dev.railyard.testsupport.TestClocks;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class TerraformPipelineTest {

    static final String CANARY = "canary-hcloud-7f3e9a1c2b";

    @TempDir
    Path root;

    @Test
    void appliesWithStandInTerraformEmittingJsonLines() throws Exception {
        StandInTerraform tf = StandInTerraform.install(root, "FAKE_TF_RESOURCES=3\nFAKE_TF_LEAK=1\n");
        Path runDir = root.resolve("run");
        List<LogLine> seen = Collections.synchronizedList(new ArrayList<>());
        Pipeline.Result result;
        try (RunLog log = new RunLog(runDir, new Redactor(List.of(CANARY)), TestClocks.ticking())) {
            log.addListener(seen::add);
            result = StandInTerraform.provisioning(tf, runDir, log, Map.of("TF_VAR_hcloud_token", CANARY), Duration.ofSeconds(1))
                    .run(new Cancellation());
        }

        assertThat(result.outcome()).isEqualTo(Pipeline.Outcome.SUCCEEDED);
        assertThat(result.state().steps()).extracting(StepStatus::state).containsOnly(StepState.DONE);
        assertThat(result.state().steps()).allSatisfy(s -> assertThat(s.durationMillis()).isNotNull());
        String runLog = Files.readString(runDir.resolve("run.log"));
        assertThat(runLog).contains("[terraform-plan] terraform: Plan: 3 to add, 0 to change, 0 to destroy.")
                .contains("terraform_data.server[2]: Creation complete after 0s [id=1002] [resource 3 of 3]")
                .contains("Apply complete! Resources: 3 added")
                .contains("outputs: manager_public_ips, kubeconfig_hint (sensitive)")
                .contains("provider debug: TF_VAR_hcloud_token=***")
                .doesNotContain(CANARY);
        assertThat(runLog.lines().findFirst().orElseThrow()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z \\[.*");
        assertThat(seen).anyMatch(l -> l.text().contains("resource 1 of 3"));
        assertThat(Files.readString(runDir.resolve("logs/terraform-apply.log"))).contains("resource 3 of 3")
                .doesNotContain("Plan to create\n[terraform-init]");
        assertThat(Files.getPosixFilePermissions(runDir.resolve("run.log"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        // the stand-in writes its state world-readable, as Terraform's local backend does; it holds user data
        assertThat(Files.getPosixFilePermissions(tf.workingDir.resolve("terraform.tfstate")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(runLog).contains("terraform.tfstate holds the servers' secrets (user data): readable by you only");
        // secrets travel only in the environment: the stand-in recorded its argv
        assertThat(tf.calls()).containsExactly("init -input=false -no-color",
                "plan -json -input=false -detailed-exitcode -no-color",
                "apply -json -input=false -auto-approve -no-color");
        assertNoFileContains(root, CANARY);
        JsonNode state = new ObjectMapper().readTree(runDir.resolve("state.json").toFile());
        assertThat(state.path("steps").get(2).path("state").asText()).isEqualTo("done");
    }

    @Test
    void failedApplyStopsThePipelineWithTerraformsErrorDiagnostic() throws Exception {
        StandInTerraform tf = StandInTerraform.install(root, "FAKE_TF_FAIL=apply\n");
        Path runDir = root.resolve("run");
        Pipeline.Result result;
        try (RunLog log = new RunLog(runDir, new Redactor(), TestClocks.ticking())) {
            result = StandInTerraform.provisioning(tf, runDir, log, Map.of(), Duration.ofSeconds(1)).run(new Cancellation());
        }
        assertThat(result.outcome()).isEqualTo(Pipeline.Outcome.FAILED);
        assertThat(result.failedStep()).isEqualTo("terraform-apply");
        assertThat(result.message()).contains("terraform apply failed (exit 1, resource 2 of 3)")
                .contains("server type cx43 is not available in fsn1").contains("main.tf:12");
        assertThat(result.state().step("terraform-apply").orElseThrow().state()).isEqualTo(StepState.FAILED);
        assertThat(result.state().step("terraform-plan").orElseThrow().state()).isEqualTo(StepState.DONE);
    }

    @Test
    void refusesATerraformWhoseMachineReadableUiHasAnUnknownMajorVersion() throws Exception {
        StandInTerraform tf = StandInTerraform.install(root, "FAKE_TF_UI=2.0\nFAKE_TF_DELAY=5\n");
        Path runDir = root.resolve("run");
        Pipeline.Result result;
        long start = System.nanoTime();
        try (RunLog log = new RunLog(runDir, new Redactor(), TestClocks.ticking())) {
            result = StandInTerraform.provisioning(tf, runDir, log, Map.of(), Duration.ofMillis(500)).run(new Cancellation());
        }
        assertThat(result.outcome()).isEqualTo(Pipeline.Outcome.FAILED);
        assertThat(result.failedStep()).isEqualTo("terraform-plan");
        assertThat(result.message()).contains("machine-readable UI version '2.0'");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void cancelDuringApplyForceKillsAStandInThatIgnoresSigintAfterTheGracePeriod() throws Exception {
        StandInTerraform tf = StandInTerraform.install(root, "FAKE_TF_DELAY=30\nFAKE_TF_IGNORE_SIGINT=1\n");
        Duration grace = Duration.ofMillis(800);
        CancelTiming timing = cancelOnFirstApplyStart(tf, grace);

        assertThat(timing.result.outcome()).isEqualTo(Pipeline.Outcome.CANCELLED);
        assertThat(timing.result.state().step("terraform-apply").orElseThrow().state()).isEqualTo(StepState.CANCELLED);
        // it waited the grace period, then killed it (and the `sleep 30` child holding the pipes)
        assertThat(timing.cancelToEnd).isGreaterThanOrEqualTo(grace).isLessThan(Duration.ofSeconds(4));
        assertThat(timing.runLog).contains("cancelled");
        System.out.printf("cancel with SIGINT ignored: grace %d ms, stopped after %d ms%n", grace.toMillis(), timing.cancelToEnd.toMillis());
    }

    @Test
    void cancelDuringApplyStopsAPoliteStandInWithinTheGracePeriod() throws Exception {
        dev.railyard.testsupport.Signals.requireSigintNotIgnored();
        StandInTerraform tf = StandInTerraform.install(root, "FAKE_TF_DELAY=30\n");
        Duration grace = Duration.ofSeconds(3);
        CancelTiming timing = cancelOnFirstApplyStart(tf, grace);

        assertThat(timing.result.outcome()).isEqualTo(Pipeline.Outcome.CANCELLED);
        assertThat(timing.cancelToEnd).isLessThan(grace);
        assertThat(timing.runLog).contains("Interrupt received. Gracefully shutting down...");
        System.out.printf("cancel with SIGINT honoured: stopped after %d ms%n", timing.cancelToEnd.toMillis());
    }

    record CancelTiming(Pipeline.Result result, Duration cancelToEnd, String runLog) {}

    private CancelTiming cancelOnFirstApplyStart(StandInTerraform tf, Duration grace) throws Exception {
        Path runDir = root.resolve("run");
        Cancellation cancellation = new Cancellation();
        CountDownLatch applying = new CountDownLatch(1);
        try (RunLog log = new RunLog(runDir, new Redactor(), TestClocks.ticking())) {
            log.addListener(l -> {
                if (l.step().equals("terraform-apply") && l.text().endsWith("Creating...")) applying.countDown();
            });
            Pipeline pipeline = StandInTerraform.provisioning(tf, runDir, log, Map.of(), grace);
            CompletableFuture<Pipeline.Result> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return pipeline.run(cancellation);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(applying.await(10, TimeUnit.SECONDS)).as("apply started").isTrue();
            long cancelled = System.nanoTime();
            cancellation.cancel();
            Pipeline.Result result = run.get(10, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - cancelled);
            log.flush();
            return new CancelTiming(result, took, Files.readString(runDir.resolve("run.log")));
        }
    }

    static void assertNoFileContains(Path dir, String secret) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (f.getFileName().toString().equals("terraform")) continue;
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.UTF_8)).as(f.toString()).doesNotContain(secret);
            }
        }
    }
}
