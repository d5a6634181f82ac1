package dev.railyard.engine.render.terraform;

import static dev.railyard.engine.render.terraform.RenderedTerraform.strings;
import static dev.railyard.engine.render.terraform.TerraformExpressions.onlyTemplatefileCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.Network;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.plan.Spec;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.terraform.TerraformExpressions.TemplatefileCall;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HetznerTerraformTest {

    private static final List<String> WORLD = List.of("0.0.0.0/0", "::/0");

    @TempDir
    Path tmp;

    static ClusterPlan example(String name) {
        return Examples.load(new PlanFormat(), name);
    }

    /** Each example is rendered and parsed once per class: the parser is a node process and takes seconds. */
    private final Map<String, RenderedTerraform> rendered = new HashMap<>();

    private RenderedTerraform render(String example) {
        return rendered.computeIfAbsent(example, e -> RenderedTerraform.of(example(e), tmp.resolve(e)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hetzner-small", "hetzner-medium", "hetzner-large-autoscale"})
    void rendersFourTerraformFilesThatHashiCorpsParserAccepts(String example) {
        RenderedTerraform tf = render(example);

        assertThat(tf.parsed).containsOnlyKeys("versions.tf", "variables.tf", "main.tf", "outputs.tf");
        assertThat(tf.files).allSatisfy(f -> assertThat(f.secret()).as(f.path() + " holds no secret").isFalse());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hetzner-small", "hetzner-medium", "hetzner-large-autoscale"})
    void firewallOpensOnly22And80And443ToTheWorldAndHostSshAndApiToAdminCidrs(String example) {
        RenderedTerraform tf = render(example);
        Network network = example(example).spec().network();

        Map<String, List<String>> sourcesByPort = new TreeMap<>();
        for (JsonNode rule : tf.resource("hcloud_firewall", "cluster").path("rule")) {
            assertThat(rule.path("direction").asText()).isEqualTo("in");
            assertThat(rule.path("protocol").asText()).isEqualTo("tcp");
            String port = tf.resolve(rule.path("port")).asText();
            assertThat(sourcesByPort).as("one rule per port").doesNotContainKey(port);
            sourcesByPort.put(port, strings(tf.resolve(rule.path("source_ips"))));
        }

        assertThat(sourcesByPort).containsOnlyKeys("22", "80", "443", network.sshPort().toString(), "6443");
        assertThat(sourcesByPort.get("22")).containsExactlyElementsOf(WORLD);
        assertThat(sourcesByPort.get("80")).containsExactlyElementsOf(WORLD);
        assertThat(sourcesByPort.get("443")).containsExactlyElementsOf(WORLD);
        assertThat(sourcesByPort.get(network.sshPort().toString())).containsExactlyElementsOf(network.adminCidrs());
        assertThat(sourcesByPort.get("6443")).containsExactlyElementsOf(network.adminCidrs());
        assertThat(tf.text("terraform/main.tf"))
                .as("private-only ports are explained, not opened")
                .contains("2379-2380/tcp", "10250/tcp", "8472/udp", "51820-51821/udp");
    }

    @Test
    void everyServerIsBehindTheFirewall() {
        RenderedTerraform tf = render("hetzner-medium");

        for (String name : List.of("manager", "node")) {
            assertThat(tf.resource("hcloud_server", name).path("firewall_ids").get(0).asText())
                    .isEqualTo("${hcloud_firewall.cluster.id}");
        }
    }

    @Test
    void pinsTerraformAndTheHcloudProvider() {
        RenderedTerraform tf = render("hetzner-small");

        JsonNode terraform = tf.parsed.get("versions.tf").path("terraform").get(0);
        assertThat(terraform.path("required_version").asText()).isEqualTo(">= 1.5.0");
        JsonNode providers = terraform.path("required_providers").get(0);
        assertThat(providers.fieldNames()).toIterable().containsExactly("hcloud");
        assertThat(providers.path("hcloud").path("source").asText()).isEqualTo("hetznercloud/hcloud");
        assertThat(providers.path("hcloud").path("version").asText()).isEqualTo("~> 1.68");
    }

    @Test
    void credentialsAreSensitiveVariablesWithoutDefaultsFedByTfVar() {
        RenderedTerraform tf = render("hetzner-small");

        assertThat(tf.variableNames()).containsExactlyInAnyOrder("hcloud_token", "k3s_token", "ssh_public_key_file");
        for (String secret : List.of("hcloud_token", "k3s_token")) {
            JsonNode v = tf.variable(secret);
            assertThat(v.path("sensitive").asBoolean()).as(secret + " sensitive").isTrue();
            assertThat(v.has("default")).as(secret + " has no default").isFalse();
            assertThat(v.path("description").asText()).contains("TF_VAR_" + secret);
        }
        JsonNode key = tf.variable("ssh_public_key_file");
        assertThat(key.path("default").asText()).isEqualTo("~/.ssh/id_ed25519.pub");
        assertThat(key.has("sensitive")).isFalse();
        assertThat(tf.resource("hcloud_ssh_key", "admin").path("public_key").asText())
                .isEqualTo("${file(pathexpand(var.ssh_public_key_file))}");
        assertThat(tf.main().path("provider").path("hcloud").get(0).path("token").asText()).isEqualTo("${var.hcloud_token}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hetzner-small", "hetzner-medium", "hetzner-large-autoscale"})
    void createsAsManyServersAsThePresetSays(String example) {
        RenderedTerraform tf = render(example);
        var size = example(example).spec().size();

        assertThat(tf.resolve(tf.resource("hcloud_server", "manager").path("count")).asInt()).isEqualTo(size.managers());
        assertThat(tf.resolve(tf.resource("hcloud_server", "node").path("count")).asInt()).isEqualTo(size.initialNodeCount());
        assertThat(tf.resolve(tf.resource("hcloud_primary_ip", "manager").path("count")).asInt()).isEqualTo(size.managers());
        assertThat(tf.resource("hcloud_server", "manager").path("placement_group_id").asText())
                .isEqualTo("${hcloud_placement_group.managers.id}");
        assertThat(tf.resource("hcloud_placement_group", "managers").path("type").asText()).isEqualTo("spread");
        assertThat(tf.resource("hcloud_server", "manager").path("image").asText()).isEqualTo("${local.image}");
        assertThat(tf.local("image").asText()).isEqualTo("ubuntu-22.04");
    }

    @Test
    void largeStartsThePoolAtItsMinimumWithTheNodeGroupLabel() {
        RenderedTerraform tf = render("hetzner-large-autoscale");

        assertThat(tf.local("node_count").asInt()).isEqualTo(2);
        assertThat(tf.local("node_pool").asText()).isEqualTo("big-gitpod-pool");
        assertThat(tf.resource("hcloud_server", "node").path("labels").asText()).isEqualTo("${local.node_labels}");
        assertThat(tf.local("node_labels").asText())
                .contains("local.labels", "\"railyard.dev/role\" = \"node\"", "\"hcloud/node-group\" = local.node_pool");
        assertThat(tf.local("node_k3s_config").asText()).contains("\"node-label+\" = [\"hcloud/node-group=${local.node_pool}\"]");
    }

    @Test
    void smallLabelsServersWithClusterAndRoleOnly() {
        RenderedTerraform tf = render("hetzner-small");

        assertThat(tf.local("labels").path("railyard.dev/cluster").asText()).isEqualTo("${local.cluster_name}");
        assertThat(tf.local("manager_labels").asText()).contains("\"railyard.dev/role\" = \"manager\"");
        assertThat(tf.local("node_labels").asText()).contains("\"railyard.dev/role\" = \"node\"").doesNotContain("node-group");
        assertThat(tf.local("node_k3s_config").asText()).doesNotContain("node-label");
    }

    @Test
    void firstOfThreeManagersInitialisesEtcdAndTheOthersJoinThroughTheApiLoadBalancer() {
        RenderedTerraform tf = render("hetzner-medium");

        List<String> configs = strings(tf.local("manager_k3s_config"));
        assertThat(configs).hasSize(3);
        assertThat(configs.get(0)).contains("\"cluster-init\" = true", "\"tls-san\" = local.tls_san").doesNotContain("server =");
        for (String joining : configs.subList(1, 3)) {
            assertThat(joining).contains("server = local.join_url", "\"tls-san\" = local.tls_san").doesNotContain("cluster-init");
        }
        assertThat(configs).allSatisfy(c -> assertThat(c).startsWith("${yamlencode(merge(local.k3s_common,"));
        assertThat(tf.local("k3s_common").asText()).isEqualTo("${merge({ token = var.k3s_token }, local.vpn_auth)}");
        assertThat(tf.local("join_url").asText()).isEqualTo("https://${local.api_lb_private_ip}:6443");
        assertThat(tf.local("tls_san").asText())
                .isEqualTo("${concat(hcloud_primary_ip.manager[*].ip_address, [local.api_lb_private_ip])}");
        assertThat(tf.local("node_k3s_config").asText()).contains("server = local.join_url").doesNotContain("cluster-init");
    }

    @Test
    void singleManagerStartsAloneAndNodesJoinItsPrivateAddress() {
        RenderedTerraform tf = render("hetzner-small");

        List<String> configs = strings(tf.local("manager_k3s_config"));
        assertThat(configs).hasSize(1);
        assertThat(configs.get(0)).contains("\"tls-san\" = local.tls_san").doesNotContain("cluster-init").doesNotContain("server");
        assertThat(tf.local("join_url").asText()).isEqualTo("https://${local.manager_private_ips[0]}:6443");
        assertThat(tf.local("tls_san").asText()).isEqualTo("${hcloud_primary_ip.manager[*].ip_address}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hetzner-small", "hetzner-large-autoscale"})
    void passesCloudInitThroughTemplatefileWithExactlyTheContractVariables(String example) {
        RenderedTerraform tf = render(example);

        TemplatefileCall manager = onlyTemplatefileCall(tf.local("manager_user_data"));
        assertThat(manager.path()).isEqualTo("${path.module}/../cloud-init/manager.yaml");
        assertThat(manager.variables()).containsExactly("k3s_config", "autoscaler_manifest");
        TemplatefileCall node = onlyTemplatefileCall(tf.local("node_user_data"));
        assertThat(node.path()).isEqualTo("${path.module}/../cloud-init/node.yaml");
        assertThat(node.variables()).containsExactly("k3s_config");

        assertThat(tf.resource("hcloud_server", "manager").path("user_data").asText())
                .isEqualTo("${local.manager_user_data[count.index]}");
        assertThat(tf.resource("hcloud_server", "node").path("user_data").asText()).isEqualTo("${local.node_user_data}");
        for (String server : List.of("manager", "node")) {
            assertThat(strings(tf.resource("hcloud_server", server).path("lifecycle").get(0).path("ignore_changes")))
                    .containsExactly("${user_data}", "${ssh_keys}");
        }
    }

    @Test
    void serversGetFixedPrivateAddressesInsideThePrivateCidr() {
        RenderedTerraform tf = render("hetzner-medium");

        assertThat(tf.resource("hcloud_network", "cluster").path("ip_range").asText()).isEqualTo("${local.private_cidr}");
        assertThat(tf.local("private_cidr").asText()).isEqualTo("10.0.0.0/16");
        assertThat(tf.resource("hcloud_network_subnet", "cluster").path("network_zone").asText()).isEqualTo("${local.network_zone}");
        assertThat(tf.local("network_zone").asText()).as("nbg1 is in eu-central (catalog)").isEqualTo("eu-central");
        assertThat(tf.local("manager_private_ips").asText()).contains("cidrhost(local.private_cidr, 10 + i)");
        assertThat(tf.local("node_private_ips").asText()).contains("cidrhost(local.private_cidr, 20 + i)");
        assertThat(tf.resource("hcloud_server", "manager").path("network").get(0).path("ip").asText())
                .isEqualTo("${local.manager_private_ips[count.index]}");
        assertThat(tf.resource("hcloud_server", "node").path("network").get(0).path("ip").asText())
                .isEqualTo("${local.node_private_ips[count.index]}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hetzner-small", "hetzner-medium"})
    void ingressLoadBalancerForwardsSsh80And443ToEveryHostOverThePrivateNetwork(String example) {
        RenderedTerraform tf = render(example);

        Set<Integer> ports = new TreeSet<>();
        for (String name : tf.resourceNames("hcloud_load_balancer_service")) {
            JsonNode service = tf.resource("hcloud_load_balancer_service", name);
            if (!service.path("load_balancer_id").asText().equals("${hcloud_load_balancer.ingress.id}")) continue;
            assertThat(service.path("protocol").asText()).isEqualTo("tcp");
            assertThat(service.path("destination_port").asInt()).isEqualTo(service.path("listen_port").asInt());
            ports.add(service.path("listen_port").asInt());
        }
        assertThat(ports).containsExactly(22, 80, 443);
        JsonNode target = tf.resource("hcloud_load_balancer_target", "ingress");
        assertThat(target.path("type").asText()).isEqualTo("label_selector");
        assertThat(target.path("label_selector").asText()).isEqualTo("railyard.dev/cluster=${local.cluster_name}");
        assertThat(target.path("use_private_ip").asBoolean()).isTrue();
        assertThat(tf.resource("hcloud_load_balancer", "ingress").path("load_balancer_type").asText()).isEqualTo("lb11");
        assertThat(tf.resource("hcloud_load_balancer_network", "ingress").path("ip").asText()).isEqualTo("${local.ingress_lb_private_ip}");
    }

    @Test
    void apiLoadBalancerExistsOnlyWithThreeManagersAndStaysPrivate() {
        assertThat(render("hetzner-small").hasResource("hcloud_load_balancer", "api")).isFalse();

        RenderedTerraform tf = render("hetzner-medium");
        assertThat(tf.hasResource("hcloud_load_balancer", "api")).isTrue();
        JsonNode attachment = tf.resource("hcloud_load_balancer_network", "api");
        assertThat(attachment.path("ip").asText()).isEqualTo("${local.api_lb_private_ip}");
        assertThat(attachment.path("enable_public_interface").asBoolean(true)).isFalse();
        assertThat(tf.local("api_lb_private_ip").asText()).isEqualTo("${cidrhost(local.private_cidr, 5)}");
        JsonNode service = tf.resource("hcloud_load_balancer_service", "api");
        assertThat(service.path("listen_port").asInt()).isEqualTo(6443);
        assertThat(service.path("destination_port").asInt()).isEqualTo(6443);
        assertThat(tf.resource("hcloud_load_balancer_target", "api").path("label_selector").asText())
                .isEqualTo("railyard.dev/cluster=${local.cluster_name},railyard.dev/role=manager");
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
        assertThat(secret.path("stringData").path("cluster-config").asText()).isEqualTo("tf:cluster_config");

        JsonNode chart = TerraformExpressions.document(docs, "HelmChart");
        assertThat(chart.path("apiVersion").asText()).isEqualTo("helm.cattle.io/v1");
        assertThat(chart.path("metadata").path("namespace").asText()).isEqualTo("kube-system");
        assertThat(chart.path("spec").path("repo").asText()).isEqualTo("https://kubernetes.github.io/autoscaler");
        assertThat(chart.path("spec").path("chart").asText()).isEqualTo("cluster-autoscaler");
        assertThat(chart.path("spec").path("version").asText()).isEqualTo(ClusterAutoscalerRelease.CHART_VERSION);

        JsonNode values = TerraformExpressions.yaml(chart.path("spec").path("valuesContent").asText());
        assertThat(values.path("cloudProvider").asText()).isEqualTo("hetzner");
        assertThat(values.path("image").path("tag").asText()).as("k3s v1.33 -> autoscaler 1.33").startsWith("v1.33.");
        JsonNode group = values.path("autoscalingGroups").get(0);
        assertThat(values.path("autoscalingGroups")).hasSize(1);
        assertThat(group.path("name").asText()).isEqualTo("big-gitpod-pool");
        assertThat(group.path("minSize").asInt()).isEqualTo(2);
        assertThat(group.path("maxSize").asInt()).isEqualTo(20);
        assertThat(group.path("instanceType").asText()).isEqualTo("cx53");
        assertThat(group.path("region").asText()).isEqualTo("hel1");
        assertThat(values.path("extraEnvSecrets").path("HCLOUD_TOKEN").path("name").asText()).isEqualTo("hcloud");
        assertThat(values.path("extraEnvSecrets").path("HCLOUD_TOKEN").path("key").asText()).isEqualTo("token");
        assertThat(values.path("extraEnvSecrets").path("HCLOUD_CLUSTER_CONFIG").path("key").asText()).isEqualTo("cluster-config");
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
        assertThat(pool.path("cloudInit").asText()).isEqualTo("${local.node_user_data}");
        assertThat(pool.path("labels").fieldNames()).toIterable().containsExactlyInAnyOrder(
                "gitpod.io/workload_meta", "gitpod.io/workload_ide", "gitpod.io/workload_services",
                "gitpod.io/workload_workspace_regular", "gitpod.io/workload_workspace_headless", "hcloud/node-group");
        assertThat(config.path("imagesForArch").path("amd64").asText()).isEqualTo("${local.image}");
        assertThat(onlyTemplatefileCall(tf.local("autoscaler_manifest")).variables())
                .containsExactlyInAnyOrder("hcloud_token", "cluster_config", "network", "firewall", "ssh_key");
        assertThat(tf.local("autoscaler_manifest").asText())
                .contains("cluster_config = base64encode(jsonencode(local.autoscaler_cluster_config))");
    }

    @Test
    void tailscaleAddsVpnAuthWithASensitiveJoinKey() {
        ClusterPlan base = example("hetzner-small");
        Network n = base.spec().network();
        ClusterPlan plan = base.withSpec(base.spec().withNetwork(new Network(n.sshPort(), n.adminCidrs(), n.privateCidr(),
                n.podCidr(), n.serviceCidr(), new Network.Tailscale(true, "tag:gitpod-nodes", "group:admins", true, "keychain:ts"))));

        RenderedTerraform tf = RenderedTerraform.of(plan, tmp.resolve("tailscale"));

        JsonNode key = tf.variable("tailscale_auth_key");
        assertThat(key.path("sensitive").asBoolean()).isTrue();
        assertThat(key.has("default")).isFalse();
        assertThat(tf.local("vpn_auth").path("vpn-auth").asText())
                .isEqualTo("name=tailscale,joinKey=${var.tailscale_auth_key}${local.tailscale_extra_args}");
        assertThat(tf.local("tailscale_extra_args").asText()).isEqualTo(",extraArgs=--ssh --advertise-tags=tag:gitpod-nodes");
        assertThat(tf.local("k3s_common").asText()).contains("local.vpn_auth");

        RenderedTerraform without = render("hetzner-small");
        assertThat(without.hasVariable("tailscale_auth_key")).isFalse();
        assertThat(without.local("vpn_auth")).isEmpty();
        assertThat(without.text("terraform/main.tf")).doesNotContain("tailscale_auth_key");
    }

    @Test
    void planValuesLandInLocalsAsEscapedLiterals() {
        ClusterPlan base = example("hetzner-medium");
        Network n = base.spec().network();
        ClusterPlan plan = base.withMetadata(new ClusterPlan.Metadata("a-b-c"))
                .withSpec(base.spec()
                        .withNetwork(new Network(n.sshPort(), List.of("198.51.100.0/24", "2001:db8::/32"), n.privateCidr(),
                                n.podCidr(), n.serviceCidr(), n.tailscale()))
                        .withSshKey(new Spec.SshKey("~/keys/${HOME}/%{x}\"id\".pub")));

        RenderedTerraform tf = RenderedTerraform.of(plan, tmp.resolve("escaped"));

        assertThat(tf.local("cluster_name").asText()).isEqualTo("a-b-c");
        assertThat(strings(tf.local("admin_cidrs"))).containsExactly("198.51.100.0/24", "2001:db8::/32");
        // Terraform's JSON form keeps $${ and %%{: to Terraform this is the literal text, never an interpolation.
        assertThat(tf.variable("ssh_public_key_file").path("default").asText()).isEqualTo("~/keys/$${HOME}/%%{x}\"id\".pub");
        assertThat(tf.text("terraform/main.tf")).doesNotContain("a-b-c-").contains("cluster_name  = \"a-b-c\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hetzner-small", "hetzner-medium", "hetzner-large-autoscale"})
    void rendersTheSameBytesEveryTime(String example) {
        List<GeneratedFile> first = RenderedTerraform.renderFiles(example(example));
        List<GeneratedFile> second = RenderedTerraform.renderFiles(example(example));

        assertThat(second).isEqualTo(first);
        List<String> paths = new ArrayList<>();
        first.forEach(f -> paths.add(f.path()));
        assertThat(paths).allSatisfy(p -> assertThat(p).startsWith("terraform/"));
    }

    @Test
    void outputsNameTheIngressApiManagersKubeconfigHostAndDnsRecords() {
        RenderedTerraform tf = render("hetzner-medium");

        assertThat(tf.output("ingress_ipv4").path("value").asText()).isEqualTo("${hcloud_load_balancer.ingress.ipv4}");
        assertThat(tf.output("api_address").path("value").asText()).isEqualTo("${local.api_lb_private_ip}");
        assertThat(tf.output("manager_public_ips").path("value").asText()).isEqualTo("${hcloud_primary_ip.manager[*].ip_address}");
        assertThat(tf.output("kubeconfig_host").path("value").asText()).isEqualTo("${hcloud_primary_ip.manager[0].ip_address}");
        assertThat(tf.output("dns_names").path("value").asText()).isEqualTo("${local.dns_names}");
        assertThat(tf.output("dns_records").path("value").asText()).contains("local.dns_names", "hcloud_load_balancer.ingress.ipv4");
        assertThat(strings(tf.local("dns_names")))
                .containsExactly("gitpod.team.example.org", "*.gitpod.team.example.org", "*.ws.gitpod.team.example.org");
    }

    @Test
    void existingServersGetNoTerraform() {
        assertThat(RenderedTerraform.renderFiles(example("existing-raspberry-pi-tailscale"))).isEmpty();
    }
}
