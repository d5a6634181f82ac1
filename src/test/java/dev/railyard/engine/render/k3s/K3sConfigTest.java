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
}
