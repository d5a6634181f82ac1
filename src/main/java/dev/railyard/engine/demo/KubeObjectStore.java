package dev.railyard.engine.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What the simulated API server holds: its objects as JSON, stamped with the metadata a server adds, and the log text
 * of pod containers. Not thread-safe on purpose: {@link KubeApi} holds one lock around every call, so a controller's
 * read-modify-put and a request never interleave.
 */
final class KubeObjectStore {

    /** Where an object lives: API group ("" for core), resource plural, namespace ("" when cluster-scoped), name. */
    record Key(String group, String plural, String namespace, String name) implements Comparable<Key> {
        Key {
            if (namespace == null) namespace = "";
        }

        @Override
        public int compareTo(Key o) {
            return toString().compareTo(o.toString());
        }
    }

    private final Clock clock;
    private final TreeMap<Key, ObjectNode> objects = new TreeMap<>();
    /** By "namespace/pod/container"; previous: the run before the last restart. */
    private final Map<String, String> logs = new LinkedHashMap<>();
    private final Map<String, String> previousLogs = new LinkedHashMap<>();
    private long resourceVersion = 1000;

    KubeObjectStore(Clock clock) {
        this.clock = clock;
    }

    Optional<ObjectNode> get(Key key) {
        return Optional.ofNullable(objects.get(key));
    }

    boolean contains(Key key) {
        return objects.containsKey(key);
    }

    List<ObjectNode> list(String group, String plural) {
        List<ObjectNode> result = new ArrayList<>();
        objects.forEach((k, v) -> {
            if (k.group().equals(group) && k.plural().equals(plural)) result.add(v);
        });
        return result;
    }

    /** Creates or replaces {@code object}, wherever its kind, namespace and name say it lives. */
    ObjectNode put(ObjectNode object) {
        KubeKind kind = KubeKind.of(object.path("apiVersion").asText(), object.path("kind").asText());
        ObjectNode meta = object.withObjectProperty("metadata");
        String ns = kind.namespaced() ? meta.path("namespace").asText("default") : "";
        if (kind.namespaced()) meta.put("namespace", ns);
        store(new Key(kind.group(), kind.plural(), ns, meta.path("name").asText()), object);
        return object;
    }

    /** Stores {@code object} at {@code key}; a replacement keeps the uid and creation time of what it replaces. */
    void store(Key key, ObjectNode object) {
        ObjectNode existing = objects.get(key);
        ObjectNode meta = object.withObjectProperty("metadata");
        if (existing != null) {
            meta.put("uid", existing.path("metadata").path("uid").asText());
            meta.put("creationTimestamp", existing.path("metadata").path("creationTimestamp").asText());
        } else {
            // the same object gets the same uid in every run, so a demo's support bundle is reproducible
            if (!meta.hasNonNull("uid")) meta.put("uid", UUID.nameUUIDFromBytes((object.path("kind").asText() + meta).getBytes(StandardCharsets.UTF_8)).toString());
            if (!meta.hasNonNull("creationTimestamp")) meta.put("creationTimestamp", ClusterObjects.iso(clock.instant()));
        }
        meta.put("resourceVersion", Long.toString(++resourceVersion));
        objects.put(key, object);
    }

    Optional<ObjectNode> remove(Key key) {
        ObjectNode removed = objects.remove(key);
        // a Job's pods go with it (propagation policy Background)
        if (removed != null && key.plural().equals("jobs")) {
            objects.keySet().removeIf(k -> k.plural().equals("pods") && k.namespace().equals(key.namespace())
                    && k.name().startsWith(key.name() + "-"));
        }
        return Optional.ofNullable(removed);
    }

    /**
     * A {@code KIND List} of the objects of {@code kind} in {@code namespace} (null or "": all) whose labels and
     * fields equal the selectors'. Only equality selectors, and only the two fields fabric8's callers select on.
     */
    ObjectNode listOf(KubeKind kind, String namespace, String labelSelector, String fieldSelector) {
        ObjectNode list = KubeApi.NODES.objectNode().put("apiVersion", kind.apiVersion()).put("kind", kind.kind() + "List");
        list.putObject("metadata").put("resourceVersion", Long.toString(resourceVersion));
        ArrayNode items = list.putArray("items");
        Map<String, String> labels = selector(labelSelector);
        Map<String, String> fields = selector(fieldSelector);
        objects.forEach((k, v) -> {
            if (!k.group().equals(kind.group()) || !k.plural().equals(kind.plural())) return;
            if (namespace != null && !namespace.isEmpty() && !k.namespace().equals(namespace)) return;
            JsonNode l = v.path("metadata").path("labels");
            for (Map.Entry<String, String> e : labels.entrySet()) {
                if (!e.getValue().equals(l.path(e.getKey()).asText(null))) return;
            }
            for (Map.Entry<String, String> e : fields.entrySet()) {
                String actual = switch (e.getKey()) {
                    case "metadata.name" -> k.name();
                    case "metadata.namespace" -> k.namespace();
                    default -> null;
                };
                if (actual != null && !actual.equals(e.getValue())) return;
            }
            items.add(v);
        });
        return list;
    }

    private static Map<String, String> selector(String text) {
        Map<String, String> result = new LinkedHashMap<>();
        if (text == null || text.isBlank()) return result;
        for (String part : text.split(",")) {
            String[] kv = part.split("==?", 2);
            if (kv.length == 2) result.put(kv[0].trim(), kv[1].trim());
        }
        return result;
    }

    void setLog(String namespace, String pod, String container, String current, String previous) {
        String key = namespace + "/" + pod + "/" + container;
        logs.put(key, current);
        if (previous == null) previousLogs.remove(key); else previousLogs.put(key, previous);
    }

    /** The container's log text, of its current run or of the one before its last restart; null when there is none. */
    String log(String namespace, String pod, String container, boolean previous) {
        String key = namespace + "/" + pod + "/" + container;
        return previous ? previousLogs.get(key) : logs.get(key);
    }
}
