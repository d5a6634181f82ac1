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
        // a fresh export of the plan: provision refuses one that no longer matches it
        assertThat(run(new GenerateCommand(), plan.toString(), "-o", dir.resolve("generated").toString())).as(err.toString()).isZero();
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
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
                // what follows depends on this machine's secret store (none, a keychain or a locked vault): each says why
                .contains("[preflight] ERROR secret spec.provider.hetzner.tokenRef: ").contains("keychain:hcloud");
        assertThat(err.toString()).contains("preflight failed, nothing was created");
        Path state = dir.resolve(".railyard/runs/acme-gitpod/provision/state.json");
        var steps = new ObjectMapper().readTree(state.toFile()).path("steps");
        assertThat(steps.get(0).path("state").asText()).isEqualTo("failed");
        // then Gitpod's image check, then Terraform: neither ran
        assertThat(steps.get(1).path("name").asText()).isEqualTo("images");
        assertThat(steps.get(2).path("name").asText()).isEqualTo("terraform-init");
        assertThat(steps.get(1).path("state").asText()).isEqualTo("pending");
        assertThat(steps.get(2).path("state").asText()).isEqualTo("pending");
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
    void kubeconfigSaysToProvisionFirstWhenNothingWasFetched() throws Exception {
        Path plan = plan();
        assertThat(run(new KubeconfigCommand(), plan.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no kubeconfig for acme-gitpod yet").contains("railyard provision");
    }

    @Test
    void kubeconfigMergesTheFetchedOneIntoTheGivenFileKeepingABackup() throws Exception {
        Path plan = plan();
        Path fetched = dir.resolve(".railyard/runs/acme-gitpod/provision/kubeconfig");
        Files.createDirectories(fetched.getParent());
        Files.writeString(fetched, "apiVersion: v1\nkind: Config\nclusters:\n- name: acme-gitpod\n  cluster:\n    server: https://203.0.113.10:6443\n"
                + "users:\n- name: acme-gitpod\n  user:\n    token: t0ken\ncontexts:\n- name: acme-gitpod\n  context:\n    cluster: acme-gitpod\n"
                + "    user: acme-gitpod\ncurrent-context: acme-gitpod\n");
        Path mine = dir.resolve("my-config");
        Files.writeString(mine, "apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts:\n- name: work\n  context: {cluster: w, user: w}\n"
                + "current-context: work\n");

        assertThat(run(new KubeconfigCommand(), plan.toString())).isZero();
        assertThat(out.toString()).contains(fetched.toString()).contains("export KUBECONFIG=");

        assertThat(run(new KubeconfigCommand(), plan.toString(), "--merge", "--into", mine.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("added context acme-gitpod to " + mine).contains("kubectl config use-context acme-gitpod")
                .contains("my-config.railyard-backup");
        String merged = Files.readString(mine);
        assertThat(merged).contains("https://203.0.113.10:6443").contains("name: \"work\"").contains("current-context: \"work\"");
    }

    @Test
    void helpListsTheExitCodes() {
        run(new ProvisionCommand(), "--help");
        assertThat(out.toString()).contains("Exit codes:").containsPattern("3 +preflight failed").containsPattern("130 +cancelled");
    }
}
