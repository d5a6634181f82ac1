package dev.railyard.engine.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.engine.run.Cancellation;
import dev.railyard.engine.run.LogLine;
import dev.railyard.engine.run.ProcessResult;
import dev.railyard.engine.run.ProcessSpec;
import dev.railyard.engine.run.TerraformEvent;
import dev.railyard.engine.run.TerraformJsonParser;
import dev.railyard.testsupport.TestClocks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated Terraform speaks Terraform 1.11.4's machine-readable UI, for the exported files' own resources. */
class SimulatedTerraformTest {

    @TempDir
    Path data;

    @Test
    void planAndApplySpeakTerraform1_11sMachineReadableUiForTheExportedResourcesAndApplyCreatesTheServersWithTheirHostKeys() throws Exception {
        TestClocks.Stepping clock = TestClocks.stepping(Duration.ofMillis(250));
        try (DemoSession demo = DemoSession.create(data, "hetzner-small", new Pace(50, clock, clock::advance), false)) {
            SimulatedCloud cloud = new SimulatedCloud();
            SimulatedTerraform tf = new SimulatedTerraform(demo.plan(), demo.world().pace(), cloud);
            Path dir = demo.folder().resolve("generated/terraform");
            List<String> plan = new ArrayList<>();
            ProcessResult planned = tf.run(new ProcessSpec(List.of("simulated-terraform", "plan", "-json"), dir, Map.of()),
                    (stream, line) -> plan.add(line), new Cancellation());
            assertThat(planned.exitCode()).as("-detailed-exitcode: changes").isEqualTo(2);
            TerraformJsonParser parser = new TerraformJsonParser();
            TerraformEvent version = parser.parse(plan.get(0));
            assertThat(version.version().ui()).isEqualTo("1.2");
            assertThat(version.version().version()).isEqualTo("1.11.4");
            List<TerraformEvent> changes = plan.stream().map(parser::parse).filter(e -> e.type().equals("planned_change")).toList();
            assertThat(changes).extracting(TerraformEvent::resourceAddress)
                    .contains("hcloud_network.cluster", "hcloud_server.manager[0]", "hcloud_server.node[0]", "hcloud_primary_ip.manager[0]")
                    .doesNotContain("hcloud_server.manager[1]");
            assertThat(changes).extracting(TerraformEvent::action).containsOnly("create");
            TerraformEvent summary = parser.parse(plan.get(plan.size() - 1));
            assertThat(summary.message()).isEqualTo("Plan: " + changes.size() + " to add, 0 to change, 0 to destroy.");
            assertThat(summary.changes().operation()).isEqualTo("plan");

            String keys = "{\"acme-gitpod-manager-1\":{\"public\":\"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAm1 m\"},"
                    + "\"acme-gitpod-node-1\":{\"public\":\"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAn1 n\"}}";
            List<String> apply = new ArrayList<>();
            ProcessResult applied = tf.run(new ProcessSpec(List.of("simulated-terraform", "apply", "-json"), dir,
                    Map.of("TF_VAR_ssh_host_keys", keys)), (stream, line) -> {
                        assertThat(stream).isEqualTo(LogLine.Kind.OUT);
                        apply.add(line);
                    }, new Cancellation());
            assertThat(applied.succeeded()).isTrue();
            List<String> messages = apply.stream().map(parser::parse).map(TerraformEvent::message).toList();
            assertThat(messages).contains("hcloud_server.manager[0]: Creating...", "hcloud_server.manager[0]: Still creating... [10s elapsed]",
                    "Apply complete! Resources: " + changes.size() + " added, 0 changed, 0 destroyed.");
            assertThat(messages).anySatisfy(m -> assertThat(m).matches("hcloud_server\\.node\\[0\\]: Creation complete after 38s \\[id=\\d+\\]"));
            assertThat(cloud.servers()).extracting(SimulatedServer::name).containsExactly("acme-gitpod-manager-1", "acme-gitpod-node-1");
            assertThat(cloud.servers().get(1).hostKeyLine()).isEqualTo("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAn1 n");
            assertThat(cloud.servers()).allSatisfy(s -> assertThat(s.address()).startsWith("203.0.113."));
        }
    }
}
