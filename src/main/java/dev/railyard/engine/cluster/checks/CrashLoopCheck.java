package dev.railyard.engine.cluster.checks;

import static dev.railyard.engine.cluster.KubeFacts.containerStatuses;
import static dev.railyard.engine.cluster.KubeFacts.nodeName;
import static dev.railyard.engine.cluster.KubeFacts.qualifiedName;
import static dev.railyard.engine.cluster.KubeFacts.restarts;
import static dev.railyard.engine.cluster.KubeFacts.waitingReason;

import dev.railyard.engine.cluster.ClusterSnapshot;
import dev.railyard.engine.cluster.ContainerRef;
import dev.railyard.engine.cluster.Expectations;
import dev.railyard.engine.cluster.Finding;
import dev.railyard.engine.cluster.HealthCheck;
import dev.railyard.engine.cluster.KubeFacts;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;

/** Pods in CrashLoopBackOff (with restart counts and last log lines) and pods that cannot pull their image. */
public final class CrashLoopCheck implements HealthCheck {

    static final int LAST_LINES = 3;

    @Override
    public List<Finding> check(ClusterSnapshot snapshot, Expectations expect) {
        List<Finding> findings = new ArrayList<>();
        List<String> pulls = new ArrayList<>();
        for (Pod pod : snapshot.pods()) {
            for (ContainerStatus status : containerStatuses(pod)) {
                String reason = waitingReason(status);
                if ("CrashLoopBackOff".equals(reason)) {
                    findings.add(crashLoop(snapshot, pod, status));
                } else if ("ImagePullBackOff".equals(reason) || "ErrImagePull".equals(reason)) {
                    pulls.add(qualifiedName(pod) + " (" + status.getName() + "): " + reason + " "
                            + status.getImage() + ": " + KubeFacts.nz(status.getState().getWaiting().getMessage()));
                }
            }
        }
        if (!pulls.isEmpty()) {
            findings.add(Finding.warning("RY-POD-002", pulls.size() + " container(s) cannot pull their image", pulls,
                    "Check the image name and tag, the registry credentials (Secret of type kubernetes.io/dockerconfigjson) "
                            + "and that the node reaches the registry; Gitpod no longer publishes its self-hosted images, so mirror them."));
        }
        return findings;
    }

    private static Finding crashLoop(ClusterSnapshot snapshot, Pod pod, ContainerStatus status) {
        ContainerRef ref = new ContainerRef(KubeFacts.namespace(pod), KubeFacts.name(pod), status.getName());
        List<String> evidence = new ArrayList<>();
        evidence.add(ref + " on node " + nodeName(pod) + ": CrashLoopBackOff, " + restarts(status) + " restarts");
        if (status.getLastState() != null && status.getLastState().getTerminated() != null) {
            var last = status.getLastState().getTerminated();
            evidence.add("last exit: code " + last.getExitCode() + " (" + KubeFacts.nz(last.getReason()) + ") at " + last.getFinishedAt());
        }
        List<String> lines = snapshot.logs().getOrDefault(ref, List.of());
        for (String line : lines.subList(Math.max(0, lines.size() - LAST_LINES), lines.size())) {
            evidence.add("log: " + line);
        }
        return Finding.error("RY-POD-001", ref.namespace() + "/" + ref.pod() + " is crash-looping", evidence,
                "Read the container's previous log: `kubectl logs -n " + ref.namespace() + " " + ref.pod() + " -c "
                        + ref.container() + " --previous`. If it shows DNS lookups timing out, see RY-DNS-001.");
    }
}
