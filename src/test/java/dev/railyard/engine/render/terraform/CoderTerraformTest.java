package dev.railyard.engine.render.terraform;

import static dev.railyard.engine.render.terraform.RenderedTerraform.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.plan.Platform;
import dev.railyard.engine.plan.Spec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Coder cluster's Terraform: the same servers, with no port 22 anywhere (Coder tunnels SSH over HTTPS). */
class CoderTerraformTest {

    private static final PlanFormat FORMAT = new PlanFormat();

    /** Any Gitpod example switched to Coder: the cloud parts stay, the platform changes. */
    private static ClusterPlan asCoder(String example) {
        ClusterPlan gitpod = Examples.load(FORMAT, example);
        ClusterPlan coder = Examples.load(FORMAT, "hetzner-small-coder");
        Spec spec = gitpod.spec().withPlatform(Platform.CODER).withCoder(coder.spec().coder());
        return gitpod.withSpec(spec);
    }

    @Test
    void hetznerFirewallAndLoadBalancerOpenNo22ForCoder(@TempDir Path dir) {
        RenderedTerraform tf = RenderedTerraform.of(Examples.load(FORMAT, "hetzner-small-coder"), dir);
        Map<String, List<String>> sourcesByPort = new TreeMap<>();
        for (JsonNode rule : tf.resource("hcloud_firewall", "cluster").path("rule")) {
            sourcesByPort.put(tf.resolve(rule.path("port")).asText(), strings(tf.resolve(rule.path("source_ips"))));
        }
        assertThat(sourcesByPort).containsOnlyKeys("80", "443", "2244", "6443");
        assertThat(sourcesByPort.get("80")).containsExactly("0.0.0.0/0", "::/0");
        assertThat(sourcesByPort.get("443")).containsExactly("0.0.0.0/0", "::/0");
        TreeSet<Integer> listen = new TreeSet<>();
        for (String name : tf.resourceNames("hcloud_load_balancer_service")) {
            listen.add(tf.resource("hcloud_load_balancer_service", name).path("listen_port").asInt());
        }
        assertThat(listen).containsExactly(80, 443);
        assertThat(strings(tf.local("dns_names"))).containsExactly("coder.example.com", "*.coder.example.com");
    }

    @Test
    void hetznerGitpodStillPublishesItsSshGateway(@TempDir Path dir) {
        RenderedTerraform tf = RenderedTerraform.of(Examples.load(FORMAT, "hetzner-small"), dir);
        TreeSet<Integer> listen = new TreeSet<>();
        for (String name : tf.resourceNames("hcloud_load_balancer_service")) {
            listen.add(tf.resource("hcloud_load_balancer_service", name).path("listen_port").asInt());
        }
        assertThat(listen).containsExactly(22, 80, 443);
    }

    @Test
    void azureSecurityGroupAndLoadBalancerOpenNo22ForCoder(@TempDir Path dir) {
        RenderedTerraform tf = RenderedTerraform.of(asCoder("azure-small"), dir);
        TreeSet<String> ports = new TreeSet<>();
        for (JsonNode rule : tf.resource("azurerm_network_security_group", "cluster").path("security_rule")) {
            ports.add(tf.resolve(rule.path("destination_port_range")).asText());
            assertThat(rule.path("name").asText()).doesNotStartWith("gitpod");
        }
        assertThat(ports).doesNotContain("22").contains("80", "443");
        TreeSet<Integer> lb = new TreeSet<>();
        for (String name : tf.resourceNames("azurerm_lb_rule")) {
            JsonNode rule = tf.resource("azurerm_lb_rule", name);
            if (rule.path("loadbalancer_id").asText().equals("${azurerm_lb.ingress.id}")) lb.add(rule.path("frontend_port").asInt());
        }
        assertThat(lb).containsExactly(80, 443);
        assertThat(tf.resourceNames("azurerm_lb_probe")).doesNotContain("ingress_ssh");
    }

    @Test
    void autoscaledCoderNodesCarryNoGitpodLabels(@TempDir Path dir) {
        RenderedTerraform tf = RenderedTerraform.of(asCoder("hetzner-large-autoscale"), dir);
        String main = tf.text("terraform/main.tf");
        assertThat(main).doesNotContain("gitpod.io/").contains("\"hcloud/node-group\" = local.node_pool");
    }
}
