package dev.railyard.engine.cluster.checks;

import dev.railyard.engine.cluster.ClusterSnapshot;
import dev.railyard.engine.cluster.Expectations;
import dev.railyard.engine.cluster.Finding;
import dev.railyard.engine.cluster.HealthCheck;
import dev.railyard.engine.cluster.KubeFacts;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * No pod outside Gitpod's own node daemons may reach the node's container runtime. A hostPath of a
 * runtime socket, or of any directory above one ({@code /}, {@code /run}, {@code /var/run/k3s}...),
 * gives whoever runs in the pod root on the node and every workspace on it.
 *
 * <p>Allowed: pods in namespace {@code gitpod} controlled by a DaemonSet named {@code ws-daemon},
 * {@code registry-facade} or {@code agent-smith}: the node daemons Gitpod's installer deploys on
 * workspace nodes (ws-daemon talks to containerd at {@code workspace.runtime.containerdSocket} to
 * manage workspace filesystems; agent-smith inspects workspace processes; registry-facade serves
 * workspace images next to them). Identity is the controlling DaemonSet, not the pod's name, which
 * anyone who may create pods can choose.
 */
public final class SocketIsolationCheck implements HealthCheck {

    public static final List<String> RUNTIME_SOCKETS = List.of(
            "/var/run/docker.sock", "/run/containerd/containerd.sock", "/run/k3s/containerd/containerd.sock");
    public static final Set<String> NODE_DAEMONS = Set.of("ws-daemon", "registry-facade", "agent-smith");

    @Override
    public List<Finding> check(ClusterSnapshot snapshot, Expectations expect) {
        List<String> violations = new ArrayList<>();
        for (Pod pod : snapshot.pods()) {
            if (pod.getSpec() == null || pod.getSpec().getVolumes() == null || isGitpodNodeDaemon(pod)) continue;
            for (Volume volume : pod.getSpec().getVolumes()) {
                if (volume.getHostPath() == null) continue;
                String hostPath = volume.getHostPath().getPath();
                Optional<String> socket = exposedSocket(hostPath);
                if (socket.isEmpty()) continue;
                List<String> mounts = new ArrayList<>();
                for (Container container : KubeFacts.containers(pod)) {
                    if (container.getVolumeMounts() == null) continue;
                    for (VolumeMount mount : container.getVolumeMounts()) {
                        if (volume.getName().equals(mount.getName())) {
                            mounts.add("container " + container.getName() + " at " + mount.getMountPath());
                        }
                    }
                }
                String where = mounts.isEmpty() ? "no container mounts it yet" : String.join(", ", mounts);
                violations.add("pod " + KubeFacts.qualifiedName(pod) + ", volume " + volume.getName() + " = hostPath " + hostPath
                        + (hostPath.equals(socket.get()) ? "" : " (contains " + socket.get() + ")") + ": " + where);
            }
        }
        if (violations.isEmpty()) return List.of();
        return List.of(Finding.error("RY-ISO-001", violations.size() + " pod volume(s) expose the node's container runtime", violations,
                "Remove the hostPath volume: a pod with the runtime socket controls every container on the node, workspaces included. "
                        + "Builds that need Docker belong in a Gitpod workspace, which has its own rootless Docker daemon."));
    }

    static boolean isGitpodNodeDaemon(Pod pod) {
        if (!"gitpod".equals(KubeFacts.namespace(pod))) return false;
        Optional<OwnerReference> owner = KubeFacts.controller(pod);
        return owner.isPresent() && "DaemonSet".equals(owner.get().getKind()) && NODE_DAEMONS.contains(owner.get().getName());
    }

    /** The runtime socket a host path reaches: the socket itself or a directory above it. */
    static Optional<String> exposedSocket(String hostPath) {
        if (hostPath == null || hostPath.isBlank()) return Optional.empty();
        String path = normalize(hostPath);
        for (String socket : RUNTIME_SOCKETS) {
            String target = normalize(socket);
            if (path.equals("/") || path.equals(target) || target.startsWith(path + "/")) return Optional.of(socket);
        }
        return Optional.empty();
    }

    /** Collapses {@code //}, {@code .}, {@code ..} and trailing slashes; {@code /var/run} is a symlink to {@code /run} on every distribution k3s supports. */
    static String normalize(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) {
                if (!parts.isEmpty()) parts.removeLast();
                continue;
            }
            parts.addLast(part);
        }
        String joined = "/" + String.join("/", parts);
        if (joined.equals("/var/run") || joined.startsWith("/var/run/")) joined = joined.substring("/var".length());
        return joined;
    }
}
