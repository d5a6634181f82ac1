package dev.railyard.engine.render.cloudinit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.PlanRenderer;
import dev.railyard.engine.render.RenderInput;
import dev.railyard.testsupport.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a real terraform is installed (it is not a Debian package, so dev/test.sh does not install it;
 * without one this test is aborted with {@link #NOT_RUN}, printed in the build output): its own
 * templatefile(), jsonencode() and base64gzip() fill the large preset's cloud-init, its replace() with main.tf's
 * own {@code user_data_comment_lines} leaves out the comment lines (as the tests' Java mirror does)
 * and autoscaler manifest, in a configuration without providers, under {@code unshare -n} (no network);
 * the manager's user data must stay under Hetzner's 32 KiB and pass {@code cloud-init schema}.
 * {@link UserDataSizeTest} checks the same sizes on every machine by filling the templates in Java.
 */
class UserDataWithTerraformTest {

    @TempDir
    Path dir;

    static final String NOT_RUN = "no terraform on the PATH, so Terraform's own templatefile() was not checked; install Terraform"
            + " (https://developer.hashicorp.com/terraform/install; on Debian from HashiCorp's apt repository) and run again";

    static Optional<Path> terraform() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path t = Path.of(d, "terraform");
            if (!d.isEmpty() && Files.isExecutable(t)) return Optional.of(t);
        }
        return Optional.empty();
    }

    @Test
    void realTerraformFillsTheLargePresetsManagerUserDataUnderHetznersLimitAndCloudInitAcceptsIt() throws Exception {
        Optional<Path> terraform = terraform();
        if (terraform.isEmpty()) {
            // said in the build output, not only in the report: a test that did not run is never silent
            String why = NOT_RUN + " (UserDataSizeTest checks the same sizes in Java on every machine)";
            System.err.println("[NOT RUN] " + UserDataWithTerraformTest.class.getSimpleName() + ": " + why);
            Assumptions.abort(why);
        }
        ClusterPlan plan = Examples.load(new PlanFormat(), "hetzner-large-autoscale");
        String commentLines = null;
        for (GeneratedFile f : PlanRenderer.standard().render(RenderInput.withoutSecrets(plan, Catalog.bundled()))) {
            if (f.path().startsWith("cloud-init/") || f.path().equals("terraform/cluster-autoscaler.yaml.tftpl")) {
                Files.createDirectories(dir.resolve(f.path()).getParent());
                Files.writeString(dir.resolve(f.path()), f.content());
            }
            if (f.path().equals("terraform/main.tf")) {
                var m = java.util.regex.Pattern.compile("(?m)^\\s*user_data_comment_lines = (\".*\")$").matcher(f.content());
                assertThat(m.find()).as("main.tf's user_data_comment_lines").isTrue();
                commentLines = m.group(1);
            }
        }
        // the same shapes main.tf passes, with values of realistic size; no provider, so nothing to download
        Files.writeString(dir.resolve("terraform/user-data.tf"), """
                locals {
                  comment_lines = %s
                  key_private = "-----BEGIN OPENSSH PRIVATE KEY-----\\n${join("\\n", [for i in range(5) : "AAAAC3NzaC1lZDI1NTE5AAAAIOb8N0bJ5D7f3n1q2w3e4r5t6y7u8i9o0pAAAAIOb8N0bJ5D7f3n1q"])}\\n-----END OPENSSH PRIVATE KEY-----\\n"
                  key_public  = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOb8N0bJ5D7f3n1q2w3e4r5t6y7u8i9o0p1a2s3d4f5g6h7 pool"
                  k3s_config  = yamlencode({ token = "${join("", [for i in range(40) : "K10"])}::server:ffffffffffffffffffffffffffffffff", server = "https://10.0.1.100:6443", "tls-san" = ["203.0.113.10", "203.0.113.11", "203.0.113.12", "10.0.1.100"] })
                  pool_full = templatefile("${path.module}/../cloud-init/node.yaml", { k3s_config = local.k3s_config, host_key_private = local.key_private, host_key_public = local.key_public })
                  pool = replace(local.pool_full, local.comment_lines, "")
                  config = {
                    imagesForArch = { amd64 = "ubuntu-22.04", arm64 = "ubuntu-22.04" }
                    nodeConfigs = { "big-gitpod-pool" = { cloudInit = local.pool, labels = { "hcloud/node-group" = "big-gitpod-pool", "gitpod.io/workload_meta" = "true", "gitpod.io/workload_ide" = "true", "gitpod.io/workload_workspace_services" = "true", "gitpod.io/workload_workspace_regular" = "true", "gitpod.io/workload_workspace_headless" = "true" }, taints = [] } }
                  }
                  manifest = templatefile("${path.module}/cluster-autoscaler.yaml.tftpl", { hcloud_token = join("", [for i in range(64) : "h"]), cluster_config = jsonencode(local.config), network = "big-gitpod-network", firewall = "big-gitpod-firewall", ssh_key = "big-gitpod-admin" })
                }
                output "manager" {
                  value = replace(templatefile("${path.module}/../cloud-init/manager.yaml", { k3s_config = local.k3s_config, autoscaler_manifest = local.manifest, host_key_private = local.key_private, host_key_public = local.key_public }), local.comment_lines, "")
                }
                output "node" {
                  value = local.pool
                }
                output "node_with_comments" {
                  value = local.pool_full
                }
                """.formatted(commentLines));
        Path work = dir.resolve("terraform");
        for (List<String> command : List.of(List.of("init", "-input=false", "-no-color"), List.of("apply", "-auto-approve", "-input=false", "-no-color"))) {
            ExternalTools.Result r = tf(terraform.get(), work, command);
            assertThat(r.exitCode()).as("terraform %s:%n%s", command, r.both()).isZero();
        }
        ExternalTools.Result out = tf(terraform.get(), work, List.of("output", "-json"));
        assertThat(out.exitCode()).as(out.both()).isZero();
        JsonNode outputs = new ObjectMapper().readTree(out.stdout());
        // Terraform's RE2 and the tests' java.util.regex leave out the same lines (the boot tests boot the Java side's)
        assertThat(outputs.path("node").path("value").asText())
                .isEqualTo(dev.railyard.testsupport.TerraformTemplates.withoutCommentLines(outputs.path("node_with_comments").path("value").asText()));
        for (String server : List.of("manager", "node")) {
            String userData = outputs.path(server).path("value").asText();
            int bytes = userData.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            System.out.printf("terraform %s: %s user data %,d bytes of %,d%n", terraform.get(), server, bytes, CloudInitRenderer.USER_DATA_LIMIT_BYTES);
            assertThat(bytes).as(server).isLessThan(CloudInitRenderer.USER_DATA_LIMIT_BYTES);
            Path file = Files.writeString(dir.resolve(server + "-user-data.yaml"), userData);
            ExternalTools.Result schema = ExternalTools.cloudInitSchema(file);
            assertThat(schema.exitCode()).as(schema.both()).isZero();
        }
    }

    private static ExternalTools.Result tf(Path terraform, Path work, List<String> args) {
        List<String> command = new java.util.ArrayList<>(List.of("env", "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1",
                "TF_CLI_CONFIG_FILE=/dev/null", "unshare", "-n", terraform.toString(), "-chdir=" + work));
        command.addAll(args);
        return ExternalTools.run(command, 120);
    }
}
