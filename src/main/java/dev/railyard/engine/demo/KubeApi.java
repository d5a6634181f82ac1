package dev.railyard.engine.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The simulated cluster's API server, in memory: objects as JSON under the REST paths Kubernetes uses
 * ({@code /api/v1/namespaces/NS/pods/NAME}, {@code /apis/GROUP/VERSION/PLURAL}), with get, list (label and field
 * selectors), create, replace, merge and JSON patches, delete, pod logs and {@code /version}. Enough of the API for
 * fabric8 to drive it exactly as it drives a real one; no admission, no validation beyond what the steps rely on.
 */
final class KubeApi {

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** An answer: status, content type, body. */
    record Response(int code, String contentType, byte[] body) {
        static Response json(int code, JsonNode body) {
            try {
                return new Response(code, "application/json", JSON.writeValueAsBytes(body));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        static Response text(String body) {
            return new Response(200, "text/plain", body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Where an object lives: API group ("" for core), resource plural, namespace ("" when cluster-scoped), name. */
    record Key(String group, String plural, String namespace, String name) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            return toString().compareTo(o.toString());
        }
    }

    /** A parsed request path. {@code name} and {@code subresource} may be null; {@code namespace} null: all namespaces. */
    record Target(String group, String version, String plural, String namespace, String name, String subresource) {}

    private final Clock clock;
    private final String serverVersion;
    private final TreeMap<Key, ObjectNode> objects = new TreeMap<>();
    /** Log text of pod containers, by "namespace/pod/container"; previous: the run before the last restart. */
    private final Map<String, String> logs = new LinkedHashMap<>();
    private final Map<String, String> previousLogs = new LinkedHashMap<>();
    /** The kinds this server knows, by plural: kind, API group version, namespaced. */
    private final Map<String, Kind> kinds = new LinkedHashMap<>();
    private final List<Consumer<KubeApi>> beforeEveryRequest = new ArrayList<>();
    private long resourceVersion = 1000;

    record Kind(String kind, String group, String version, String plural, boolean namespaced) {
        String apiVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }
    }

    KubeApi(Clock clock, String serverVersion) {
        this.clock = clock;
        this.serverVersion = serverVersion;
        for (String[] k : new String[][] {
                {"Namespace", "", "v1", "namespaces", "false"}, {"Node", "", "v1", "nodes", "false"},
                {"Pod", "", "v1", "pods", "true"}, {"Service", "", "v1", "services", "true"},
                {"Secret", "", "v1", "secrets", "true"}, {"ConfigMap", "", "v1", "configmaps", "true"},
                {"ServiceAccount", "", "v1", "serviceaccounts", "true"}, {"Event", "", "v1", "events", "true"},
                {"Endpoints", "", "v1", "endpoints", "true"}, {"PersistentVolumeClaim", "", "v1", "persistentvolumeclaims", "true"},
                {"PersistentVolume", "", "v1", "persistentvolumes", "false"},
                {"Deployment", "apps", "v1", "deployments", "true"}, {"DaemonSet", "apps", "v1", "daemonsets", "true"},
                {"StatefulSet", "apps", "v1", "statefulsets", "true"}, {"ReplicaSet", "apps", "v1", "replicasets", "true"},
                {"Job", "batch", "v1", "jobs", "true"},
                {"ClusterRoleBinding", "rbac.authorization.k8s.io", "v1", "clusterrolebindings", "false"},
                {"ClusterRole", "rbac.authorization.k8s.io", "v1", "clusterroles", "false"},
                {"RoleBinding", "rbac.authorization.k8s.io", "v1", "rolebindings", "true"},
                {"Role", "rbac.authorization.k8s.io", "v1", "roles", "true"},
                {"NetworkPolicy", "networking.k8s.io", "v1", "networkpolicies", "true"},
                {"Ingress", "networking.k8s.io", "v1", "ingresses", "true"},
                {"HelmChart", "helm.cattle.io", "v1", "helmcharts", "true"},
                {"HelmChartConfig", "helm.cattle.io", "v1", "helmchartconfigs", "true"},
                {"Certificate", "cert-manager.io", "v1", "certificates", "true"},
                {"ClusterIssuer", "cert-manager.io", "v1", "clusterissuers", "false"},
                {"Issuer", "cert-manager.io", "v1", "issuers", "true"},
                {"Challenge", "acme.cert-manager.io", "v1", "challenges", "true"},
                {"Cluster", "postgresql.cnpg.io", "v1", "clusters", "true"}}) {
            kinds.put(k[1] + "/" + k[3], new Kind(k[0], k[1], k[2], k[3], Boolean.parseBoolean(k[4])));
        }
    }

    /** Runs before every request: the simulation's controllers catch up with the clock. */
    synchronized void beforeEveryRequest(Consumer<KubeApi> controller) {
        beforeEveryRequest.add(controller);
    }

    Clock clock() {
        return clock;
    }

    String now() {
        return java.time.format.DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    // ---- direct access for the simulation's controllers ----

    synchronized Optional<ObjectNode> get(String group, String plural, String namespace, String name) {
        return Optional.ofNullable(objects.get(new Key(group, plural, namespace == null ? "" : namespace, name)));
    }

    synchronized List<ObjectNode> list(String group, String plural) {
        List<ObjectNode> result = new ArrayList<>();
        objects.forEach((k, v) -> {
            if (k.group().equals(group) && k.plural().equals(plural)) result.add(v);
        });
        return result;
    }

    /** Creates or replaces {@code object} (its kind must be known); stamps the metadata a server adds. */
    synchronized ObjectNode put(ObjectNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        Kind kind = kinds.values().stream().filter(k -> k.group().equals(group) && k.kind().equals(object.path("kind").asText()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown kind " + apiVersion + " " + object.path("kind")));
        ObjectNode meta = object.with("metadata");
        String ns = kind.namespaced() ? meta.path("namespace").asText("default") : "";
        if (kind.namespaced()) meta.put("namespace", ns);
        Key key = new Key(group, kind.plural(), ns, meta.path("name").asText());
        stamp(object, objects.get(key));
        objects.put(key, object);
        return object;
    }

    synchronized void remove(String group, String plural, String namespace, String name) {
        objects.remove(new Key(group, plural, namespace == null ? "" : namespace, name));
    }

    synchronized void setLog(String namespace, String pod, String container, String current, String previous) {
        String key = namespace + "/" + pod + "/" + container;
        logs.put(key, current);
        if (previous == null) previousLogs.remove(key); else previousLogs.put(key, previous);
    }

    private void stamp(ObjectNode object, ObjectNode existing) {
        ObjectNode meta = object.with("metadata");
        if (existing != null) {
            meta.put("uid", existing.path("metadata").path("uid").asText());
            meta.put("creationTimestamp", existing.path("metadata").path("creationTimestamp").asText());
        } else {
            if (!meta.hasNonNull("uid")) meta.put("uid", UUID.nameUUIDFromBytes((object.path("kind").asText() + meta).getBytes(StandardCharsets.UTF_8)).toString());
            if (!meta.hasNonNull("creationTimestamp")) meta.put("creationTimestamp", now());
        }
        meta.put("resourceVersion", Long.toString(++resourceVersion));
    }

    // ---- HTTP ----

    Response handle(String method, URI uri, String contentType, byte[] body) {
        List<Consumer<KubeApi>> controllers;
        synchronized (this) {
            controllers = List.copyOf(beforeEveryRequest);
        }
        for (Consumer<KubeApi> c : controllers) c.accept(this);
        synchronized (this) {
            try {
                return dispatch(method, uri, contentType, body);
            } catch (IllegalArgumentException e) {
                return status(400, "BadRequest", e.getMessage());
            } catch (java.io.IOException e) {
                return status(400, "BadRequest", "cannot read the request body: " + e.getMessage());
            }
        }
    }

    private Response dispatch(String method, URI uri, String contentType, byte[] body) throws java.io.IOException {
        String path = uri.getPath();
        Map<String, String> query = query(uri);
        if (path.equals("/version")) {
            ObjectNode v = NODES.objectNode().put("major", "1").put("minor", serverVersion.replaceAll("^v1\\.(\\d+).*", "$1"))
                    .put("gitVersion", serverVersion).put("platform", "linux/amd64");
            return Response.json(200, v);
        }
        Optional<Response> discovery = discovery(path);
        if (discovery.isPresent()) return discovery.get();
        Target t = parse(path);
        if (t == null) return status(404, "NotFound", "the server could not find the requested resource (" + path + ")");
        Kind kind = kinds.get(t.group() + "/" + t.plural());
        if (kind == null) return status(404, "NotFound", "the server could not find the requested resource (" + path + ")");
        if ("log".equals(t.subresource())) return log(t, query);
        if (t.subresource() != null && !"status".equals(t.subresource())) {
            return status(404, "NotFound", t.subresource() + " is not served by this simulation");
        }
        String ns = kind.namespaced() ? (t.namespace() == null ? null : t.namespace()) : "";
        switch (method) {
            case "GET":
                if (t.name() != null) {
                    ObjectNode o = objects.get(new Key(t.group(), t.plural(), ns == null ? "" : ns, t.name()));
                    return o == null ? notFound(kind, t.name()) : Response.json(200, o);
                }
                if ("true".equals(query.get("watch"))) return new Response(200, "application/json", new byte[0]);
                return Response.json(200, listOf(kind, ns, query));
            case "POST": {
                ObjectNode o = (ObjectNode) JSON.readTree(body);
                o.put("apiVersion", kind.apiVersion()).put("kind", kind.kind());
                if (kind.namespaced()) o.with("metadata").put("namespace", ns);
                String name = o.path("metadata").path("name").asText("");
                if (name.isEmpty()) return status(422, "Invalid", "metadata.name: Required value");
                Key key = new Key(t.group(), t.plural(), ns == null ? "" : ns, name);
                if (objects.containsKey(key)) return status(409, "AlreadyExists", kind.plural() + " \"" + name + "\" already exists");
                stamp(o, null);
                objects.put(key, o);
                return Response.json(201, o);
            }
            case "PUT": {
                Key key = new Key(t.group(), t.plural(), ns == null ? "" : ns, t.name());
                ObjectNode existing = objects.get(key);
                if (existing == null) return notFound(kind, t.name());
                ObjectNode o = (ObjectNode) JSON.readTree(body);
                if (!"status".equals(t.subresource()) && !o.has("status") && existing.has("status")) o.set("status", existing.get("status"));
                stamp(o, existing);
                objects.put(key, o);
                return Response.json(200, o);
            }
            case "PATCH": {
                Key key = new Key(t.group(), t.plural(), ns == null ? "" : ns, t.name());
                ObjectNode existing = objects.get(key);
                if (existing == null) return notFound(kind, t.name());
                JsonNode patch = JSON.readTree(body);
                ObjectNode o = existing.deepCopy();
                if (contentType != null && contentType.startsWith("application/json-patch+json")) {
                    jsonPatch(o, (ArrayNode) patch);
                } else {
                    mergePatch(o, patch);
                }
                stamp(o, existing);
                objects.put(key, o);
                return Response.json(200, o);
            }
            case "DELETE": {
                if (t.name() == null) return status(405, "MethodNotAllowed", "collection delete is not simulated");
                Key key = new Key(t.group(), t.plural(), ns == null ? "" : ns, t.name());
                ObjectNode removed = objects.remove(key);
                if (removed == null) return notFound(kind, t.name());
                if (kind.plural().equals("jobs")) {
                    // the Job's pods go with it (propagation policy Background)
                    objects.keySet().removeIf(k -> k.plural().equals("pods") && k.namespace().equals(key.namespace())
                            && k.name().startsWith(key.name() + "-"));
                }
                return Response.json(200, removed);
            }
            default:
                return status(405, "MethodNotAllowed", method + " is not simulated");
        }
    }

    private Optional<Response> discovery(String path) {
        if (path.equals("/api")) {
            return Optional.of(Response.json(200, NODES.objectNode().put("kind", "APIVersions").set("versions", NODES.arrayNode().add("v1"))));
        }
        if (path.equals("/apis")) {
            ObjectNode list = NODES.objectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
            ArrayNode groups = list.putArray("groups");
            kinds.values().stream().map(Kind::group).filter(g -> !g.isEmpty()).distinct().forEach(g -> {
                Kind k = kinds.values().stream().filter(x -> x.group().equals(g)).findFirst().orElseThrow();
                ObjectNode gv = NODES.objectNode().put("groupVersion", k.apiVersion()).put("version", k.version());
                groups.addObject().put("name", g).<ObjectNode>set("preferredVersion", gv).putArray("versions").add(gv);
            });
            return Optional.of(Response.json(200, list));
        }
        String[] p = path.substring(1).split("/");
        boolean core = p.length == 2 && p[0].equals("api");
        boolean group = p.length == 3 && p[0].equals("apis");
        if (!core && !group) return Optional.empty();
        String g = core ? "" : p[1];
        String v = core ? p[1] : p[2];
        List<Kind> served = kinds.values().stream().filter(k -> k.group().equals(g) && k.version().equals(v)).toList();
        if (served.isEmpty()) return Optional.of(status(404, "NotFound", "the server could not find the requested resource"));
        ObjectNode list = NODES.objectNode().put("kind", "APIResourceList").put("apiVersion", "v1").put("groupVersion", served.get(0).apiVersion());
        ArrayNode resources = list.putArray("resources");
        for (Kind k : served) {
            ObjectNode r = resources.addObject().put("name", k.plural()).put("singularName", k.kind().toLowerCase(java.util.Locale.ROOT))
                    .put("namespaced", k.namespaced()).put("kind", k.kind());
            r.putArray("verbs").add("create").add("delete").add("get").add("list").add("patch").add("update").add("watch");
        }
        return Optional.of(Response.json(200, list));
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

    private ObjectNode listOf(Kind kind, String namespace, Map<String, String> query) {
        ObjectNode list = NODES.objectNode().put("apiVersion", kind.apiVersion()).put("kind", kind.kind() + "List");
        list.putObject("metadata").put("resourceVersion", Long.toString(resourceVersion));
        ArrayNode items = list.putArray("items");
        Map<String, String> labels = selector(query.get("labelSelector"));
        Map<String, String> fields = selector(query.get("fieldSelector"));
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

    private Response log(Target t, Map<String, String> query) {
        ObjectNode pod = objects.get(new Key("", "pods", t.namespace(), t.name()));
        if (pod == null) return status(404, "NotFound", "pods \"" + t.name() + "\" not found");
        String container = query.getOrDefault("container", pod.path("spec").path("containers").path(0).path("name").asText());
        String key = t.namespace() + "/" + t.name() + "/" + container;
        String text = "true".equals(query.get("previous")) ? previousLogs.get(key) : logs.get(key);
        if (text == null) {
            return "true".equals(query.get("previous"))
                    ? status(400, "BadRequest", "previous terminated container \"" + container + "\" in pod \"" + t.name() + "\" not found")
                    : Response.text("");
        }
        if (query.containsKey("tailLines")) {
            List<String> lines = text.lines().toList();
            int n = Integer.parseInt(query.get("tailLines"));
            text = String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size())) + "\n";
        }
        return Response.text(text);
    }

    private static Response notFound(Kind kind, String name) {
        ObjectNode s = statusNode(404, "NotFound", kind.plural() + " \"" + name + "\" not found");
        s.putObject("details").put("name", name).put("kind", kind.plural());
        return Response.json(404, s);
    }

    static Response status(int code, String reason, String message) {
        return Response.json(code, statusNode(code, reason, message));
    }

    private static ObjectNode statusNode(int code, String reason, String message) {
        ObjectNode s = NODES.objectNode().put("kind", "Status").put("apiVersion", "v1");
        s.putObject("metadata");
        return s.put("status", code < 300 ? "Success" : "Failure").put("message", message).put("reason", reason).put("code", code);
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

    /** RFC 7386: objects merge, null removes, anything else replaces. */
    static void mergePatch(ObjectNode target, JsonNode patch) {
        if (!patch.isObject()) return;
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
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
