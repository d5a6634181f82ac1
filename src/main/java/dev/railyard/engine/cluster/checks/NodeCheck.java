package dev.railyard.engine.cluster.checks;

import static dev.railyard.engine.cluster.KubeFacts.condition;
import static dev.railyard.engine.cluster.KubeFacts.isControlPlane;
import static dev.railyard.engine.cluster.KubeFacts.kubeletVersion;
import static dev.railyard.engine.cluster.KubeFacts.labels;
import static dev.railyard.engine.cluster.KubeFacts.name;

import dev.railyard.engine.cluster.ClusterSnapshot;
import dev.railyard.engine.cluster.Expectations;
import dev.railyard.engine.cluster.Finding;
import dev.railyard.engine.cluster.HealthCheck;
import dev.railyard.engine.plan.GitpodNodeLabels;
import dev.railyard.engine.plan.Platform;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** Nodes: Ready, pressure, versions, Gitpod's workload labels, taints per preset, allocatable size. */
public final class NodeCheck implements HealthCheck {

    /** Gitpod schedules every component by these labels; a node without all five gets none of it. */
    public static final List<String> WORKLOAD_LABELS = GitpodNodeLabels.KEYS;

    private static final List<String> PRESSURES = List.of("MemoryPressure", "DiskPressure", "PIDPressure");

    /**
     * Nodes in practice are 4 vCPU / 16 GB; the kubelet keeps a little back, so allocatable below
     * 3.5 CPU or 14 GiB means a smaller machine than Gitpod was ever run on.
     */
    static final BigDecimal MIN_CPU = new BigDecimal("3.5");
    static final BigDecimal MIN_MEMORY = new BigDecimal(14L * 1024 * 1024 * 1024);

    @Override
    public List<Finding> check(ClusterSnapshot snapshot, Expectations expect) {
        List<Finding> findings = new ArrayList<>();
        if (snapshot.nodes().isEmpty()) {
            findings.add(Finding.error("RY-NODE-000", "The cluster reports no nodes",
                    List.of("kubectl get nodes: 0 nodes"),
                    "Check that k3s runs on the managers (`systemctl status k3s`) and that the kubeconfig points at this cluster."));
            return findings;
        }
        List<String> notReady = new ArrayList<>();
        List<String> pressure = new ArrayList<>();
        List<String> unlabeled = new ArrayList<>();
        List<String> taintProblems = new ArrayList<>();
        List<String> small = new ArrayList<>();
        Map<String, List<String>> versions = new TreeMap<>();
        int gitpodReady = 0;
        for (Node node : snapshot.nodes()) {
            String name = name(node);
            Optional<NodeCondition> ready = condition(node, "Ready");
            if (ready.isEmpty() || !"True".equals(ready.get().getStatus())) {
                notReady.add(name + ": Ready=" + ready.map(NodeCondition::getStatus).orElse("missing")
                        + ready.map(c -> " reason=" + c.getReason() + " (" + c.getMessage() + ") since " + c.getLastTransitionTime()).orElse(""));
            }
            for (String type : PRESSURES) {
                condition(node, type).filter(c -> "True".equals(c.getStatus()))
                        .ifPresent(c -> pressure.add(name + ": " + type + "=True (" + c.getMessage() + ")"));
            }
            condition(node, "NetworkUnavailable").filter(c -> "True".equals(c.getStatus()))
                    .ifPresent(c -> pressure.add(name + ": NetworkUnavailable=True (" + c.getMessage() + ")"));
            versions.computeIfAbsent(kubeletVersion(node), v -> new ArrayList<>()).add(name);

            boolean tainted = hasNoSchedule(node);
            boolean manager = isControlPlane(node);
            if (manager && expect.managersTainted() && !tainted) {
                taintProblems.add(name + ": control-plane node without a NoSchedule taint (preset " + expect.preset() + ")");
            }
            if (manager && "small".equals(expect.preset()) && tainted) {
                taintProblems.add(name + ": the only manager is tainted NoSchedule, but preset small runs Gitpod on it");
            }
            // Gitpod's workload labels and node size; Coder schedules its workspaces without labels
            boolean runsGitpod = !tainted && expect.platform() == Platform.GITPOD;
            if (!runsGitpod) continue;
            Map<String, String> labels = labels(node);
            List<String> missing = WORKLOAD_LABELS.stream().filter(l -> !"true".equals(labels.get(l))).toList();
            if (missing.isEmpty()) {
                gitpodReady++;
                checkSize(node, small);
            } else if (!(manager && expect.managersTainted())) {
                unlabeled.add(name + ": missing " + String.join(", ", missing));
            }
        }
        if (!notReady.isEmpty()) {
            findings.add(Finding.error("RY-NODE-001", notReady.size() + " node(s) not Ready", notReady,
                    "On each node: `systemctl status k3s-agent` (k3s on managers) and `journalctl -u k3s-agent -n 100`. "
                            + "A node that lost its managers shows NotReady after 40s: check 6443/tcp and 8472/udp between hosts."));
        }
        if (!pressure.isEmpty()) {
            findings.add(Finding.warning("RY-NODE-002", "Node resource pressure or network unavailable", pressure,
                    "Under pressure the kubelet evicts pods and refuses new ones. Memory: fewer workspaces per node or a bigger node type; "
                            + "disk: prune images (`k3s crictl rmi --prune`) and old workspace backups; NetworkUnavailable: flannel did not start, see `journalctl -u k3s`."));
        }
        if (versions.size() > 1 || (expect.k3sVersion() != null && !versions.containsKey(expect.k3sVersion()))) {
            List<String> evidence = new ArrayList<>();
            versions.forEach((v, names) -> evidence.add(v + ": " + String.join(", ", names)));
            if (expect.k3sVersion() != null) evidence.add("plan pins k3s " + expect.k3sVersion());
            findings.add(Finding.warning("RY-NODE-003", "Nodes run different k3s versions than expected", evidence,
                    "Upgrade or reinstall the odd nodes with INSTALL_K3S_VERSION=" + (expect.k3sVersion() == null ? "<the managers' version>" : expect.k3sVersion())
                            + "; agents must not be newer than the servers."));
        }
        if (!unlabeled.isEmpty()) {
            findings.add(new Finding("RY-NODE-004", gitpodReady == 0 ? Finding.Severity.ERROR : Finding.Severity.WARNING,
                    gitpodReady == 0 ? "No node carries Gitpod's five workload labels: Gitpod cannot schedule"
                            : "Some schedulable nodes lack Gitpod's workload labels", unlabeled,
                    "Add to /etc/rancher/k3s/config.yaml `node-label:` each of " + String.join("=true, ", WORKLOAD_LABELS)
                            + "=true and restart k3s, or `kubectl label node <name> <label>=true`. "
                            + "(Gitpod 2022.11 needs workload_workspace_services; the shorter workload_services of newer guides is a 2023 "
                            + "rename that no self-hosted release understands.)"));
        }
        if (!taintProblems.isEmpty()) {
            findings.add(Finding.warning("RY-NODE-005", "Manager taints do not match the plan's preset", taintProblems,
                    expect.managersTainted()
                            ? "Add `node-taint: [\"node-role.kubernetes.io/control-plane=true:NoSchedule\"]` to the managers' k3s config: with embedded etcd they must not run workspaces."
                            : "Remove the NoSchedule taint: `kubectl taint node <name> node-role.kubernetes.io/control-plane-`."));
        }
        if (!small.isEmpty()) {
            findings.add(Finding.warning("RY-NODE-006", "Nodes are smaller than Gitpod needs", small,
                    "Use 4 vCPU / 16 GB or larger for nodes that run Gitpod (Hetzner cx43, Azure Standard_D4s_v5)."));
        }
        return findings;
    }

    private static boolean hasNoSchedule(Node node) {
        if (node.getSpec() == null || node.getSpec().getTaints() == null) return false;
        for (Taint taint : node.getSpec().getTaints()) {
            if ("NoSchedule".equals(taint.getEffect()) || "NoExecute".equals(taint.getEffect())) return true;
        }
        return Boolean.TRUE.equals(node.getSpec().getUnschedulable());
    }

    private static void checkSize(Node node, List<String> small) {
        if (node.getStatus() == null || node.getStatus().getAllocatable() == null) return;
        Map<String, Quantity> allocatable = node.getStatus().getAllocatable();
        TreeSet<String> problems = new TreeSet<>();
        Quantity cpu = allocatable.get("cpu");
        Quantity memory = allocatable.get("memory");
        if (cpu != null && cpu.getNumericalAmount().compareTo(MIN_CPU) < 0) problems.add("cpu " + cpu + " < " + MIN_CPU);
        if (memory != null && memory.getNumericalAmount().compareTo(MIN_MEMORY) < 0) problems.add("memory " + memory + " < 14Gi");
        if (!problems.isEmpty()) small.add(name(node) + ": allocatable " + String.join(", ", problems));
    }
}
