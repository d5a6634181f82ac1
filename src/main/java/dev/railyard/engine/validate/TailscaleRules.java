package dev.railyard.engine.validate;

import dev.railyard.engine.plan.Network.Tailscale;
import java.util.regex.Pattern;

/** k3s's built-in Tailscale: the nodes' tag, the admin group of the SSH rule and the join key. */
final class TailscaleRules {

    private static final String BASE = "spec.network.tailscale";
    private static final Pattern TAG = Pattern.compile("tag:[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern GROUP = Pattern.compile("group:[a-z0-9][a-z0-9._-]{0,62}|autogroup:admin");

    private TailscaleRules() {}

    static void check(Tailscale ts, PlanValidator.Problems out) {
        boolean on = ts.isEnabled();
        if (ts.tag() == null || ts.tag().isEmpty()) {
            if (on) out.error(BASE + ".tag", "required when Tailscale is enabled: the nodes' tag, e.g. tag:gitpod-nodes");
        } else if (!TAG.matcher(ts.tag()).matches()) {
            out.error(BASE + ".tag", "must be tag: followed by lower-case letters, digits and '-', e.g. tag:gitpod-nodes");
        }
        if (ts.adminGroup() == null || ts.adminGroup().isEmpty()) {
            if (on) out.error(BASE + ".adminGroup", "required when Tailscale is enabled: who may SSH to the nodes, e.g. group:admins or autogroup:admin");
        } else if (!GROUP.matcher(ts.adminGroup()).matches()) {
            out.error(BASE + ".adminGroup", "must be group: followed by lower-case letters, digits, '.', '_' and '-' (e.g. group:admins), or autogroup:admin");
        }
        if (on) SecretRefs.required(out, BASE + ".authKeyRef", ts.authKeyRef(), "a Tailscale auth key (tagged, reusable)");
        else SecretRefs.optional(out, BASE + ".authKeyRef", ts.authKeyRef(), "a Tailscale auth key");
    }
}
