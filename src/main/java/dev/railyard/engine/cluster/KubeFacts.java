package dev.railyard.engine.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Null-safe readings of fabric8 objects, whose fields are all optional on the wire. */
public final class KubeFacts {

    public static final String CONTROL_PLANE_LABEL = "node-role.kubernetes.io/control-plane";

    private KubeFacts() {}

    public static String name(Pod pod) {
        return pod.getMetadata() == null ? "" : nz(pod.getMetadata().getName());
    }

    public static String namespace(Pod pod) {
        return pod.getMetadata() == null ? "" : nz(pod.getMetadata().getNamespace());
    }

    public static String qualifiedName(Pod pod) {
        return namespace(pod) + "/" + name(pod);
    }

    public static Map<String, String> labels(Pod pod) {
        return pod.getMetadata() == null || pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
    }

    public static String nodeName(Pod pod) {
        return pod.getSpec() == null || pod.getSpec().getNodeName() == null ? "(not scheduled)" : pod.getSpec().getNodeName();
    }

    public static List<Container> containers(Pod pod) {
        if (pod.getSpec() == null) return List.of();
        List<Container> all = new ArrayList<>();
        if (pod.getSpec().getInitContainers() != null) all.addAll(pod.getSpec().getInitContainers());
        if (pod.getSpec().getContainers() != null) all.addAll(pod.getSpec().getContainers());
        return all;
    }

    public static List<ContainerStatus> containerStatuses(Pod pod) {
        if (pod.getStatus() == null) return List.of();
        List<ContainerStatus> all = new ArrayList<>();
        if (pod.getStatus().getInitContainerStatuses() != null) all.addAll(pod.getStatus().getInitContainerStatuses());
        if (pod.getStatus().getContainerStatuses() != null) all.addAll(pod.getStatus().getContainerStatuses());
        return all;
    }

    public static String waitingReason(ContainerStatus status) {
        if (status.getState() == null || status.getState().getWaiting() == null) return "";
        return nz(status.getState().getWaiting().getReason());
    }

    public static int restarts(ContainerStatus status) {
        return status.getRestartCount() == null ? 0 : status.getRestartCount();
    }

    public static boolean isCrashLooping(Pod pod) {
        for (ContainerStatus status : containerStatuses(pod)) {
            if ("CrashLoopBackOff".equals(waitingReason(status))) return true;
        }
        return false;
    }

    /** Crash-looping, unable to pull or not Ready while Running: the pods whose logs are worth reading. */
    public static boolean isFailing(Pod pod) {
        for (ContainerStatus status : containerStatuses(pod)) {
            String reason = waitingReason(status);
            if (!reason.isEmpty() && !"ContainerCreating".equals(reason) && !"PodInitializing".equals(reason)) return true;
            if (status.getLastState() != null && status.getLastState().getTerminated() != null
                    && restarts(status) > 0 && !Boolean.TRUE.equals(status.getReady())) return true;
        }
        String phase = pod.getStatus() == null ? "" : nz(pod.getStatus().getPhase());
        return "Failed".equals(phase);
    }

    public static boolean isReady(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) return false;
        for (PodCondition condition : pod.getStatus().getConditions()) {
            if ("Ready".equals(condition.getType())) return "True".equals(condition.getStatus());
        }
        return false;
    }

    public static Optional<OwnerReference> controller(Pod pod) {
        if (pod.getMetadata() == null || pod.getMetadata().getOwnerReferences() == null) return Optional.empty();
        return pod.getMetadata().getOwnerReferences().stream()
                .filter(o -> Boolean.TRUE.equals(o.getController()))
                .findFirst()
                .or(() -> pod.getMetadata().getOwnerReferences().stream().findFirst());
    }

    public static String name(Node node) {
        return node.getMetadata() == null ? "" : nz(node.getMetadata().getName());
    }

    public static Map<String, String> labels(Node node) {
        return node.getMetadata() == null || node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    }

    public static Optional<NodeCondition> condition(Node node, String type) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) return Optional.empty();
        return node.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    public static boolean isReady(Node node) {
        return condition(node, "Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    public static boolean isControlPlane(Node node) {
        Map<String, String> labels = labels(node);
        return "true".equals(labels.get(CONTROL_PLANE_LABEL)) || labels.containsKey("node-role.kubernetes.io/master");
    }

    public static String kubeletVersion(Node node) {
        if (node.getStatus() == null || node.getStatus().getNodeInfo() == null) return "";
        return nz(node.getStatus().getNodeInfo().getKubeletVersion());
    }

    public static String kernelVersion(Node node) {
        if (node.getStatus() == null || node.getStatus().getNodeInfo() == null) return "";
        return nz(node.getStatus().getNodeInfo().getKernelVersion());
    }

    public static String osImage(Node node) {
        if (node.getStatus() == null || node.getStatus().getNodeInfo() == null) return "";
        return nz(node.getStatus().getNodeInfo().getOsImage());
    }

    /** The address of a given type ("ExternalIP", "InternalIP"), if the node reports one. */
    public static Optional<String> address(Node node, String type) {
        if (node.getStatus() == null || node.getStatus().getAddresses() == null) return Optional.empty();
        return node.getStatus().getAddresses().stream()
                .filter(a -> type.equals(a.getType()))
                .map(NodeAddress::getAddress)
                .findFirst();
    }

    public static String nz(String s) {
        return s == null ? "" : s;
    }
}
