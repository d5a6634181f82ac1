package dev.railyard.engine.render.terraform;

import static dev.railyard.engine.render.terraform.RenderedTerraform.strings;
import static dev.railyard.engine.render.terraform.TerraformExpressions.onlyTemplatefileCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.engine.render.terraform.TerraformExpressions.TemplatefileCall;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HetznerAutoscalerTerraformTest {

    @TempDir
    Path tmp;

    /** Each example is rendered and parsed once per class: the parser is a node process and takes seconds. */
    private final Map<String, RenderedTerraform> rendered = new HashMap<>();

    private RenderedTerraform render(String example) {
        return rendered.computeIfAbsent(example, e -> RenderedTerraform.of(HetznerTerraformTest.example(e), tmp.resolve(e)));
    }

    /**
     * cluster-autoscaler 1.33 (hetzner_servers_cache.go getServersByNodeGroupName, hetzner_cloud_provider.go
     * NodeGroupForNode) counts every server labelled hcloud/node-group=POOL as its own and may delete it on
     * scale-down. Terraform's autoscale.min fixed nodes therefore carry neither that server label nor the k3s node
     * label: the pool is the autoscaler's alone, from 0 to max - min servers.
     */
    @Test
    void clusterAutoscalerOwnsEveryServerWithTheNodeGroupLabelSoTerraformsNodesDoNotCarryIt() {
        RenderedTerraform tf = render("hetzner-large-autoscale");

        assertThat(tf.local("node_count").asInt()).isEqualTo(2);
        assertThat(tf.local("node_pool").asText()).isEqualTo("big-gitpod-pool");
        assertThat(tf.resource("hcloud_server", "node").path("labels").asText()).isEqualTo("${local.node_labels}");
        assertThat(tf.local("node_labels").asText()).contains("local.labels", "\"railyard.dev/role\" = \"node\"")
                .doesNotContain("node-group");
        assertThat(tf.local("node_k3s_config").asText()).doesNotContain("node-group", "node-label");
        // only the servers the autoscaler creates boot with the pool's label
        assertThat(tf.local("pool_k3s_config").asText()).contains("\"node-label+\" = [\"hcloud/node-group=${local.node_pool}\"]");
        assertThat(tf.local("pool_user_data").asText()).contains("k3s_config       = local.pool_k3s_config");
        JsonNode group = TerraformExpressions.yaml(TerraformExpressions.document(
                TerraformExpressions.yamlDocuments(tf.text("terraform/cluster-autoscaler.yaml.tftpl")), "HelmChart")
                .path("spec").path("valuesContent").asText()).path("autoscalingGroups").get(0);
        assertThat(group.path("minSize").asInt()).isZero();
        assertThat(group.path("maxSize").asInt()).as("autoscale.max 20 - Terraform's 2 fixed nodes").isEqualTo(18);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hetzner-small", "hetzner-medium"})
    void withoutPresetLargeThereIsNoAutoscaler(String example) {
        RenderedTerraform tf = render(example);

        assertThat(tf.file("terraform/cluster-autoscaler.yaml.tftpl")).isEmpty();
        assertThat(tf.local("autoscaler_manifest").asText()).isEmpty();
    }

    @Test
    void largeInstallsClusterAutoscalerAsAPinnedHelmChartWithTheHetznerProvider() {
        RenderedTerraform tf = render("hetzner-large-autoscale");
        String tftpl = tf.text("terraform/cluster-autoscaler.yaml.tftpl");

        TemplatefileCall call = onlyTemplatefileCall(tf.local("autoscaler_manifest"));
        assertThat(call.path()).isEqualTo("${path.module}/cluster-autoscaler.yaml.tftpl");
        assertThat(TerraformExpressions.placeholders(tftpl)).as("the template uses exactly what main.tf passes")
                .containsExactlyInAnyOrderElementsOf(call.variables());

        List<JsonNode> docs = TerraformExpressions.yamlDocuments(tftpl);
        JsonNode secret = TerraformExpressions.document(docs, "Secret");
        assertThat(secret.path("metadata").path("name").asText()).isEqualTo("hcloud");
        assertThat(secret.path("metadata").path("namespace").asText()).isEqualTo("kube-system");
        assertThat(secret.path("stringData").path("token").asText()).isEqualTo("tf:hcloud_token");
        assertThat(secret.path("stringData").path("cluster-config").isMissingNode()).as("the token's Secret holds only the token").isTrue();
        JsonNode config = docs.stream().filter(d -> d.path("metadata").path("name").asText().equals("hcloud-cluster-config"))
                .findFirst().orElseThrow();
        assertThat(config.path("metadata").path("namespace").asText()).isEqualTo("kube-system");
        assertThat(config.path("stringData").path("cluster-config").asText()).isEqualTo("tf:cluster_config");

        JsonNode chart = TerraformExpressions.document(docs, "HelmChart");
        assertThat(chart.path("apiVersion").asText()).isEqualTo("helm.cattle.io/v1");
        assertThat(chart.path("metadata").path("namespace").asText()).isEqualTo("kube-system");
        assertThat(chart.path("spec").path("repo").asText()).isEqualTo("https://kubernetes.github.io/autoscaler");
        assertThat(chart.path("spec").path("chart").asText()).isEqualTo("cluster-autoscaler");
        assertThat(chart.path("spec").path("version").asText()).isEqualTo(ClusterAutoscalerRelease.CHART_VERSION);

        JsonNode values = TerraformExpressions.yaml(chart.path("spec").path("valuesContent").asText());
        assertThat(values.path("cloudProvider").asText()).isEqualTo("hetzner");
        assertThat(values.path("image").path("tag").asText()).as("k3s v1.30 -> autoscaler 1.30").startsWith("v1.30.");
        JsonNode group = values.path("autoscalingGroups").get(0);
        assertThat(values.path("autoscalingGroups")).hasSize(1);
        assertThat(group.path("name").asText()).isEqualTo("big-gitpod-pool");
        assertThat(group.path("minSize").asInt()).isZero();
        assertThat(group.path("maxSize").asInt()).isEqualTo(18);
        assertThat(group.path("instanceType").asText()).isEqualTo("cx53");
        assertThat(group.path("region").asText()).isEqualTo("hel1");
        assertThat(values.path("extraEnvSecrets").path("HCLOUD_TOKEN").path("name").asText()).isEqualTo("hcloud");
        assertThat(values.path("extraEnvSecrets").path("HCLOUD_TOKEN").path("key").asText()).isEqualTo("token");
        assertThat(values.path("extraEnvSecrets").path("HCLOUD_CLUSTER_CONFIG").isMissingNode()).isTrue();
        // plain JSON from a file (cluster-autoscaler 1.33+): the Secret mounted as a folder, one file per key
        assertThat(values.path("extraVolumeSecrets").path("hcloud-cluster-config").path("name").asText()).isEqualTo("hcloud-cluster-config");
        assertThat(values.path("extraVolumeSecrets").path("hcloud-cluster-config").path("mountPath").asText()).isEqualTo("/config");
        assertThat(values.path("extraEnv").path("HCLOUD_CLUSTER_CONFIG_FILE").asText()).isEqualTo("/config/cluster-config");
        JsonNode env = values.path("extraEnv");
        assertThat(env.path("HCLOUD_NETWORK").asText()).isEqualTo("tf:network");
        assertThat(env.path("HCLOUD_FIREWALL").asText()).isEqualTo("tf:firewall");
        assertThat(env.path("HCLOUD_SSH_KEY").asText()).isEqualTo("tf:ssh_key");
        assertThat(env.path("HCLOUD_PUBLIC_IPV4").asText()).isEqualTo("true");
        assertThat(chart.path("spec").path("valuesContent").asText()).as("no secret in the chart's values")
                .doesNotContain("tf:hcloud_token").doesNotContain("tf:cluster_config");
    }

    @Test
    void autoscaledNodesBootFromTheNodeCloudInitWithAllGitpodWorkloadLabels() {
        RenderedTerraform tf = render("hetzner-large-autoscale");

        JsonNode config = tf.local("autoscaler_cluster_config");
        JsonNode pool = config.path("nodeConfigs").path("${(local.node_pool)}");
        assertThat(pool.path("cloudInit").asText()).isEqualTo("${local.pool_user_data}");
        // the servers the autoscaler adds share one host key; Railyard never connects to them over SSH
        assertThat(tf.local("pool_host_key").asText()).isEqualTo("${var.ssh_host_keys[\"${local.cluster_name}-pool\"]}");
        TemplatefileCall call = onlyTemplatefileCall(tf.local("pool_user_data"));
        assertThat(call.path()).isEqualTo("${path.module}/../cloud-init/node.yaml");
        assertThat(call.variables()).containsExactly("k3s_config", "host_key_private", "host_key_public");
        assertThat(tf.local("pool_user_data").asText()).contains("host_key_private = local.pool_host_key.private");
        assertThat(pool.path("labels").asText()).isEqualTo(
                "${merge({ for label in local.gitpod_node_labels : label => \"true\" }, { \"hcloud/node-group\" = local.node_pool })}");
        // Gitpod 2022.11.3's affinity.go labels, from the one list k3s's node-label uses too
        assertThat(strings(tf.local("gitpod_node_labels"))).containsExactly(
                "gitpod.io/workload_meta", "gitpod.io/workload_ide", "gitpod.io/workload_workspace_services",
                "gitpod.io/workload_workspace_regular", "gitpod.io/workload_workspace_headless");
        assertThat(config.path("imagesForArch").path("amd64").asText()).isEqualTo("${local.image}");
        assertThat(onlyTemplatefileCall(tf.local("autoscaler_manifest")).variables())
                .containsExactlyInAnyOrder("hcloud_token", "cluster_config", "network", "firewall", "ssh_key");
        assertThat(tf.local("autoscaler_manifest").asText())
                .contains("cluster_config = jsonencode(local.autoscaler_cluster_config)");
    }

    /**
     * Servers cluster-autoscaler 1.33 creates carry the single label hcloud/node-group (hetzner_node_group.go
     * createServer), so the ingress load balancer needs a target selecting that label besides its cluster selector.
     */
    @Test
    void autoscaledServersCarryOnlyTheNodeGroupLabelSoTheIngressHasATargetForIt() {
        RenderedTerraform tf = render("hetzner-large-autoscale");

        JsonNode pool = tf.resource("hcloud_load_balancer_target", "ingress_pool");
        assertThat(pool.path("type").asText()).isEqualTo("label_selector");
        assertThat(pool.path("load_balancer_id").asText()).isEqualTo("${hcloud_load_balancer.ingress.id}");
        assertThat(pool.path("label_selector").asText()).isEqualTo("hcloud/node-group=${local.node_pool}");
        assertThat(pool.path("use_private_ip").asBoolean()).isTrue();
        assertThat(render("hetzner-medium").hasResource("hcloud_load_balancer_target", "ingress_pool")).isFalse();
    }
}
