package dev.railyard.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Provider;
import java.util.ArrayList;
import java.util.List;

/**
 * The servers of a cluster as the run reaches them: from the plan for existing servers, from
 * Terraform's outputs for cloud ones.
 *
 * <p>Contract with the generated Terraform ({@code outputs.tf}, checked by {@code TerraformOutputsContractTest}):
 * {@link #MANAGERS} and {@link #NODES} (public addresses reachable from the admin's machine, first
 * manager first; NODES is absent when only a scale set makes nodes), {@link #KUBECONFIG_HOST} (the
 * address the admin's kubectl uses for the API), {@link #INGRESS} (where the three DNS records
 * point), and {@link #SSH_USER} / {@link #SSH_PORT} (how Railyard logs in).
 */
public record Hosts(List<Host> managers, List<Host> nodes, String apiAddress, String ingressAddress) {

    public record Host(String name, String address, int port, String user) {}

    public static final String MANAGERS = "manager_public_ips";
    public static final String NODES = "node_public_ips";
    public static final String KUBECONFIG_HOST = "kubeconfig_host";
    public static final String INGRESS = "ingress_ipv4";
    public static final String SSH_USER = "ssh_user";
    public static final String SSH_PORT = "ssh_port";
    /** Every output the run reads; NODES may be missing (Azure's scale set). */
    public static final java.util.List<String> OUTPUTS_READ = java.util.List.of(MANAGERS, NODES, KUBECONFIG_HOST, INGRESS, SSH_USER, SSH_PORT);

    public Hosts {
        managers = List.copyOf(managers);
        nodes = List.copyOf(nodes);
    }

    public List<Host> all() {
        List<Host> all = new ArrayList<>(managers);
        all.addAll(nodes);
        return all;
    }

    public Host firstManager() {
        if (managers.isEmpty()) throw new IllegalStateException("the cluster has no manager");
        return managers.get(0);
    }

    public static Hosts existing(ClusterPlan plan) {
        return existing(plan, dev.railyard.engine.ssh.SshConfigFile.empty());
    }

    /** Existing servers; what the plan leaves open (user, port) comes from {@code ~/.ssh/config}, as ssh would do. */
    public static Hosts existing(ClusterPlan plan, dev.railyard.engine.ssh.SshConfigFile sshConfig) {
        List<Host> managers = new ArrayList<>();
        List<Host> nodes = new ArrayList<>();
        Provider.Existing existing = plan.spec().provider().existing();
        for (Provider.Host h : existing == null ? List.<Provider.Host>of() : existing.hosts()) {
            (h.isManager() ? managers : nodes).add(reach(h, sshConfig));
        }
        String first = managers.isEmpty() ? null : managers.get(0).address();
        return new Hosts(managers, nodes, first, first);
    }

    /** How Railyard reaches one existing server: the plan's user and port, else ~/.ssh/config's, else root and 22. */
    public static Host reach(Provider.Host h, dev.railyard.engine.ssh.SshConfigFile sshConfig) {
        int port = h.sshPort() != null ? h.sshPort() : sshConfig.port(h.address()).orElse(22);
        String user = h.sshUser() != null ? h.sshUser() : sshConfig.user(h.address()).orElse("root");
        return new Host(h.name(), h.address(), port, user);
    }

    /** From {@code terraform output -json}. {@code user}: the cloud image's admin user. */
    public static Hosts fromTerraformOutputs(String outputJson, ClusterPlan plan, String user) throws StepFailedException {
        JsonNode outputs;
        try {
            outputs = new ObjectMapper().readTree(outputJson);
        } catch (java.io.IOException e) {
            throw new StepFailedException("terraform output -json did not print JSON: " + e.getMessage());
        }
        int planPort = plan.spec().network().sshPort() == null ? 22 : plan.spec().network().sshPort();
        int port = outputs.path(SSH_PORT).path("value").asInt(planPort);
        String login = outputs.path(SSH_USER).path("value").asText(user);
        List<Host> managers = hosts(outputs, MANAGERS, plan.name() + "-manager-", port, login);
        List<Host> nodes = hosts(outputs, NODES, plan.name() + "-node-", port, login);
        if (managers.isEmpty()) {
            throw new StepFailedException("Terraform's outputs have no " + MANAGERS + "; was `terraform apply` run on these files?");
        }
        String api = outputs.path(KUBECONFIG_HOST).path("value").asText(managers.get(0).address());
        String ingress = outputs.path(INGRESS).path("value").asText(managers.get(0).address());
        return new Hosts(managers, nodes, api, ingress);
    }

    private static List<Host> hosts(JsonNode outputs, String key, String prefix, int port, String user) {
        List<Host> result = new ArrayList<>();
        JsonNode list = outputs.path(key).path("value");
        for (int i = 0; i < list.size(); i++) result.add(new Host(prefix + (i + 1), list.get(i).asText(), port, user));
        return result;
    }
}
