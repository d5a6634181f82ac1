package dev.railyard.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import org.junit.jupiter.api.Test;

class HostsTest {

    static final ClusterPlan PLAN = Examples.load(new PlanFormat(), "hetzner-medium");

    @Test
    void readsTheServersFromTheOutputsTheGeneratedTerraformDeclares() throws Exception {
        // what `terraform output -json` prints for the generated outputs.tf (values shortened)
        String json = """
                {"api_address":{"sensitive":false,"type":"string","value":"10.0.1.100"},
                 "ingress_ipv4":{"sensitive":false,"type":"string","value":"203.0.113.50"},
                 "kubeconfig_host":{"sensitive":false,"type":"string","value":"203.0.113.10"},
                 "manager_public_ips":{"sensitive":false,"type":["tuple",["string","string","string"]],"value":["203.0.113.10","203.0.113.11","203.0.113.12"]},
                 "node_public_ips":{"sensitive":false,"type":["tuple",["string"]],"value":["203.0.113.20"]},
                 "ssh_port":{"sensitive":false,"type":"number","value":2244},
                 "ssh_user":{"sensitive":false,"type":"string","value":"root"}}
                """;
        Hosts hosts = Hosts.fromTerraformOutputs(json, PLAN, "ignored-when-the-output-says");

        assertThat(hosts.managers()).extracting(Hosts.Host::name).containsExactly("team-gitpod-manager-1", "team-gitpod-manager-2",
                "team-gitpod-manager-3");
        assertThat(hosts.firstManager()).isEqualTo(new Hosts.Host("team-gitpod-manager-1", "203.0.113.10", 2244, "root"));
        assertThat(hosts.nodes()).containsExactly(new Hosts.Host("team-gitpod-node-1", "203.0.113.20", 2244, "root"));
        assertThat(hosts.apiAddress()).as("the kubeconfig's server: public, not the private join address").isEqualTo("203.0.113.10");
        assertThat(hosts.ingressAddress()).isEqualTo("203.0.113.50");
    }

    @Test
    void withoutManagersSaysTheFilesWereNotApplied() {
        assertThatThrownBy(() -> Hosts.fromTerraformOutputs("{}", PLAN, "root")).hasMessageContaining("no manager_public_ips")
                .hasMessageContaining("terraform apply");
    }
}
