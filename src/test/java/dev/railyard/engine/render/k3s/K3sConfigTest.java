package dev.railyard.engine.render.k3s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class K3sConfigTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void clusterDnsIsTheTenthAddressOfTheServiceCidr() {
        assertThat(K3sConfig.nthAddress("10.43.0.0/16", 10, "f")).isEqualTo("10.43.0.10");
        assertThat(K3sConfig.nthAddress("172.20.0.0/24", 10, "f")).isEqualTo("172.20.0.10");
        assertThat(K3sConfig.nthAddress("10.96.0.0/12", 10, "f")).isEqualTo("10.96.0.10");
        assertThat(K3sConfig.nthAddress("fd00:43::/112", 10, "f")).isEqualTo("fd00:43:0:0:0:0:0:a");
    }

    @Test
    void aCidrTooSmallOrMalformedIsRefusedWithItsFieldName() {
        assertThatThrownBy(() -> K3sConfig.nthAddress("10.43.0.0/30", 10, "spec.network.serviceCidr"))
                .hasMessageContaining("spec.network.serviceCidr");
        assertThatThrownBy(() -> K3sConfig.nthAddress("example.com/16", 10, "spec.network.serviceCidr"))
                .hasMessageContaining("spec.network.serviceCidr");
        assertThatThrownBy(() -> K3sConfig.nthAddress("10.43.0.0", 10, "spec.network.serviceCidr"))
                .hasMessageContaining("not a CIDR");
    }

    @Test
    void serverConfigOfASmallClusterIsSchedulableAndAgentConfigHoldsOnlyAgentFlags() throws IOException {
        ClusterPlan plan = Examples.load(new PlanFormat(), "hetzner-small");
        JsonNode server = YAML.readTree(K3sConfig.forRole(plan, K3sRole.SERVER).yaml());
        assertThat(server.fieldNames()).toIterable().containsExactly("disable", "write-kubeconfig-mode", "cluster-cidr",
                "service-cidr", "cluster-dns", "flannel-backend", "node-label");
        JsonNode agent = YAML.readTree(K3sConfig.forRole(plan, K3sRole.AGENT).yaml());
        assertThat(agent.fieldNames()).toIterable().containsExactly("node-label");
        assertThat(agent.get("node-label")).hasSize(5);
    }

    @Test
    void mediumServersAreTaintedAndCarryNoGitpodLabels() throws IOException {
        ClusterPlan plan = Examples.load(new PlanFormat(), "hetzner-medium");
        JsonNode server = YAML.readTree(K3sConfig.forRole(plan, K3sRole.SERVER).yaml());
        assertThat(server.get("node-taint").get(0).asText()).isEqualTo(K3sConfig.CONTROL_PLANE_TAINT);
        assertThat(server.has("node-label")).isFalse();
    }

    /**
     * Gitpod 2022.11 schedules by the labels of install/installer/pkg/cluster/affinity.go at tag 2022.11.3; ws-manager
     * and ws-proxy require gitpod.io/workload_workspace_services. The shorter workload_services is a 2023 rename on
     * Gitpod's main branch that no self-hosted release used.
     */
    @Test
    void gitpod2022_11SchedulesByWorkloadWorkspaceServicesNotTheLaterRename() throws IOException {
        JsonNode agent = YAML.readTree(K3sConfig.forRole(Examples.load(new PlanFormat(), "hetzner-small"), K3sRole.AGENT).yaml());
        java.util.List<String> labels = new java.util.ArrayList<>();
        agent.get("node-label").forEach(n -> labels.add(n.asText()));
        assertThat(labels).containsExactly("gitpod.io/workload_meta=true", "gitpod.io/workload_ide=true",
                "gitpod.io/workload_workspace_services=true", "gitpod.io/workload_workspace_regular=true",
                "gitpod.io/workload_workspace_headless=true");
        assertThat(labels).noneMatch(l -> l.startsWith("gitpod.io/workload_services"));
        assertThat(dev.railyard.engine.cluster.checks.NodeCheck.WORKLOAD_LABELS).containsExactlyElementsOf(
                dev.railyard.engine.plan.GitpodNodeLabels.KEYS);
    }

    /**
     * k3s (pkg/agent/config/config.go): with vpn-auth, "It does not make sense to use VPN without its flannel backend"
     * and the backend becomes the VPN provider's. A flannel-backend in the servers' config would have no effect.
     */
    @Test
    void k3sReplacesTheFlannelBackendWithVpnAuthSoTailscaleServersSetNone() throws IOException {
        ClusterPlan pis = Examples.load(new PlanFormat(), "existing-raspberry-pi-tailscale");
        JsonNode server = YAML.readTree(K3sConfig.forRole(pis, K3sRole.SERVER).yaml());
        assertThat(server.has("flannel-backend")).isFalse();
        assertThat(server.has("cluster-cidr")).isTrue();
        JsonNode withoutVpn = YAML.readTree(K3sConfig.forRole(Examples.load(new PlanFormat(), "hetzner-small"), K3sRole.SERVER).yaml());
        assertThat(withoutVpn.get("flannel-backend").asText()).isEqualTo("vxlan");
    }

    /**
     * Every key Railyard writes into /etc/rancher/k3s/config.yaml is a flag of the sub-command that reads it
     * (k3s pkg/cli/cmds/server.go and agent.go): k3s refuses to start on an unknown key, and an agent must never
     * get a server-only one.
     */
    @Test
    void everyK3sConfigKeyIsAFlagOfTheSubCommandThatReadsIt() throws IOException {
        java.util.Set<String> serverFlags = java.util.Set.of("disable", "write-kubeconfig-mode", "cluster-cidr", "service-cidr",
                "cluster-dns", "flannel-backend", "node-label", "node-taint", "tls-san", "cluster-init", "server", "token",
                "agent-token", "vpn-auth", "node-name", "node-ip", "flannel-iface", "kubelet-arg");
        java.util.Set<String> agentFlags = java.util.Set.of("node-label", "node-taint", "server", "token", "vpn-auth", "node-name",
                "node-ip", "flannel-iface", "kubelet-arg");
        for (String example : java.util.List.of("hetzner-small", "hetzner-medium", "existing-raspberry-pi-tailscale")) {
            ClusterPlan plan = Examples.load(new PlanFormat(), example);
            YAML.readTree(K3sConfig.forRole(plan, K3sRole.SERVER).yaml()).fieldNames()
                    .forEachRemaining(k -> assertThat(serverFlags).as(example + " server key").contains(k));
            YAML.readTree(K3sConfig.forRole(plan, K3sRole.AGENT).yaml()).fieldNames()
                    .forEachRemaining(k -> assertThat(agentFlags).as(example + " agent key").contains(k));
        }
    }
}
