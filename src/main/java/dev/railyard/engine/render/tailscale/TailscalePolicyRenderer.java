package dev.railyard.engine.render.tailscale;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Network;
import dev.railyard.engine.render.FileRenderer;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.RenderInput;
import dev.railyard.engine.render.template.JsonEscaper;
import dev.railyard.engine.render.template.Template;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tailscale/policy.hujson} when the plan joins the hosts over k3s's built-in Tailscale: the
 * tag's owners, the automatic approval of the pod routes, the rule that lets hosts and pods reach
 * each other, and Tailscale SSH for the admin group.
 */
public final class TailscalePolicyRenderer implements FileRenderer {

    public static final String POLICY = "tailscale/policy.hujson";

    @Override
    public List<GeneratedFile> render(RenderInput input) {
        ClusterPlan plan = input.plan();
        Network network = plan.spec().network();
        Network.Tailscale tailscale = network.tailscale();
        if (!tailscale.isEnabled()) return List.of();
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("planName", plan.name());
        ctx.put("tag", required(tailscale.tag(), "spec.network.tailscale.tag"));
        ctx.put("adminGroup", required(tailscale.adminGroup(), "spec.network.tailscale.adminGroup"));
        ctx.put("podCidr", network.podCidr() == null ? Network.DEFAULT_POD_CIDR : network.podCidr());
        ctx.put("ssh", tailscale.sshEnabled());
        return List.of(GeneratedFile.text(POLICY, Template.resource("tailscale/policy.hujson.tmpl").render(ctx, JsonEscaper.INSTANCE)));
    }

    private static String required(String value, String path) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(path + " is required when Tailscale is enabled; validate the plan first");
        }
        return value;
    }
}
