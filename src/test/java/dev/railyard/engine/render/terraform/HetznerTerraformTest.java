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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HetznerTerraformTest {

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

        assertThat(tf.variableNames()).containsExactlyInAnyOrder("hcloud_token", "k3s_token", "k3s_agent_token", "ssh_host_keys", "ssh_public_key_file");
        for (String secret : List.of("hcloud_token", "k3s_token", "k3s_agent_token", "ssh_host_keys")) {
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
        assertThat(configs).allSatisfy(c -> assertThat(c).startsWith("${yamlencode(merge(local.manager_k3s_common,"));
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
        assertThat(manager.variables()).containsExactly("k3s_config", "autoscaler_manifest", "host_key_private", "host_key_public");
        TemplatefileCall node = onlyTemplatefileCall(tf.local("node_user_data"));
        assertThat(node.path()).isEqualTo("${path.module}/../cloud-init/node.yaml");
        assertThat(node.variables()).containsExactly("k3s_config", "host_key_private", "host_key_public");

        assertThat(tf.resource("hcloud_server", "manager").path("user_data").asText())
                .isEqualTo("${local.manager_user_data[count.index]}");
        assertThat(tf.resource("hcloud_server", "node").path("user_data").asText()).isEqualTo("${local.node_user_data[count.index]}");
        for (String server : List.of("manager", "node")) {
            assertThat(strings(tf.resource("hcloud_server", server).path("lifecycle").get(0).path("ignore_changes")))
                    .containsExactly("${user_data}", "${ssh_keys}");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hetzner-small", "hetzner-medium", "hetzner-large-autoscale"})
    void everyServerGetsTheHostKeyNamedLikeItselfFromASensitiveVariable(String example) {
        RenderedTerraform tf = render(example);

        JsonNode keys = tf.variable("ssh_host_keys");
        assertThat(keys.path("sensitive").asBoolean()).isTrue();
        assertThat(keys.path("nullable").asBoolean(true)).isFalse();
        assertThat(keys.has("default")).as("no default: without keys sshd would have none").isFalse();
        assertThat(keys.path("description").asText()).contains("TF_VAR_ssh_host_keys");
        assertThat(tf.local("manager_host_keys").asText())
                .isEqualTo("${[for i in range(local.manager_count) : var.ssh_host_keys[\"${local.cluster_name}-manager-${i + 1}\"]]}");
        assertThat(tf.local("node_host_keys").asText())
                .isEqualTo("${[for i in range(local.node_count) : var.ssh_host_keys[\"${local.cluster_name}-node-${i + 1}\"]]}");
        assertThat(tf.local("manager_user_data").asText()).contains("host_key_private    = local.manager_host_keys[i].private",
                "host_key_public     = local.manager_host_keys[i].public");
        assertThat(tf.local("node_user_data").asText()).contains("host_key_private = local.node_host_keys[i].private",
                "host_key_public  = local.node_host_keys[i].public");
        // the names Terraform gives the servers, which the keys are looked up by
        assertThat(tf.resource("hcloud_server", "manager").path("name").asText()).isEqualTo("${local.cluster_name}-manager-${count.index + 1}");
        assertThat(tf.resource("hcloud_server", "node").path("name").asText()).isEqualTo("${local.cluster_name}-node-${count.index + 1}");
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
        assertThat(tf.local("manager_k3s_common").asText()).contains("local.vpn_auth");
        assertThat(tf.local("node_k3s_common").asText()).contains("local.vpn_auth");

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

    // --- facts of the hcloud provider (docs/upstream-facts.md) ----------------------------------------

    /**
     * hetznercloud/terraform-provider-hcloud v1.68.0 docs/resources/server.md: with Terraform 1.4 and later a
     * network block without {@code alias_ips = []} is detached and re-attached on every apply (issue 650).
     */
    @ParameterizedTest
    @ValueSource(strings = {"hetzner-small", "hetzner-large-autoscale"})
    void hcloudServerNetworkBlocksSetEmptyAliasIpsOrTerraformReattachesThemOnEveryApply(String example) {
        RenderedTerraform tf = render(example);
        for (String server : List.of("manager", "node")) {
            JsonNode network = tf.resource("hcloud_server", server).path("network").get(0);
            assertThat(network.has("alias_ips")).as(server).isTrue();
            assertThat(network.path("alias_ips")).as(server).isEmpty();
        }
    }

    /**
     * hcloud provider v1.68.0 internal/primaryip/resource.go: assignee_type without assignee_id draws the warning
     * "This attribute is now optional and is only required together with the assignee_id attribute".
     */
    @Test
    void primaryIpsLeaveOutAssigneeTypeWhichWithoutAssigneeIdOnlyDrawsAWarning() {
        JsonNode ip = render("hetzner-small").resource("hcloud_primary_ip", "manager");
        assertThat(ip.has("assignee_type")).isFalse();
        assertThat(ip.has("assignee_id")).isFalse();
        assertThat(ip.path("auto_delete").asBoolean(true)).isFalse();
    }

    /**
     * Managers 2 and 3 and the nodes join https://API-LB:6443; Terraform orders them after the load balancer's
     * service and target (a label_selector target references no server, so there is no cycle).
     */
    @Test
    void managersAndNodesJoinOnlyAfterTheApiLoadBalancersServiceAndTargetExist() {
        RenderedTerraform tf = render("hetzner-medium");
        List<String> lb = List.of("${hcloud_load_balancer_service.api}", "${hcloud_load_balancer_target.api}");
        assertThat(strings(tf.resource("hcloud_server", "manager").path("depends_on"))).containsExactlyElementsOf(lb);
        assertThat(strings(tf.resource("hcloud_server", "node").path("depends_on")))
                .containsExactly("${hcloud_server.manager}", lb.get(0), lb.get(1));
        // one manager: nodes join its private address, no load balancer to wait for
        RenderedTerraform small = render("hetzner-small");
        assertThat(small.resource("hcloud_server", "manager").has("depends_on")).isFalse();
        assertThat(strings(small.resource("hcloud_server", "node").path("depends_on"))).containsExactly("${hcloud_server.manager}");
    }

    /**
     * k3s pkg/cli/cmds/server.go: servers take {@code agent-token} ("Shared secret used to join agents to the
     * cluster, but not servers"); the server {@code token} is full admin of the cluster (k3s docs, cli/token.md).
     * Managers get both, nodes (and the autoscaler's pool) only the agent token as their {@code token}.
     */
    @ParameterizedTest
    @ValueSource(strings = {"hetzner-small", "hetzner-large-autoscale"})
    void k3sAgentTokenIsTheOnlyTokenNodesGetWhileManagersSetTokenAndAgentToken(String example) {
        RenderedTerraform tf = render(example);
        assertThat(tf.local("manager_k3s_common").asText())
                .isEqualTo("${merge({ token = var.k3s_token, \"agent-token\" = var.k3s_agent_token }, local.vpn_auth)}");
        assertThat(tf.local("node_k3s_common").asText()).isEqualTo("${merge({ token = var.k3s_agent_token }, local.vpn_auth)}");
        assertThat(tf.local("node_k3s_config").asText()).startsWith("${yamlencode(merge(local.node_k3s_common,");
        if (example.contains("large")) {
            assertThat(tf.local("pool_k3s_config").asText()).startsWith("${yamlencode(merge(local.node_k3s_common,");
        }
        String main = tf.text("terraform/main.tf");
        assertThat(main.split("var\\.k3s_token", -1)).as("the server token is used once, for the managers").hasSize(2);
    }

    /**
     * Every argument Railyard writes on an hcloud resource is one that hetznercloud/terraform-provider-hcloud
     * v1.68.0 documents (docs/resources/*.md, Argument Reference / Schema), besides Terraform's meta-arguments.
     */
    @ParameterizedTest
    @ValueSource(strings = {"hetzner-small", "hetzner-medium", "hetzner-large-autoscale"})
    void everyHcloudArgumentIsOneTheProviderDocumentsAtV1_68(String example) {
        Map<String, java.util.Set<String>> documented = Map.ofEntries(
                Map.entry("hcloud_network", java.util.Set.of("name", "ip_range", "labels", "delete_protection", "expose_routes_to_vswitch")),
                Map.entry("hcloud_network_subnet", java.util.Set.of("network_id", "type", "ip_range", "network_zone", "vswitch_id")),
                Map.entry("hcloud_ssh_key", java.util.Set.of("name", "public_key", "labels")),
                Map.entry("hcloud_firewall", java.util.Set.of("name", "labels", "rule", "apply_to")),
                Map.entry("hcloud_primary_ip", java.util.Set.of("name", "type", "assignee_id", "assignee_type", "auto_delete", "datacenter",
                        "delete_protection", "labels", "location")),
                Map.entry("hcloud_placement_group", java.util.Set.of("name", "type", "labels")),
                Map.entry("hcloud_server", java.util.Set.of("name", "server_type", "image", "location", "datacenter", "user_data", "ssh_keys",
                        "public_net", "keep_disk", "iso", "rescue", "labels", "backups", "firewall_ids", "ignore_remote_firewall_ids",
                        "network", "placement_group_id", "delete_protection", "rebuild_protection", "allow_deprecated_images",
                        "shutdown_before_deletion")),
                Map.entry("hcloud_load_balancer", java.util.Set.of("name", "load_balancer_type", "location", "network_zone", "algorithm",
                        "labels", "delete_protection")),
                Map.entry("hcloud_load_balancer_network", java.util.Set.of("load_balancer_id", "network_id", "subnet_id", "ip",
                        "enable_public_interface")),
                Map.entry("hcloud_load_balancer_service", java.util.Set.of("load_balancer_id", "protocol", "listen_port", "destination_port",
                        "proxyprotocol", "http", "health_check")),
                Map.entry("hcloud_load_balancer_target", java.util.Set.of("type", "load_balancer_id", "server_id", "label_selector", "ip",
                        "use_private_ip")));
        Map<String, java.util.Set<String>> blocks = Map.of(
                "rule", java.util.Set.of("direction", "protocol", "port", "source_ips", "destination_ips", "description"),
                "public_net", java.util.Set.of("ipv4_enabled", "ipv4", "ipv6_enabled", "ipv6"),
                "network", java.util.Set.of("network_id", "subnet_id", "ip", "alias_ips"));
        java.util.Set<String> meta = java.util.Set.of("count", "depends_on", "lifecycle", "for_each", "provider");
        render(example).main().path("resource").properties().forEach(type -> {
            assertThat(documented).as("a documented hcloud resource").containsKey(type.getKey());
            type.getValue().properties().forEach(named -> named.getValue().forEach(block -> block.properties().forEach(arg -> {
                if (meta.contains(arg.getKey())) return;
                assertThat(documented.get(type.getKey())).as(type.getKey() + "." + named.getKey()).contains(arg.getKey());
                if (blocks.containsKey(arg.getKey()) && arg.getValue().isArray()) {
                    arg.getValue().forEach(nested -> nested.fieldNames().forEachRemaining(n ->
                            assertThat(blocks.get(arg.getKey())).as(type.getKey() + "." + arg.getKey()).contains(n)));
                }
            })));
        });
    }
}
