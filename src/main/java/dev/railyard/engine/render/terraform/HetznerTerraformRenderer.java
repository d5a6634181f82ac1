package dev.railyard.engine.render.terraform;

import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.RenderInput;
import java.util.List;
import java.util.Map;

/**
 * Hetzner Cloud: a private network in the location's network zone, one firewall, managers in a spread
 * placement group, nodes, an ingress load balancer for 22/80/443 and, with three managers, a private
 * load balancer for the Kubernetes API. Preset large adds cluster-autoscaler with the Hetzner provider.
 */
final class HetznerTerraformRenderer {

    List<GeneratedFile> render(RenderInput input) {
        TerraformPlanValues values = TerraformPlanValues.of(input.plan());
        Map<String, Object> ctx = values.context();
        ctx.put("networkZone", networkZone(input.catalog(), values.location()));
        ClusterAutoscalerRelease autoscaler = ClusterAutoscalerRelease.forK3s(values.k3sVersion());
        ctx.put("autoscaler", autoscaler.templateValues());
        return TerraformFiles.render("hetzner", ctx, values.large());
    }

    /** Networks live in a zone, not a location; the catalog knows which zone holds which location. */
    private static String networkZone(Catalog catalog, String location) {
        return catalog.location("hetzner", location)
                .map(Catalog.Location::networkZone)
                .orElseThrow(() -> new IllegalArgumentException("spec.provider.hetzner.location '" + location
                        + "' is not in the catalog; allowed: " + catalog.provider("hetzner")
                        .map(p -> p.locations().stream().map(Catalog.Location::name).toList().toString()).orElse("[]")));
    }
}
