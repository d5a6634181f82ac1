package dev.railyard.engine.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.railyard.engine.plan.AtomicFiles;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A zip a person can attach to a bug report: findings (JSON and text), node and pod summaries,
 * recent events, the recent logs of failing pods, the plan (it holds references, never values),
 * versions, and a {@code manifest.json} listing every entry. Secrets are never read into a snapshot
 * to begin with, and every text entry passes through {@link CredentialPatternRedactor} on the way out.
 */
public final class SupportBundle {

    private final ObjectMapper json = ReportJson.mapper();
    private final Map<String, String> entries = new LinkedHashMap<>();
    private final Map<String, String> descriptions = new LinkedHashMap<>();

    private SupportBundle() {}

    /** The plan arrives as its YAML text (written by PlanFormat) so the engine does not depend on where it came from. */
    public static byte[] build(HealthReport report, ClusterSnapshot snapshot, Optional<String> planYaml, String railyardVersion) {
        SupportBundle bundle = new SupportBundle();
        bundle.add("findings.json", "the findings as JSON (same shape as `railyard health --json`)", ReportJson.toText(report));
        bundle.add("findings.txt", "the findings as text", report.toText());
        bundle.add("nodes.json", "one summary per node: readiness, conditions, versions, taints, Gitpod labels", bundle.nodes(snapshot));
        bundle.add("pods.json", "one summary per pod: phase, node, readiness, restarts, waiting reasons", bundle.pods(snapshot));
        bundle.add("events.json", "the most recent cluster events", bundle.events(snapshot));
        snapshot.logs().forEach((ref, lines) -> bundle.add(
                "logs/" + safe(ref.namespace()) + "/" + safe(ref.pod()) + "/" + safe(ref.container()) + ".log",
                "recent log lines of " + ref, String.join("\n", lines) + "\n"));
        planYaml.ifPresent(p -> bundle.add("plan.yaml", "the Railyard plan (secret references only, never values)", p));
        bundle.add("versions.json", "Railyard, Java, Kubernetes and kubelet versions", bundle.versions(snapshot, railyardVersion));
        if (!snapshot.gaps().isEmpty()) {
            bundle.add("gaps.txt", "what could not be read from the cluster", String.join("\n", snapshot.gaps()) + "\n");
        }
        return bundle.zip();
    }

    public static void write(Path zip, HealthReport report, ClusterSnapshot snapshot, Optional<String> planYaml, String railyardVersion)
            throws IOException {
        // owner-only: logs can say more about a cluster than the redactor knows to hide
        AtomicFiles.write(zip, build(report, snapshot, planYaml, railyardVersion), true);
    }

    private void add(String name, String description, String content) {
        entries.put(name, CredentialPatternRedactor.redact(content));
        descriptions.put(name, description);
    }

    private byte[] zip() {
        ObjectNode manifest = json.createObjectNode();
        manifest.put("format", "railyard-support-bundle/v1");
        manifest.put("redacted", "Secret objects are never read; tokens, passwords and private keys in text are replaced by " + CredentialPatternRedactor.MASK);
        ArrayNode list = manifest.putArray("entries");
        entries.forEach((name, content) -> list.addObject().put("name", name).put("description", descriptions.get(name))
                .put("bytes", content.getBytes(StandardCharsets.UTF_8).length));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            put(out, "manifest.json", write(manifest));
            for (Map.Entry<String, String> e : entries.entrySet()) put(out, e.getKey(), e.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    private String nodes(ClusterSnapshot snapshot) {
        ArrayNode array = json.createArrayNode();
        for (Node node : snapshot.nodes()) {
            ObjectNode o = array.addObject();
            o.put("name", KubeFacts.name(node));
            o.put("ready", KubeFacts.isReady(node));
            o.put("controlPlane", KubeFacts.isControlPlane(node));
            o.put("kubelet", KubeFacts.kubeletVersion(node));
            o.put("osImage", KubeFacts.osImage(node));
            o.put("kernel", KubeFacts.kernelVersion(node));
            o.put("internalIP", KubeFacts.address(node, "InternalIP").orElse(""));
            o.put("podCIDR", node.getSpec() == null ? "" : KubeFacts.nz(node.getSpec().getPodCIDR()));
            ArrayNode conditions = o.putArray("conditions");
            if (node.getStatus() != null && node.getStatus().getConditions() != null) {
                node.getStatus().getConditions().forEach(c -> conditions.add(c.getType() + "=" + c.getStatus()
                        + (c.getReason() == null ? "" : " (" + c.getReason() + ")")));
            }
            ArrayNode taints = o.putArray("taints");
            if (node.getSpec() != null && node.getSpec().getTaints() != null) {
                for (Taint t : node.getSpec().getTaints()) taints.add(t.getKey() + "=" + KubeFacts.nz(t.getValue()) + ":" + t.getEffect());
            }
            ArrayNode labels = o.putArray("gitpodLabels");
            KubeFacts.labels(node).keySet().stream().filter(k -> k.startsWith("gitpod.io/")).sorted().forEach(labels::add);
            if (node.getStatus() != null && node.getStatus().getAllocatable() != null) {
                ObjectNode allocatable = o.putObject("allocatable");
                node.getStatus().getAllocatable().forEach((k, v) -> {
                    if (k.equals("cpu") || k.equals("memory") || k.equals("pods")) allocatable.put(k, v.toString());
                });
            }
        }
        return write(array);
    }

    private String pods(ClusterSnapshot snapshot) {
        ArrayNode array = json.createArrayNode();
        for (Pod pod : snapshot.pods()) {
            ObjectNode o = array.addObject();
            o.put("namespace", KubeFacts.namespace(pod));
            o.put("name", KubeFacts.name(pod));
            o.put("node", KubeFacts.nodeName(pod));
            o.put("phase", pod.getStatus() == null ? "" : KubeFacts.nz(pod.getStatus().getPhase()));
            o.put("ready", KubeFacts.isReady(pod));
            int restarts = 0;
            List<String> waiting = new ArrayList<>();
            for (ContainerStatus s : KubeFacts.containerStatuses(pod)) {
                restarts += KubeFacts.restarts(s);
                String reason = KubeFacts.waitingReason(s);
                if (!reason.isEmpty()) waiting.add(s.getName() + ": " + reason);
            }
            o.put("restarts", restarts);
            ArrayNode w = o.putArray("waiting");
            waiting.forEach(w::add);
        }
        return write(array);
    }

    private String events(ClusterSnapshot snapshot) {
        ArrayNode array = json.createArrayNode();
        for (Event e : snapshot.events()) {
            ObjectNode o = array.addObject();
            o.put("namespace", e.getMetadata() == null ? "" : KubeFacts.nz(e.getMetadata().getNamespace()));
            o.put("object", e.getInvolvedObject() == null ? "" : e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName());
            o.put("type", KubeFacts.nz(e.getType()));
            o.put("reason", KubeFacts.nz(e.getReason()));
            o.put("message", KubeFacts.nz(e.getMessage()));
            o.put("count", e.getCount() == null ? 1 : e.getCount());
            o.put("lastTimestamp", KubeFacts.nz(e.getLastTimestamp()));
        }
        return write(array);
    }

    private String versions(ClusterSnapshot snapshot, String railyardVersion) {
        ObjectNode o = json.createObjectNode();
        o.put("railyard", railyardVersion);
        o.put("java", System.getProperty("java.version"));
        o.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        o.put("kubernetesServer", snapshot.serverVersion());
        ObjectNode kubelets = o.putObject("kubelets");
        for (Node node : snapshot.nodes()) kubelets.put(KubeFacts.name(node), KubeFacts.kubeletVersion(node));
        o.put("snapshotTakenAt", snapshot.takenAt().toString());
        return write(o);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String safe(String part) {
        return part.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
