package dev.railyard.engine.render.terraform;

import static dev.railyard.engine.render.terraform.RenderedTerraform.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.engine.plan.Network;
import java.nio.file.Path;
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
class HetznerNetworkTerraformTest {

    private static final List<String> WORLD = List.of("0.0.0.0/0", "::/0");

    @TempDir
    Path tmp;

    /** Each example is rendered and parsed once per class: the parser is a node process and takes seconds. */
    private final Map<String, RenderedTerraform> rendered = new HashMap<>();

    private RenderedTerraform render(String example) {
        return rendered.computeIfAbsent(example, e -> RenderedTerraform.of(HetznerTerraformTest.example(e), tmp.resolve(e)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hetzner-small", "hetzner-medium", "hetzner-large-autoscale"})
    void firewallOpensOnly22And80And443ToTheWorldAndHostSshAndApiToAdminCidrs(String example) {
        RenderedTerraform tf = render(example);
        Network network = HetznerTerraformTest.example(example).spec().network();

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
}
