package dev.railyard.engine.cluster.checks;

import dev.railyard.engine.cluster.ClusterSnapshot;
import dev.railyard.engine.cluster.Expectations;
import dev.railyard.engine.cluster.Finding;
import dev.railyard.engine.cluster.HealthCheck;
import dev.railyard.engine.cluster.KubeFacts;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * shiftfs: Gitpod's workspaces need it unless the installer config says {@code fuse}. It is an
 * Ubuntu kernel module, so this reads two things: what ws-daemon (the component that mounts it)
 * logs on each node, and whether workspace nodes run an Ubuntu kernel at all.
 */
public final class ShiftfsCheck implements HealthCheck {

    @Override
    public boolean appliesTo(Expectations expect) {
        return expect.platform() == dev.railyard.engine.plan.Platform.GITPOD;
    }

    @Override
    public List<Finding> check(ClusterSnapshot snapshot, Expectations expect) {
        if (expect.usesFuse()) return List.of();
        List<Finding> findings = new ArrayList<>();
        Map<String, Pod> wsDaemons = new HashMap<>();
        for (Pod pod : snapshot.pods()) {
            if ("gitpod".equals(KubeFacts.namespace(pod)) && "ws-daemon".equals(KubeFacts.labels(pod).get("component"))) {
                wsDaemons.put(KubeFacts.name(pod), pod);
            }
        }
        Set<String> logEvidence = new TreeSet<>();
        snapshot.logs().forEach((ref, lines) -> {
            Pod pod = "gitpod".equals(ref.namespace()) ? wsDaemons.get(ref.pod()) : null;
            if (pod == null) return;
            for (String line : lines) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.contains("shiftfs") && (lower.contains("unknown filesystem") || lower.contains("not found")
                        || lower.contains("not supported") || lower.contains("failed") || lower.contains("error"))) {
                    logEvidence.add(ref.pod() + " on " + KubeFacts.nodeName(pod) + ": " + line.strip());
                    break;
                }
            }
        });
        if (!logEvidence.isEmpty()) {
            findings.add(Finding.error("RY-SHIFTFS-001", "ws-daemon cannot use shiftfs", List.copyOf(logEvidence),
                    "On the node: `modinfo shiftfs && lsmod | grep shiftfs`; load it with `modprobe shiftfs` (Ubuntu 22.04 kernels ship it), "
                            + "or set workspace.fsShiftMethod: fuse in the plan and re-render Gitpod's config."));
        }
        List<String> nonUbuntu = new ArrayList<>();
        for (Node node : snapshot.nodes()) {
            Map<String, String> labels = KubeFacts.labels(node);
            if (!"true".equals(labels.get("gitpod.io/workload_workspace_regular"))) continue;
            String os = KubeFacts.osImage(node);
            if (!os.isEmpty() && !os.toLowerCase(Locale.ROOT).contains("ubuntu")) {
                nonUbuntu.add(KubeFacts.name(node) + ": " + os + ", kernel " + KubeFacts.kernelVersion(node));
            }
        }
        if (!nonUbuntu.isEmpty()) {
            findings.add(Finding.warning("RY-SHIFTFS-002", "Workspace nodes run a kernel that may not have shiftfs", nonUbuntu,
                    "shiftfs is an Ubuntu kernel module: run workspace nodes on Ubuntu 22.04, or use fsShiftMethod fuse."));
        }
        return findings;
    }
}
