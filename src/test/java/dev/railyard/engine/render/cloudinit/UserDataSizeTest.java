package dev.railyard.engine.render.cloudinit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.RenderInput;
import dev.railyard.engine.render.terraform.TerraformRenderer;
import dev.railyard.engine.ssh.HostKeys;
import dev.railyard.testsupport.TerraformTemplates;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hetzner refuses a server whose user data is over 32 KiB, and only at apply time. The cloud-init
 * files on disk are templates; this builds what Terraform sends, the way main.tf's templatefile()
 * calls fill them (realistic token, k3s settings and host key sizes; for preset large the
 * autoscaler manifest with the node pool's whole cloud-init inside), and checks every server's.
 */
class UserDataSizeTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"hetzner-small", "hetzner-medium", "hetzner-large-autoscale", "hetzner-large-autoscale+upload"})
    void everyServersUserDataAsTerraformFillsItInStaysUnderHetznersLimit(String example) throws Exception {
        ClusterPlan plan = CloudInitRendererTest.example(example);
        Map<String, String> cloudInit = CloudInitRendererTest.render(plan);
        HostKeys key = HostKeys.generateEd25519(plan.name() + "-manager-1");
        // yamlencode() of what main.tf's k3s_config holds: token, join address, tls-san
        String k3sConfig = "\"cluster-init\": true\n\"server\": \"https://10.0.1.100:6443\"\n\"tls-san\":\n- \"203.0.113.10\"\n"
                + "- \"203.0.113.11\"\n- \"203.0.113.12\"\n- \"10.0.1.100\"\n\"token\": \"" + "K10".repeat(40) + "::server:" + "f".repeat(32) + "\"\n";
        Map<String, String> common = Map.of("k3s_config", k3sConfig, "host_key_private", key.privateKeyPem(),
                "host_key_public", key.publicKeyLine());

        String node = TerraformTemplates.userData(cloudInit.get("cloud-init/node.yaml"), common);
        Map<String, String> managerValues = new LinkedHashMap<>(common);
        managerValues.put("autoscaler_manifest", plan.spec().size().isLarge() ? autoscalerManifest(plan, node) : "");
        String manager = TerraformTemplates.userData(cloudInit.get("cloud-init/manager.yaml"), managerValues);

        for (var userData : Map.of("manager", manager, "node", node).entrySet()) {
            int bytes = userData.getValue().getBytes(StandardCharsets.UTF_8).length;
            System.out.printf("%s: %s user data %,d bytes (%,d left of %,d)%n", example, userData.getKey(), bytes,
                    CloudInitRenderer.USER_DATA_LIMIT_BYTES - bytes, CloudInitRenderer.USER_DATA_LIMIT_BYTES);
            assertThat(bytes).as("%s user data of %s", userData.getKey(), example).isLessThan(CloudInitRenderer.USER_DATA_LIMIT_BYTES);
        }
    }

    /** The mirror above is only worth something if main.tf strips exactly these lines, and from every cloud-init it sends. */
    @ParameterizedTest
    @ValueSource(strings = {"hetzner-small", "hetzner-large-autoscale", "azure-small"})
    void mainTfSendsEveryCloudInitWithoutTheCommentLinesTheTestsLeaveOut(String example) {
        ClusterPlan plan = CloudInitRendererTest.example(example);
        String mainTf = new TerraformRenderer().render(RenderInput.withoutSecrets(plan, Catalog.bundled())).stream()
                .filter(f -> f.path().equals("terraform/main.tf")).map(GeneratedFile::content).findFirst().orElseThrow();
        String hclString = TerraformTemplates.COMMENT_LINES.replace("\t", "\\t").replace("\n", "\\n");
        assertThat(mainTf).contains("user_data_comment_lines = \"/" + hclString + "/\"");
        int cloudInits = mainTf.split("templatefile\\(\"\\$\\{path.module}/../cloud-init/", -1).length - 1;
        int stripped = mainTf.split("replace\\(templatefile\\(\"\\$\\{path.module}/../cloud-init/", -1).length - 1;
        assertThat(cloudInits).as("cloud-init files main.tf fills").isPositive();
        assertThat(stripped).as("of them sent through replace(..., local.user_data_comment_lines, \"\")").isEqualTo(cloudInits);
        assertThat(mainTf.split("local.user_data_comment_lines, \"\"\\)", -1).length - 1).isEqualTo(cloudInits);
    }

    @org.junit.jupiter.api.Test
    void leavingOutCommentLinesKeepsTheHeaderShebangsAndEveryFileAndCloudInitStillAcceptsIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        ClusterPlan plan = CloudInitRendererTest.example("hetzner-large-autoscale");
        Map<String, String> cloudInit = CloudInitRendererTest.render(plan);
        HostKeys key = HostKeys.generateEd25519("pool");
        Map<String, String> values = Map.of("k3s_config", "\"token\": \"t\"\n", "host_key_private", key.privateKeyPem(),
                "host_key_public", key.publicKeyLine(), "autoscaler_manifest", "");
        for (String path : List.of("cloud-init/manager.yaml", "cloud-init/node.yaml")) {
            String full = fill(cloudInit.get(path), values);
            String sent = TerraformTemplates.userData(cloudInit.get(path), values);
            assertThat(sent).as(path).startsWith("#cloud-config\n").doesNotContainPattern("(?m)^\\s*# ");
            assertThat(sent.lines().filter(l -> l.strip().startsWith("#!")).count()).as(path + " shebangs")
                    .isEqualTo(full.lines().filter(l -> l.strip().startsWith("#!")).count()).isPositive();
            assertThat(sent.length()).as(path).isLessThan(full.length() * 3 / 4);
            var yaml = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
            var fullFiles = yaml.readTree(full).path("write_files");
            var sentFiles = yaml.readTree(sent).path("write_files");
            assertThat(sentFiles.size()).as(path + " write_files").isEqualTo(fullFiles.size()).isPositive();
            for (int i = 0; i < fullFiles.size(); i++) {
                String expected = TerraformTemplates.withoutCommentLines(fullFiles.get(i).path("content").asText());
                assertThat(sentFiles.get(i).path("path").asText()).isEqualTo(fullFiles.get(i).path("path").asText());
                assertThat(sentFiles.get(i).path("content").asText()).as(fullFiles.get(i).path("path").asText()).isEqualTo(expected);
            }
            java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve(path.replace('/', '-')), sent);
            dev.railyard.testsupport.ExternalTools.Result schema = dev.railyard.testsupport.ExternalTools.cloudInitSchema(file);
            assertThat(schema.exitCode()).as(schema.both()).isZero();
        }
    }

    /** cluster-autoscaler.yaml.tftpl filled in as main.tf does, with the pool's cloud-init in its JSON config. */
    private static String autoscalerManifest(ClusterPlan plan, String poolUserData) throws Exception {
        String tftpl = new TerraformRenderer().render(RenderInput.withoutSecrets(plan, Catalog.bundled())).stream()
                .filter(f -> f.path().equals("terraform/cluster-autoscaler.yaml.tftpl")).map(GeneratedFile::content).findFirst().orElseThrow();
        Map<String, Object> pool = new LinkedHashMap<>();
        pool.put("cloudInit", poolUserData);
        pool.put("labels", Map.of("gitpod.io/workload_meta", "true", "gitpod.io/workload_ide", "true", "gitpod.io/workload_workspace_services", "true",
                "gitpod.io/workload_workspace_regular", "true", "gitpod.io/workload_workspace_headless", "true",
                "hcloud/node-group", plan.name() + "-pool"));
        pool.put("taints", List.of());
        String clusterConfig = JSON.writeValueAsString(Map.of("imagesForArch", Map.of("amd64", "ubuntu-22.04", "arm64", "ubuntu-22.04"),
                "nodeConfigs", Map.of(plan.name() + "-pool", pool)));
        return fill(tftpl, Map.of("hcloud_token", "h".repeat(64), "cluster_config", clusterConfig, "network", plan.name() + "-network",
                "firewall", plan.name() + "-firewall", "ssh_key", plan.name() + "-admin"));
    }

    /** The filling {@link dev.railyard.testsupport.TerraformTemplates} does; the boot tests boot the same text. */
    private static String fill(String template, Map<String, String> values) {
        return dev.railyard.testsupport.TerraformTemplates.fill(template, values);
    }
}
