package dev.railyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.engine.plan.Examples;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class RunCommandsTest {

    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    Path plan() throws Exception {
        Path plan = dir.resolve("railyard.yaml");
        Files.writeString(plan, Examples.text("hetzner-small"));
        Files.createDirectories(dir.resolve("generated/terraform"));
        return plan;
    }

    @Test
    void provisionExitsWith2OnAnInvalidPlan() throws Exception {
        Path plan = dir.resolve("railyard.yaml");
        Files.writeString(plan, "apiVersion: railyard.dev/v1\nkind: Cluster\nspec:\n  nonsense: 1\n");
        assertThat(run(new ProvisionCommand(), plan.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nonsense");
    }

    @Test
    void provisionExitsWith3WhenPreflightFailsAndNothingWasCreated() throws Exception {
        Path plan = plan();
        int code = run(new ProvisionCommand(), plan.toString(), "--terraform", dir.resolve("no-such-terraform").toString());

        assertThat(code).as(out + "\n" + err).isEqualTo(3);
        assertThat(out.toString()).contains("[preflight] ERROR the configured Terraform").contains("is not an executable file")
                .contains("[preflight] ERROR secret spec.provider.hetzner.tokenRef: no secret for keychain:hcloud");
        assertThat(err.toString()).contains("preflight failed, nothing was created");
        Path state = dir.resolve(".railyard/runs/acme-gitpod/provision/state.json");
        var steps = new ObjectMapper().readTree(state.toFile()).path("steps");
        assertThat(steps.get(0).path("state").asText()).isEqualTo("failed");
        assertThat(steps.get(1).path("name").asText()).isEqualTo("terraform-init");
        assertThat(steps.get(1).path("state").asText()).isEqualTo("pending");
    }

    @Test
    void destroyRefusesWhenTheTypedNameDoesNotMatch() throws Exception {
        Path plan = plan();
        assertThat(run(new DestroyCommand(), plan.toString(), "--confirm", "acme")).isEqualTo(1);
        assertThat(err.toString()).contains("not destroyed: 'acme' is not the cluster's name 'acme-gitpod'");
        assertThat(dir.resolve(".railyard/runs/acme-gitpod/destroy")).doesNotExist();
    }

    @Test
    void resumeSaysWhenThereIsNothingToResume() throws Exception {
        Path plan = plan();
        assertThat(run(new ResumeCommand(), plan.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("nothing to resume").contains("railyard provision");
    }

    @Test
    void helpListsTheExitCodes() {
        run(new ProvisionCommand(), "--help");
        assertThat(out.toString()).contains("Exit codes:").containsPattern("3 +preflight failed").containsPattern("130 +cancelled");
    }
}
