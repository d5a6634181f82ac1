package dev.railyard.engine.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** The two patch formats fabric8 sends: JSON merge patch (its {@code patch()}) and JSON patch (its {@code edit()}). */
final class KubePatches {

    private KubePatches() {}

    /** RFC 7386: objects merge, null removes, anything else replaces. */
    static void mergePatch(ObjectNode target, JsonNode patch) {
        if (!patch.isObject()) return;
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            if (e.getValue().isNull()) {
                target.remove(e.getKey());
            } else if (e.getValue().isObject() && target.get(e.getKey()) instanceof ObjectNode child) {
                mergePatch(child, e.getValue());
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    /** RFC 6902's add, remove, replace and test: what fabric8's edit() sends. */
    static void jsonPatch(ObjectNode target, ArrayNode ops) {
        for (JsonNode op : ops) {
            String[] path = op.path("path").asText().substring(1).split("/", -1);
            JsonNode parent = target;
            for (int i = 0; i < path.length - 1; i++) parent = child(parent, unescape(path[i]));
            String last = unescape(path[path.length - 1]);
            switch (op.path("op").asText()) {
                case "add", "replace" -> {
                    if (parent instanceof ObjectNode o) {
                        o.set(last, op.get("value").deepCopy());
                    } else if (parent instanceof ArrayNode a) {
                        if (last.equals("-")) a.add(op.get("value").deepCopy());
                        else if (op.path("op").asText().equals("add")) a.insert(Integer.parseInt(last), op.get("value").deepCopy());
                        else a.set(Integer.parseInt(last), op.get("value").deepCopy());
                    }
                }
                case "remove" -> {
                    if (parent instanceof ObjectNode o) o.remove(last);
                    else if (parent instanceof ArrayNode a) a.remove(Integer.parseInt(last));
                }
                case "test" -> {
                    // the simulation has no concurrent writers: a test always holds
                }
                default -> throw new IllegalArgumentException("JSON patch op " + op.path("op").asText() + " is not simulated");
            }
        }
    }

    private static JsonNode child(JsonNode parent, String name) {
        JsonNode c = parent.isArray() ? parent.get(Integer.parseInt(name)) : parent.get(name);
        if (c == null) throw new IllegalArgumentException("JSON patch path: no " + name);
        return c;
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
