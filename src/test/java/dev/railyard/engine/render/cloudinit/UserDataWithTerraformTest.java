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
 * Where a real terraform is installed (it cannot be downloaded on the build machines, so this is skipped
 * without one): its own templatefile(), jsonencode() and base64gzip() fill the large preset's cloud-init
 * and autoscaler manifest, in a configuration without providers, under {@code unshare -n} (no network);
 * the manager's user data must stay under Hetzner's 32 KiB and pass {@code cloud-init schema}.
 * {@link UserDataSizeTest} checks the same sizes on every machine by filling the templates in Java.
 */
class UserDataWithTerraformTest {

    @TempDir
    Path dir;

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
        Assumptions.assumeTrue(terraform.isPresent(), "no terraform on the PATH (it cannot be downloaded here)");
        ClusterPlan plan = Examples.load(new PlanFormat(), "hetzner-large-autoscale");
        for (GeneratedFile f : PlanRenderer.standard().render(RenderInput.withoutSecrets(plan, Catalog.bundled()))) {
            if (f.path().startsWith("cloud-init/") || f.path().equals("terraform/cluster-autoscaler.yaml.tftpl")) {
                Files.createDirectories(dir.resolve(f.path()).getParent());
                Files.writeString(dir.resolve(f.path()), f.content());
            }
        }
        // the same shapes main.tf passes, with values of realistic size; no provider, so nothing to download
        Files.writeString(dir.resolve("terraform/user-data.tf"), """
                locals {
                  key_private = "-----BEGIN OPENSSH PRIVATE KEY-----\\n${join("\\n", [for i in range(5) : "AAAAC3NzaC1lZDI1NTE5AAAAIOb8N0bJ5D7f3n1q2w3e4r5t6y7u8i9o0pAAAAIOb8N0bJ5D7f3n1q"])}\\n-----END OPENSSH PRIVATE KEY-----\\n"
                  key_public  = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOb8N0bJ5D7f3n1q2w3e4r5t6y7u8i9o0p1a2s3d4f5g6h7 pool"
                  k3s_config  = yamlencode({ token = "${join("", [for i in range(40) : "K10"])}::server:ffffffffffffffffffffffffffffffff", server = "https://10.0.1.100:6443", "tls-san" = ["203.0.113.10", "203.0.113.11", "203.0.113.12", "10.0.1.100"] })
                  pool = templatefile("${path.module}/../cloud-init/node.yaml", { k3s_config = local.k3s_config, host_key_private = local.key_private, host_key_public = local.key_public })
                  config = {
                    imagesForArch = { amd64 = "ubuntu-22.04", arm64 = "ubuntu-22.04" }
                    nodeConfigs = { "big-gitpod-pool" = { cloudInit = local.pool, labels = { "hcloud/node-group" = "big-gitpod-pool", "gitpod.io/workload_meta" = "true", "gitpod.io/workload_ide" = "true", "gitpod.io/workload_workspace_services" = "true", "gitpod.io/workload_workspace_regular" = "true", "gitpod.io/workload_workspace_headless" = "true" }, taints = [] } }
                  }
                  manifest = templatefile("${path.module}/cluster-autoscaler.yaml.tftpl", { hcloud_token = join("", [for i in range(64) : "h"]), cluster_config = jsonencode(local.config), network = "big-gitpod-network", firewall = "big-gitpod-firewall", ssh_key = "big-gitpod-admin" })
                }
                output "manager" {
                  value = templatefile("${path.module}/../cloud-init/manager.yaml", { k3s_config = local.k3s_config, autoscaler_manifest = local.manifest, host_key_private = local.key_private, host_key_public = local.key_public })
                }
                output "node" {
                  value = local.pool
                }
                """);
        Path work = dir.resolve("terraform");
        for (List<String> command : List.of(List.of("init", "-input=false", "-no-color"), List.of("apply", "-auto-approve", "-input=false", "-no-color"))) {
            ExternalTools.Result r = tf(terraform.get(), work, command);
            assertThat(r.exitCode()).as("terraform %s:%n%s", command, r.both()).isZero();
        }
        ExternalTools.Result out = tf(terraform.get(), work, List.of("output", "-json"));
        assertThat(out.exitCode()).as(out.both()).isZero();
        JsonNode outputs = new ObjectMapper().readTree(out.stdout());
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
