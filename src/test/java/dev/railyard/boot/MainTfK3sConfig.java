package dev.railyard.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.engine.plan.ClusterPlan;

/**
 * The {@code k3s_config} value main.tf hands to templatefile() for the first manager and for a node of
 * a small Hetzner plan, written out as Terraform's yamlencode() writes it (keys sorted, strings
 * quoted). Terraform cannot run here (its providers cannot be downloaded), so this mirrors the
 * generated main.tf, and {@link #mirrors(ClusterPlan)} checks that main.tf still has the expressions
 * mirrored, so a change there fails the boot tests instead of going unbooted.
 */
record MainTfK3sConfig(String serverToken, String agentToken, String joinUrl, String publicIp) {

    static MainTfK3sConfig sample() {
        return new MainTfK3sConfig("K10" + "5e1f".repeat(16) + "::server:" + "a1b2c3d4".repeat(4),
                "railyard-agent-" + "9f8e7d6c".repeat(4), "https://10.0.1.1:6443", "203.0.113.10");
    }

    /** The main.tf lines this mirrors: the tokens each role gets and the other keys. */
    void mirrors(ClusterPlan plan) {
        String mainTf = BootSeeds.generated(plan, "terraform/main.tf");
        assertThat(mainTf).as("main.tf changed how k3s_config is built: update MainTfK3sConfig to match")
                .contains("manager_k3s_common = merge({ token = var.k3s_token, \"agent-token\" = var.k3s_agent_token }, local.vpn_auth)")
                .contains("node_k3s_common    = merge({ token = var.k3s_agent_token }, local.vpn_auth)")
                .contains("yamlencode(merge(local.manager_k3s_common, { \"tls-san\" = local.tls_san })),")
                .contains("node_k3s_config = yamlencode(merge(local.node_k3s_common, { server = local.join_url }))");
    }

    /**
     * local.manager_k3s_config[0] of a one-manager plan: the server token, the agent token it accepts from
     * agents, and tls-san (one server: no etcd, so no cluster-init).
     */
    String firstManager() {
        return "\"agent-token\": \"" + agentToken + "\"\n\"tls-san\":\n- \"" + publicIp + "\"\n\"token\": \"" + serverToken + "\"\n";
    }

    /** local.node_k3s_config: the join address and the agent token, as the node's token. */
    String node() {
        return "\"server\": \"" + joinUrl + "\"\n\"token\": \"" + agentToken + "\"\n";
    }
}
