package dev.railyard.engine.render.terraform;

import static dev.railyard.engine.render.terraform.RenderedTerraform.strings;
import static dev.railyard.engine.render.terraform.TerraformExpressions.onlyTemplatefileCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.Network;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.plan.Size;
import dev.railyard.engine.render.terraform.TerraformExpressions.TemplatefileCall;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AzureTerraformTest {

    @TempDir
    Path tmp;

    /** Each plan is rendered and parsed once per class: the parser is a node process and takes seconds. */
    private final Map<String, RenderedTerraform> rendered = new HashMap<>();

    static ClusterPlan azureSmall() {
        return Examples.load(new PlanFormat(), "azure-small");
    }

    /** azure-small grown to preset large: three managers and a scale set of 1 to 5 nodes. */
    static ClusterPlan azureLarge() {
        ClusterPlan small = azureSmall();
        Size s = small.spec().size();
        return small.withSpec(small.spec().withSize(
                new Size(Size.LARGE, 3, null, new Size.Autoscale(1, 5), s.managerType(), s.nodeType())));
    }

    private RenderedTerraform render(String key, Supplier<ClusterPlan> plan) {
        return rendered.computeIfAbsent(key, k -> RenderedTerraform.of(plan.get(), tmp.resolve(k)));
    }

    private RenderedTerraform small() {
        return render("small", AzureTerraformTest::azureSmall);
    }

    private RenderedTerraform large() {
        return render("large", AzureTerraformTest::azureLarge);
    }

    @Test
    void rendersFourTerraformFilesThatHashiCorpsParserAccepts() {
        assertThat(small().parsed).containsOnlyKeys("versions.tf", "variables.tf", "main.tf", "outputs.tf");
        assertThat(large().parsed).containsOnlyKeys("versions.tf", "variables.tf", "main.tf", "outputs.tf");
    }

    @Test
    void securityGroupOpensOnly22And80And443ToTheWorldAndHostSshAndApiToAdminCidrs() {
        for (RenderedTerraform tf : List.of(small(), large())) {
            Network network = azureSmall().spec().network();
            Map<String, List<String>> sourcesByPort = new TreeMap<>();
            for (JsonNode rule : tf.resource("azurerm_network_security_group", "cluster").path("security_rule")) {
                assertThat(rule.path("direction").asText()).isEqualTo("Inbound");
                assertThat(rule.path("access").asText()).isEqualTo("Allow");
                assertThat(rule.path("protocol").asText()).isEqualTo("Tcp");
                String port = tf.resolve(rule.path("destination_port_range")).asText();
                assertThat(sourcesByPort).as("one rule per port").doesNotContainKey(port);
                List<String> sources = rule.has("source_address_prefixes")
                        ? strings(tf.resolve(rule.path("source_address_prefixes")))
                        : List.of(rule.path("source_address_prefix").asText());
                sourcesByPort.put(port, sources);
            }

            assertThat(sourcesByPort).containsOnlyKeys("22", "80", "443", network.sshPort().toString(), "6443");
            for (String world : List.of("22", "80", "443")) {
                assertThat(sourcesByPort.get(world)).containsExactly("*");
            }
            assertThat(sourcesByPort.get(network.sshPort().toString())).containsExactlyElementsOf(network.adminCidrs());
            assertThat(sourcesByPort.get("6443")).containsExactlyElementsOf(network.adminCidrs());
            assertThat(tf.resource("azurerm_subnet_network_security_group_association", "cluster")
                    .path("network_security_group_id").asText()).isEqualTo("${azurerm_network_security_group.cluster.id}");
        }
    }

    @Test
    void pinsTerraformAndTheAzurermProviderAndConfiguresItFromThePlan() {
        RenderedTerraform tf = small();

        JsonNode terraform = tf.parsed.get("versions.tf").path("terraform").get(0);
        assertThat(terraform.path("required_version").asText()).isEqualTo(">= 1.5.0");
        JsonNode providers = terraform.path("required_providers").get(0);
        assertThat(providers.fieldNames()).toIterable().containsExactly("azurerm");
        assertThat(providers.path("azurerm").path("source").asText()).isEqualTo("hashicorp/azurerm");
        assertThat(providers.path("azurerm").path("version").asText()).isEqualTo("~> 4.55");

        JsonNode provider = tf.main().path("provider").path("azurerm").get(0);
        assertThat(provider.has("features")).isTrue();
        assertThat(tf.resolve(provider.path("subscription_id")).asText()).isEqualTo("00000000-0000-4000-8000-000000000000");
        assertThat(tf.resolve(provider.path("tenant_id")).asText()).isEqualTo("11111111-1111-4111-8111-111111111111");
        assertThat(tf.resolve(provider.path("client_id")).asText()).isEqualTo("22222222-2222-4222-8222-222222222222");
        assertThat(provider.path("client_secret").asText()).isEqualTo("${var.azure_client_secret}");
    }

    @Test
    void credentialsAreSensitiveVariablesWithoutDefaultsFedByTfVar() {
        RenderedTerraform tf = small();

        assertThat(tf.variableNames()).containsExactlyInAnyOrder("azure_client_secret", "k3s_token", "k3s_agent_token", "ssh_host_keys", "ssh_public_key_file");
        for (String secret : List.of("azure_client_secret", "k3s_token", "k3s_agent_token", "ssh_host_keys")) {
            JsonNode v = tf.variable(secret);
            assertThat(v.path("sensitive").asBoolean()).as(secret + " sensitive").isTrue();
            assertThat(v.has("default")).as(secret + " has no default").isFalse();
            assertThat(v.path("description").asText()).contains("TF_VAR_" + secret);
        }
        assertThat(tf.variable("ssh_public_key_file").path("default").asText()).isEqualTo("~/.ssh/id_ed25519.pub");
        assertThat(tf.local("ssh_public_key").asText()).isEqualTo("${file(pathexpand(var.ssh_public_key_file))}");
    }

    @Test
    void smallCreatesOneManagerAndOneNodeVmFromUbuntu2204WithCloudInitAsCustomData() {
        RenderedTerraform tf = small();

        assertThat(tf.local("manager_count").asInt()).isEqualTo(1);
        assertThat(tf.local("node_count").asInt()).isEqualTo(1);
        JsonNode manager = tf.resource("azurerm_linux_virtual_machine", "manager");
        JsonNode node = tf.resource("azurerm_linux_virtual_machine", "node");
        assertThat(manager.path("count").asText()).isEqualTo("${local.manager_count}");
        assertThat(node.path("count").asText()).isEqualTo("${local.node_count}");
        assertThat(manager.path("custom_data").asText()).isEqualTo("${base64encode(local.manager_user_data[count.index])}");
        assertThat(node.path("custom_data").asText()).isEqualTo("${base64encode(local.node_user_data[count.index])}");
        assertThat(manager.path("availability_set_id").asText()).isEqualTo("${azurerm_availability_set.managers.id}");
        for (JsonNode vm : List.of(manager, node)) {
            JsonNode image = vm.path("source_image_reference").get(0);
            assertThat(image.path("publisher").asText()).isEqualTo("Canonical");
            assertThat(image.path("offer").asText()).isEqualTo("0001-com-ubuntu-server-jammy");
            assertThat(image.path("sku").asText()).isEqualTo("22_04-lts-gen2");
            assertThat(vm.path("admin_ssh_key").get(0).path("public_key").asText()).isEqualTo("${local.ssh_public_key}");
            assertThat(strings(vm.path("lifecycle").get(0).path("ignore_changes")))
                    .containsExactly("${custom_data}", "${admin_ssh_key}");
        }
        assertThat(tf.hasResource("azurerm_linux_virtual_machine_scale_set", "nodes")).isFalse();
    }

    @Test
    void publicAddressesAreStaticStandardAndKnownBeforeTheVmsForTlsSan() {
        RenderedTerraform tf = small();

        for (String name : List.of("manager", "node", "ingress")) {
            JsonNode ip = tf.resource("azurerm_public_ip", name);
            assertThat(ip.path("allocation_method").asText()).isEqualTo("Static");
            assertThat(ip.path("sku").asText()).isEqualTo("Standard");
        }
        assertThat(tf.local("tls_san").asText()).isEqualTo("${azurerm_public_ip.manager[*].ip_address}");
        JsonNode nic = tf.resource("azurerm_network_interface", "manager").path("ip_configuration").get(0);
        assertThat(nic.path("private_ip_address_allocation").asText()).isEqualTo("Static");
        assertThat(nic.path("private_ip_address").asText()).isEqualTo("${local.manager_private_ips[count.index]}");
        assertThat(nic.path("public_ip_address_id").asText()).isEqualTo("${azurerm_public_ip.manager[count.index].id}");
    }

    @Test
    void ingressLoadBalancerHasAProbeAndARuleFor22And80And443() {
        for (RenderedTerraform tf : List.of(small(), large())) {
            assertThat(tf.resource("azurerm_lb", "ingress").path("sku").asText()).isEqualTo("Standard");
            TreeSet<Integer> ports = new TreeSet<>();
            for (String name : tf.resourceNames("azurerm_lb_rule")) {
                JsonNode rule = tf.resource("azurerm_lb_rule", name);
                if (!rule.path("loadbalancer_id").asText().equals("${azurerm_lb.ingress.id}")) continue;
                assertThat(rule.path("protocol").asText()).isEqualTo("Tcp");
                assertThat(rule.path("backend_port").asInt()).isEqualTo(rule.path("frontend_port").asInt());
                String probe = rule.path("probe_id").asText().replace("${azurerm_lb_probe.", "").replace(".id}", "");
                assertThat(tf.resource("azurerm_lb_probe", probe).path("port").asInt()).isEqualTo(rule.path("frontend_port").asInt());
                ports.add(rule.path("frontend_port").asInt());
            }
            assertThat(ports).containsExactly(22, 80, 443);
        }
    }

    @Test
    void internalApiLoadBalancerOnlyWithThreeManagers() {
        assertThat(small().hasResource("azurerm_lb", "api")).isFalse();

        RenderedTerraform tf = large();
        JsonNode frontend = tf.resource("azurerm_lb", "api").path("frontend_ip_configuration").get(0);
        assertThat(frontend.has("public_ip_address_id")).isFalse();
        assertThat(frontend.path("private_ip_address").asText()).isEqualTo("${local.api_lb_private_ip}");
        assertThat(tf.resource("azurerm_lb_rule", "api").path("frontend_port").asInt()).isEqualTo(6443);
        assertThat(tf.resource("azurerm_lb_probe", "api").path("port").asInt()).isEqualTo(6443);
        assertThat(tf.local("join_url").asText()).isEqualTo("https://${local.api_lb_private_ip}:6443");
    }

    @Test
    void firstOfThreeManagersInitialisesEtcdAndTheOthersJoin() {
        List<String> configs = strings(large().local("manager_k3s_config"));

        assertThat(configs).hasSize(3);
        assertThat(configs.get(0)).contains("\"cluster-init\" = true").doesNotContain("server =");
        assertThat(configs.subList(1, 3)).allSatisfy(c -> assertThat(c).contains("server = local.join_url").doesNotContain("cluster-init"));
        assertThat(strings(small().local("manager_k3s_config"))).singleElement()
                .satisfies(c -> assertThat(c).doesNotContain("cluster-init").doesNotContain("server"));
    }

    @Test
    void passesCloudInitThroughTemplatefileWithExactlyTheContractVariables() {
        for (RenderedTerraform tf : List.of(small(), large())) {
            TemplatefileCall manager = onlyTemplatefileCall(tf.local("manager_user_data"));
            assertThat(manager.path()).isEqualTo("${path.module}/../cloud-init/manager.yaml");
            assertThat(manager.variables()).containsExactly("k3s_config", "autoscaler_manifest", "host_key_private", "host_key_public");
        }
        TemplatefileCall node = onlyTemplatefileCall(small().local("node_user_data"));
        assertThat(node.path()).isEqualTo("${path.module}/../cloud-init/node.yaml");
        assertThat(node.variables()).containsExactly("k3s_config", "host_key_private", "host_key_public");
        TemplatefileCall pool = onlyTemplatefileCall(large().local("pool_user_data"));
        assertThat(pool.path()).isEqualTo("${path.module}/../cloud-init/node.yaml");
        assertThat(pool.variables()).containsExactly("k3s_config", "host_key_private", "host_key_public");
        assertThat(small().local("autoscaler_manifest").asText()).isEmpty();
        assertThat(small().file("terraform/cluster-autoscaler.yaml.tftpl")).isEmpty();
    }

    @Test
    void everyVmGetsTheHostKeyNamedLikeItselfAndTheScaleSetSharesThePoolKey() {
        RenderedTerraform small = small();
        assertThat(small.local("manager_host_keys").asText())
                .isEqualTo("${[for i in range(local.manager_count) : var.ssh_host_keys[\"${local.cluster_name}-manager-${i + 1}\"]]}");
        assertThat(small.local("node_host_keys").asText())
                .isEqualTo("${[for i in range(local.node_count) : var.ssh_host_keys[\"${local.cluster_name}-node-${i + 1}\"]]}");
        assertThat(small.local("manager_user_data").asText()).contains("host_key_private    = local.manager_host_keys[i].private",
                "host_key_public     = local.manager_host_keys[i].public");
        assertThat(small.local("node_user_data").asText()).contains("host_key_private = local.node_host_keys[i].private",
                "host_key_public  = local.node_host_keys[i].public");
        assertThat(small.resource("azurerm_linux_virtual_machine", "manager").path("name").asText())
                .isEqualTo("${local.cluster_name}-manager-${count.index + 1}");
        assertThat(small.resource("azurerm_linux_virtual_machine", "node").path("name").asText())
                .isEqualTo("${local.cluster_name}-node-${count.index + 1}");

        RenderedTerraform large = large();
        assertThat(large.local("pool_host_key").asText()).isEqualTo("${var.ssh_host_keys[\"${local.cluster_name}-pool\"]}");
        assertThat(large.local("pool_user_data").asText()).contains("host_key_private = local.pool_host_key.private");
        for (RenderedTerraform tf : List.of(small, large)) {
            JsonNode keys = tf.variable("ssh_host_keys");
            assertThat(keys.path("sensitive").asBoolean()).isTrue();
            assertThat(keys.path("nullable").asBoolean(true)).isFalse();
            assertThat(keys.has("default")).as("no default: without keys sshd would have none").isFalse();
            assertThat(keys.path("type").asText()).isEqualTo("${map(object({\n    private = string\n    public  = string\n  }))}");
        }
    }

    @Test
    void largeNodesAreAScaleSetThatTerraformStartsAtTheMinimumAndLeavesToTheAutoscaler() {
        RenderedTerraform tf = large();

        assertThat(tf.hasResource("azurerm_linux_virtual_machine", "node")).isFalse();
        JsonNode vmss = tf.resource("azurerm_linux_virtual_machine_scale_set", "nodes");
        assertThat(tf.resolve(vmss.path("instances")).asInt()).isEqualTo(1);
        assertThat(tf.resolve(vmss.path("name")).asText()).isEqualTo("contoso-gitpod-nodes");
        assertThat(vmss.path("custom_data").asText()).isEqualTo("${base64encode(local.pool_user_data)}");
        assertThat(strings(vmss.path("lifecycle").get(0).path("ignore_changes"))).containsExactly("${instances}");
        JsonNode ipConfig = vmss.path("network_interface").get(0).path("ip_configuration").get(0);
        assertThat(strings(ipConfig.path("load_balancer_backend_address_pool_ids")))
                .containsExactly("${azurerm_lb_backend_address_pool.ingress.id}");
        assertThat(tf.local("manager_count").asInt()).isEqualTo(3);
    }

    @Test
    void largeInstallsClusterAutoscalerForTheScaleSetWithCredentialsInASecret() {
        RenderedTerraform tf = large();
        String tftpl = tf.text("terraform/cluster-autoscaler.yaml.tftpl");

        TemplatefileCall call = onlyTemplatefileCall(tf.local("autoscaler_manifest"));
        assertThat(call.path()).isEqualTo("${path.module}/cluster-autoscaler.yaml.tftpl");
        assertThat(TerraformExpressions.placeholders(tftpl)).containsExactlyInAnyOrderElementsOf(call.variables());
        assertThat(tf.local("autoscaler_manifest").asText()).contains("client_secret   = var.azure_client_secret");

        List<JsonNode> docs = TerraformExpressions.yamlDocuments(tftpl);
        JsonNode secret = TerraformExpressions.document(docs, "Secret");
        assertThat(secret.path("stringData").path("ClientSecret").asText()).isEqualTo("tf:client_secret");
        assertThat(secret.path("stringData").path("VMType").asText()).isEqualTo("vmss");
        JsonNode chart = TerraformExpressions.document(docs, "HelmChart");
        assertThat(chart.path("spec").path("version").asText()).isEqualTo(ClusterAutoscalerRelease.CHART_VERSION);
        JsonNode values = TerraformExpressions.yaml(chart.path("spec").path("valuesContent").asText());
        assertThat(values.path("cloudProvider").asText()).isEqualTo("azure");
        assertThat(values.path("secretKeyRefNameOverride").asText()).isEqualTo(secret.path("metadata").path("name").asText());
        JsonNode group = values.path("autoscalingGroups").get(0);
        assertThat(group.path("name").asText()).isEqualTo("tf:scale_set");
        assertThat(group.path("minSize").asInt()).isEqualTo(1);
        assertThat(group.path("maxSize").asInt()).isEqualTo(5);
        assertThat(tf.text("terraform/main.tf")).as("the providerID limitation is stated where it applies").contains("azure:///subscriptions/");
    }

    @Test
    void tailscaleAddsVpnAuthWithASensitiveJoinKey() {
        RenderedTerraform tf = render("tailscale", () -> {
            ClusterPlan base = azureSmall();
            Network n = base.spec().network();
            return base.withSpec(base.spec().withNetwork(new Network(n.sshPort(), n.adminCidrs(), n.privateCidr(),
                    n.podCidr(), n.serviceCidr(), new Network.Tailscale(true, "tag:gitpod-nodes", "group:admins", false, "env:TS_KEY"))));
        });

        assertThat(tf.variable("tailscale_auth_key").path("sensitive").asBoolean()).isTrue();
        assertThat(tf.variable("tailscale_auth_key").has("default")).isFalse();
        assertThat(tf.local("tailscale_extra_args").asText()).isEqualTo(",extraArgs=--advertise-tags=tag:gitpod-nodes");
        assertThat(tf.local("vpn_auth").path("vpn-auth").asText()).startsWith("name=tailscale,joinKey=${var.tailscale_auth_key}");
    }

    @Test
    void rendersTheSameBytesEveryTime() {
        assertThat(RenderedTerraform.renderFiles(azureSmall())).isEqualTo(RenderedTerraform.renderFiles(azureSmall()));
        assertThat(RenderedTerraform.renderFiles(azureLarge())).isEqualTo(RenderedTerraform.renderFiles(azureLarge()));
    }

    @Test
    void outputsNameTheIngressManagersKubeconfigHostAndDnsRecords() {
        RenderedTerraform tf = small();

        assertThat(tf.output("ingress_ipv4").path("value").asText()).isEqualTo("${azurerm_public_ip.ingress.ip_address}");
        assertThat(tf.output("api_address").path("value").asText()).isEqualTo("${local.manager_private_ips[0]}");
        assertThat(tf.output("kubeconfig_host").path("value").asText()).isEqualTo("${azurerm_public_ip.manager[0].ip_address}");
        assertThat(tf.output("ssh_user").path("value").asText()).isEqualTo("${local.admin_username}");
        assertThat(strings(tf.local("dns_names")))
                .containsExactly("gitpod.contoso.example", "*.gitpod.contoso.example", "*.ws.gitpod.contoso.example");
        assertThat(large().output("node_scale_set").path("value").asText())
                .isEqualTo("${azurerm_linux_virtual_machine_scale_set.nodes.name}");
    }

    /** Managers 2 and 3 and the nodes join through the internal API load balancer only once its rule and pool exist. */
    @Test
    void managersAndNodesJoinOnlyAfterTheApiLoadBalancersRuleAndPoolExist() {
        RenderedTerraform tf = large();
        List<String> lb = List.of("${azurerm_lb_rule.api}", "${azurerm_network_interface_backend_address_pool_association.manager_api}");
        assertThat(RenderedTerraform.strings(tf.resource("azurerm_linux_virtual_machine", "manager").path("depends_on")))
                .containsExactlyElementsOf(lb);
        assertThat(RenderedTerraform.strings(tf.resource("azurerm_linux_virtual_machine_scale_set", "nodes").path("depends_on")))
                .contains(lb.get(0), lb.get(1), "${azurerm_linux_virtual_machine.manager}");
        assertThat(small().resource("azurerm_linux_virtual_machine", "manager").has("depends_on")).isFalse();
    }

    /**
     * k3s pkg/cli/cmds/server.go agent-token: managers set it, and the nodes (the scale set's custom data too)
     * get only it, never the server token, which is full admin of the cluster.
     */
    @Test
    void k3sAgentTokenIsTheOnlyTokenNodesAndTheScaleSetGet() {
        for (RenderedTerraform tf : List.of(small(), large())) {
            assertThat(tf.local("manager_k3s_common").asText())
                    .isEqualTo("${merge({ token = var.k3s_token, \"agent-token\" = var.k3s_agent_token }, local.vpn_auth)}");
            assertThat(tf.local("node_k3s_common").asText()).isEqualTo("${merge({ token = var.k3s_agent_token }, local.vpn_auth)}");
            assertThat(tf.local("node_k3s_config").asText()).startsWith("${yamlencode(merge(local.node_k3s_common,");
        }
        assertThat(large().local("pool_user_data").asText()).contains("k3s_config       = local.node_k3s_config");
        assertThat(large().resource("azurerm_linux_virtual_machine_scale_set", "nodes").path("custom_data").asText())
                .isEqualTo("${base64encode(local.pool_user_data)}");
    }
}
