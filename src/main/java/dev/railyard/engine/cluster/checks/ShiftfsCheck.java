package dev.railyard.engine.cluster.checks;

import dev.railyard.engine.cluster.ClusterSnapshot;
import dev.railyard.engine.cluster.Expectations;
import dev.railyard.engine.cluster.Finding;
import dev.railyard.engine.cluster.HealthCheck;
import dev.railyard.engine.cluster.KubeFacts;
import dev.railyard.engine.plan.Gitpod;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * shiftfs: Gitpod's workspaces need it unless the installer config says {@code fuse}. It is an
 * Ubuntu kernel module, so this reads two things: what ws-daemon (the component that mounts it)
 * logs on each node, and whether workspace nodes run an Ubuntu kernel at all. It also reads which
 * method the cluster really runs: Gitpod 2022.11.3's installer adds the {@code shiftfs-module-loader}
 * init container to ws-daemon only when fsShiftMethod is shiftfs (install/installer/pkg/components/
 * ws-daemon/daemonset.go), so its presence in the running ws-daemon pods (or, before any pod, the
 * DaemonSet's template) tells shiftfs from fuse without reading a ConfigMap.
 */
public final class ShiftfsCheck implements HealthCheck {

    @Override
    public boolean appliesTo(Expectations expect) {
        return expect.platform() == dev.railyard.engine.plan.Platform.GITPOD;
    }

    /** The init container Gitpod 2022.11.3 adds to ws-daemon only for fsShiftMethod shiftfs. */
    public static final String MODULE_LOADER = "shiftfs-module-loader";

    /**
     * The shift method the cluster runs, read from ws-daemon: "shiftfs" or "fuse", with what it was
     * read from; empty when there is no ws-daemon to read (Gitpod not installed yet).
     */
    public static Optional<String> runningMethod(ClusterSnapshot snapshot) {
        List<Pod> pods = snapshot.pods().stream().filter(ShiftfsCheck::isWsDaemon).toList();
        if (!pods.isEmpty()) {
            boolean loader = pods.stream().anyMatch(p -> KubeFacts.containers(p).stream().anyMatch(c -> MODULE_LOADER.equals(c.getName())));
            return Optional.of((loader ? Gitpod.Workspace.SHIFTFS : Gitpod.Workspace.FUSE)
                    + " (ws-daemon pods " + (loader ? "run the " : "have no ") + MODULE_LOADER + " init container)");
        }
        for (DaemonSet ds : snapshot.daemonSets()) {
            if (ds.getMetadata() == null || !"gitpod".equals(ds.getMetadata().getNamespace()) || !"ws-daemon".equals(ds.getMetadata().getName())) continue;
            if (ds.getSpec() == null || ds.getSpec().getTemplate() == null || ds.getSpec().getTemplate().getSpec() == null) continue;
            List<Container> inits = ds.getSpec().getTemplate().getSpec().getInitContainers();
            boolean loader = inits != null && inits.stream().anyMatch(c -> MODULE_LOADER.equals(c.getName()));
            return Optional.of((loader ? Gitpod.Workspace.SHIFTFS : Gitpod.Workspace.FUSE)
                    + " (the ws-daemon DaemonSet " + (loader ? "has the " : "has no ") + MODULE_LOADER + " init container)");
        }
        return Optional.empty();
    }

    /** A ws-daemon pod: Gitpod's namespace, component label {@code ws-daemon}. The gatherer reads its log always. */
    public static boolean isWsDaemon(Pod pod) {
        return "gitpod".equals(KubeFacts.namespace(pod)) && "ws-daemon".equals(KubeFacts.labels(pod).get("component"));
    }

    @Override
    public List<Finding> check(ClusterSnapshot snapshot, Expectations expect) {
        List<Finding> findings = new ArrayList<>();
        Optional<String> running = runningMethod(snapshot);
        String planned = expect.usesFuse() ? Gitpod.Workspace.FUSE : Gitpod.Workspace.SHIFTFS;
        if (expect.fromPlan() && running.isPresent() && !running.get().startsWith(planned + " ")) {
            findings.add(Finding.warning("RY-SHIFTFS-003", "The cluster runs a different file-system shift method than the plan",
                    List.of("plan: spec.gitpod.workspace.fsShiftMethod " + planned, "cluster: " + running.get()),
                    "Re-render Gitpod's config from the plan and re-run the installer (the export's gitpod/ step), "
                            + "or change fsShiftMethod in the plan to what the cluster runs."));
        }
        if (expect.usesFuse()) return findings;
        Map<String, Pod> wsDaemons = new HashMap<>();
        for (Pod pod : snapshot.pods()) {
            if (isWsDaemon(pod)) {
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
