package dev.railyard.engine.run;

import dev.railyard.testsupport.TestClocks;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ResumeAfterKillTest {

    @TempDir
    Path root;

    @Test
    void resumesAtTheStepThatWasRunningWhenTheRunnerWasKilledWithSigkill() throws Exception {
        StandInTerraform tf = StandInTerraform.install(root, "FAKE_TF_DELAY=30\n");
        Path state = root.resolve("run").resolve(RunStateStore.FILE_NAME);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PipelineChildMain.class.getName(), root.toString())
                .redirectErrorStream(true).redirectOutput(root.resolve("child.out").toFile()).start();
        List<ProcessHandle> tree = new ArrayList<>();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!tf.calls().contains("apply -json -input=false -auto-approve -no-color")) {
                assertThat(System.nanoTime()).as("child reached apply; its output: %s", Files.readString(root.resolve("child.out")))
                        .isLessThan(deadline);
                assertThat(child.isAlive()).as("child still running").isTrue();
                Thread.sleep(50);
            }
            child.descendants().forEach(tree::add);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally blocks in the child
            child.waitFor(5, TimeUnit.SECONDS);
            tree.forEach(ProcessHandle::destroyForcibly); // the orphaned stand-in, as a reboot would
        }

        JsonNode killed = new ObjectMapper().readTree(state.toFile());
        assertThat(killed.path("steps").findValuesAsText("state")).containsExactly("done", "done", "running");

        tf.settings("FAKE_TF_DELAY=0\n");
        Pipeline.Result result;
        try (RunLog log = new RunLog(root.resolve("run"), new Redactor(), TestClocks.ticking())) {
            result = StandInTerraform.provisioning(tf, root.resolve("run"), log, Map.of(), Duration.ofSeconds(1))
                    .run(new Cancellation());
        }

        assertThat(result.outcome()).isEqualTo(Pipeline.Outcome.SUCCEEDED);
        assertThat(tf.calls()).containsExactly("init -input=false -no-color",
                "plan -json -input=false -detailed-exitcode -no-color",
                "apply -json -input=false -auto-approve -no-color",
                "apply -json -input=false -auto-approve -no-color");
        String runLog = Files.readString(root.resolve("run/run.log"));
        assertThat(runLog).contains("[terraform-init] already done; not running it again")
                .contains("[terraform-apply] WARN was running when Railyard stopped; running it again");
        JsonNode resumed = new ObjectMapper().readTree(state.toFile());
        assertThat(resumed.path("steps").findValuesAsText("state")).containsExactly("done", "done", "done");
        assertThat(Duration.ofMillis(resumed.path("steps").get(2).path("durationMillis").asLong())).isLessThan(Duration.ofSeconds(10));
    }
}
