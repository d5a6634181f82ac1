package dev.railyard.engine.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a REST request into what the API server does with its objects: the path says which kind, namespace, name
 * and subresource; the method says get, list, watch, create, replace, patch or delete. No admission and no validation
 * beyond the required name: the simulation only has to answer what Railyard's steps send, as a real server would.
 */
final class KubeRequestRouter {

    /** A parsed request path. {@code name} and {@code subresource} may be null; {@code namespace} null: all namespaces. */
    record Target(String group, String version, String plural, String namespace, String name, String subresource) {}

    private final KubeObjectStore store;
    private final String serverVersion;

    KubeRequestRouter(KubeObjectStore store, String serverVersion) {
        this.store = store;
        this.serverVersion = serverVersion;
    }

    KubeResponse route(String method, URI uri, String contentType, byte[] body) throws IOException {
        String path = uri.getPath();
        Map<String, String> query = query(uri);
        if (path.equals("/version")) return KubeDiscovery.version(serverVersion);
        Optional<KubeResponse> discovery = KubeDiscovery.answer(path);
        if (discovery.isPresent()) return discovery.get();
        Target t = parse(path);
        KubeKind kind = t == null ? null : KubeKind.byPlural(t.group(), t.plural()).orElse(null);
        if (kind == null) return KubeResponse.status(404, "NotFound", "the server could not find the requested resource (" + path + ")");
        if ("log".equals(t.subresource())) return log(t, query);
        if (t.subresource() != null && !"status".equals(t.subresource())) {
            return KubeResponse.status(404, "NotFound", t.subresource() + " is not served by this simulation");
        }
        String ns = kind.namespaced() ? t.namespace() : "";
        KubeObjectStore.Key key = new KubeObjectStore.Key(t.group(), t.plural(), ns, t.name());
        return switch (method) {
            case "GET" -> get(kind, key, ns, query);
            case "POST" -> create(kind, t, ns, body);
            case "PUT" -> replace(kind, key, t, body);
            case "PATCH" -> patch(kind, key, contentType, body);
            case "DELETE" -> t.name() == null
                    ? KubeResponse.status(405, "MethodNotAllowed", "collection delete is not simulated")
                    : store.remove(key).map(o -> KubeResponse.json(200, o)).orElseGet(() -> KubeResponse.notFound(kind, t.name()));
            default -> KubeResponse.status(405, "MethodNotAllowed", method + " is not simulated");
        };
    }

    private KubeResponse get(KubeKind kind, KubeObjectStore.Key key, String ns, Map<String, String> query) {
        if (key.name() != null) {
            return store.get(key).map(o -> KubeResponse.json(200, o)).orElseGet(() -> KubeResponse.notFound(kind, key.name()));
        }
        // the simulation's controllers change objects without events: fabric8 sees the changes by listing again
        if ("true".equals(query.get("watch"))) return KubeResponse.emptyWatch();
        return KubeResponse.json(200, store.listOf(kind, ns, query.get("labelSelector"), query.get("fieldSelector")));
    }

    private KubeResponse create(KubeKind kind, Target t, String ns, byte[] body) throws IOException {
        ObjectNode o = (ObjectNode) KubeApi.JSON.readTree(body);
        o.put("apiVersion", kind.apiVersion()).put("kind", kind.kind());
        if (kind.namespaced()) o.withObjectProperty("metadata").put("namespace", ns);
        String name = o.path("metadata").path("name").asText("");
        if (name.isEmpty()) return KubeResponse.status(422, "Invalid", "metadata.name: Required value");
        KubeObjectStore.Key key = new KubeObjectStore.Key(t.group(), t.plural(), ns, name);
        if (store.contains(key)) return KubeResponse.status(409, "AlreadyExists", kind.plural() + " \"" + name + "\" already exists");
        store.store(key, o);
        return KubeResponse.json(201, o);
    }

    /** A replace that leaves out the status keeps the old one, as the main resource of a real server ignores status. */
    private KubeResponse replace(KubeKind kind, KubeObjectStore.Key key, Target t, byte[] body) throws IOException {
        Optional<ObjectNode> existing = store.get(key);
        if (existing.isEmpty()) return KubeResponse.notFound(kind, key.name());
        ObjectNode o = (ObjectNode) KubeApi.JSON.readTree(body);
        if (!"status".equals(t.subresource()) && !o.has("status") && existing.get().has("status")) o.set("status", existing.get().get("status"));
        store.store(key, o);
        return KubeResponse.json(200, o);
    }

    private KubeResponse patch(KubeKind kind, KubeObjectStore.Key key, String contentType, byte[] body) throws IOException {
        Optional<ObjectNode> existing = store.get(key);
        if (existing.isEmpty()) return KubeResponse.notFound(kind, key.name());
        JsonNode patch = KubeApi.JSON.readTree(body);
        ObjectNode o = existing.get().deepCopy();
        if (contentType != null && contentType.startsWith("application/json-patch+json")) {
            KubePatches.jsonPatch(o, (ArrayNode) patch);
        } else {
            KubePatches.mergePatch(o, patch);
        }
        store.store(key, o);
        return KubeResponse.json(200, o);
    }

    private KubeResponse log(Target t, Map<String, String> query) {
        Optional<ObjectNode> pod = store.get(new KubeObjectStore.Key("", "pods", t.namespace(), t.name()));
        if (pod.isEmpty()) return KubeResponse.status(404, "NotFound", "pods \"" + t.name() + "\" not found");
        String container = query.getOrDefault("container", pod.get().path("spec").path("containers").path(0).path("name").asText());
        boolean previous = "true".equals(query.get("previous"));
        String text = store.log(t.namespace(), t.name(), container, previous);
        if (text == null) {
            return previous
                    ? KubeResponse.status(400, "BadRequest", "previous terminated container \"" + container + "\" in pod \"" + t.name() + "\" not found")
                    : KubeResponse.text("");
        }
        if (query.containsKey("tailLines")) {
            List<String> lines = text.lines().toList();
            int n = Integer.parseInt(query.get("tailLines"));
            text = String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size())) + "\n";
        }
        return KubeResponse.text(text);
    }

    /** /api/v1/[namespaces/NS/]PLURAL[/NAME[/SUB]] and /apis/GROUP/VERSION/[namespaces/NS/]PLURAL[/NAME[/SUB]]. */
    static Target parse(String path) {
        List<String> p = new ArrayList<>(List.of(path.substring(1).split("/")));
        String group;
        String version;
        if (p.size() >= 3 && p.get(0).equals("api")) {
            group = "";
            version = p.get(1);
            p = p.subList(2, p.size());
        } else if (p.size() >= 4 && p.get(0).equals("apis")) {
            group = p.get(1);
            version = p.get(2);
            p = p.subList(3, p.size());
        } else {
            return null;
        }
        String namespace = null;
        if (p.size() >= 3 && p.get(0).equals("namespaces")) {
            namespace = p.get(1);
            p = p.subList(2, p.size());
        } else if (p.size() == 2 && p.get(0).equals("namespaces")) {
            return new Target(group, version, "namespaces", null, p.get(1), null);
        }
        if (p.isEmpty() || p.size() > 3) return null;
        return new Target(group, version, p.get(0), namespace, p.size() > 1 ? p.get(1) : null, p.size() > 2 ? p.get(2) : null);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) return q;
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            q.put(k, v);
        }
        return q;
    }
}
