package dev.railyard.engine.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A tailnet policy file (HuJSON: JSON with comments and trailing commas), read only to answer the
 * questions k3s over Tailscale depends on: is the nodes' tag owned, may it advertise the pod range,
 * may pods talk to pods, may admins SSH in.
 */
public final class TailnetPolicy {

    private static final JsonMapper HUJSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .build();

    private final JsonNode root;

    private TailnetPolicy(JsonNode root) {
        this.root = root;
    }

    public static TailnetPolicy parse(String hujson) {
        try {
            JsonNode root = HUJSON.readTree(hujson);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("a tailnet policy is a JSON object ({ \"tagOwners\": ..., \"acls\" or \"grants\": ... })");
            }
            return new TailnetPolicy(root);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the tailnet policy is not valid HuJSON: " + e.getOriginalMessage(), e);
        }
    }

    public boolean ownsTag(String tag) {
        return root.path("tagOwners").has(tag);
    }

    /** The tags or users allowed to have {@code cidr} approved without an admin clicking. */
    public List<String> routeApprovers(String cidr) {
        List<String> approvers = new ArrayList<>();
        root.path("autoApprovers").path("routes").properties().forEach(entry -> {
            if (Cidrs.contains(entry.getKey(), cidr)) {
                entry.getValue().forEach(v -> approvers.add(v.asText()));
            }
        });
        return approvers;
    }

    public boolean approvesRoute(String cidr, String tag) {
        return routeApprovers(cidr).contains(tag);
    }

    /**
     * Whether pods on one node may reach pods on another: an {@code acls} accept rule or a
     * {@code grants} entry whose sources and destinations both cover the pod range.
     */
    public boolean acceptsPodTraffic(String podCidr) {
        for (JsonNode rule : root.path("acls")) {
            if (!"accept".equals(rule.path("action").asText())) continue;
            if (anyCovers(rule.path("src"), podCidr, false) && anyCovers(rule.path("dst"), podCidr, true)) return true;
        }
        for (JsonNode grant : root.path("grants")) {
            boolean allPorts = false;
            for (JsonNode ip : grant.path("ip")) allPorts |= "*".equals(ip.asText());
            if (allPorts && anyCovers(grant.path("src"), podCidr, false) && anyCovers(grant.path("dst"), podCidr, false)) {
                return true;
            }
        }
        return false;
    }

    /** An {@code ssh} rule letting {@code adminGroup} (or anyone, when null) into machines tagged {@code tag}. */
    public boolean allowsSsh(String adminGroup, String tag) {
        for (JsonNode rule : root.path("ssh")) {
            String action = rule.path("action").asText();
            if (!"accept".equals(action) && !"check".equals(action)) continue;
            boolean toTag = contains(rule.path("dst"), tag);
            boolean fromAdmins = adminGroup == null || contains(rule.path("src"), adminGroup) || contains(rule.path("src"), "*");
            if (toTag && fromAdmins) return true;
        }
        return false;
    }

    public Optional<String> text(String field) {
        return Optional.ofNullable(root.get(field)).map(JsonNode::toString);
    }

    private static boolean contains(JsonNode list, String value) {
        for (JsonNode v : list) {
            if (value.equals(v.asText())) return true;
        }
        return false;
    }

    /** {@code *}, the range itself or a wider range, with {@code :*} on destinations of acls. */
    private static boolean anyCovers(JsonNode list, String cidr, boolean withPorts) {
        for (JsonNode v : list) {
            String entry = v.asText();
            if (withPorts) {
                if (!entry.endsWith(":*")) continue;
                entry = entry.substring(0, entry.length() - 2);
            }
            if ("*".equals(entry) || Cidrs.contains(entry, cidr)) return true;
        }
        return false;
    }
}
