package dev.railyard.engine.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /version} and the discovery documents ({@code /api}, {@code /apis}, {@code /api/v1}, {@code /apis/GROUP/VERSION})
 * for the {@link KubeKind#SERVED} kinds: fabric8 asks them before it trusts a kind or a server version.
 */
final class KubeDiscovery {

    private KubeDiscovery() {}

    static KubeResponse version(String serverVersion) {
        ObjectNode v = KubeApi.NODES.objectNode().put("major", "1").put("minor", serverVersion.replaceAll("^v1\\.(\\d+).*", "$1"))
                .put("gitVersion", serverVersion).put("platform", "linux/amd64");
        return KubeResponse.json(200, v);
    }

    /** The discovery document at {@code path}, or empty when the path is not a discovery path. */
    static Optional<KubeResponse> answer(String path) {
        if (path.equals("/api")) {
            return Optional.of(KubeResponse.json(200, KubeApi.NODES.objectNode().put("kind", "APIVersions")
                    .set("versions", KubeApi.NODES.arrayNode().add("v1"))));
        }
        if (path.equals("/apis")) return Optional.of(KubeResponse.json(200, groups()));
        String[] p = path.substring(1).split("/");
        boolean core = p.length == 2 && p[0].equals("api");
        boolean group = p.length == 3 && p[0].equals("apis");
        if (!core && !group) return Optional.empty();
        String g = core ? "" : p[1];
        String v = core ? p[1] : p[2];
        List<KubeKind> served = KubeKind.SERVED.stream().filter(k -> k.group().equals(g) && k.version().equals(v)).toList();
        if (served.isEmpty()) return Optional.of(KubeResponse.status(404, "NotFound", "the server could not find the requested resource"));
        ObjectNode list = KubeApi.NODES.objectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", served.get(0).apiVersion());
        ArrayNode resources = list.putArray("resources");
        for (KubeKind k : served) {
            ObjectNode r = resources.addObject().put("name", k.plural()).put("singularName", k.kind().toLowerCase(Locale.ROOT))
                    .put("namespaced", k.namespaced()).put("kind", k.kind());
            r.putArray("verbs").add("create").add("delete").add("get").add("list").add("patch").add("update").add("watch");
        }
        return Optional.of(KubeResponse.json(200, list));
    }

    private static ObjectNode groups() {
        ObjectNode list = KubeApi.NODES.objectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        KubeKind.SERVED.stream().map(KubeKind::group).filter(g -> !g.isEmpty()).distinct().forEach(g -> {
            KubeKind k = KubeKind.SERVED.stream().filter(x -> x.group().equals(g)).findFirst().orElseThrow();
            ObjectNode gv = KubeApi.NODES.objectNode().put("groupVersion", k.apiVersion()).put("version", k.version());
            groups.addObject().put("name", g).<ObjectNode>set("preferredVersion", gv).putArray("versions").add(gv);
        });
        return list;
    }
}
