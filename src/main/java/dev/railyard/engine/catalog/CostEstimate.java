package dev.railyard.engine.catalog;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Size;
import java.util.Optional;

/**
 * The monthly cost of a plan's servers from the dated catalog: managers and initial nodes at their
 * type's price, plus the API load balancer for three managers. An estimate, labelled with the
 * catalog's date and currency; {@code maxMonthly} is the autoscaler's ceiling for preset large.
 */
public record CostEstimate(double monthly, double maxMonthly, String currency, String catalogDate) {

    public static Optional<CostEstimate> of(ClusterPlan plan, Catalog catalog) {
        var provider = plan.spec().provider();
        if (!provider.isCloud()) return Optional.empty();
        Size size = plan.spec().size();
        var providerCatalog = catalog.provider(provider.type());
        var manager = catalog.serverType(provider.type(), size.managerType());
        var node = catalog.serverType(provider.type(), size.nodeType());
        if (providerCatalog.isEmpty() || manager.isEmpty() || node.isEmpty()) return Optional.empty();
        double lb = size.managerCount() > 1 && providerCatalog.get().loadBalancer() != null
                ? providerCatalog.get().loadBalancer().monthly() : 0;
        double base = size.managerCount() * manager.get().monthly() + lb;
        double monthly = base + size.initialNodeCount() * node.get().monthly();
        int maxNodes = size.isLarge() && size.autoscale() != null && size.autoscale().max() != null
                ? size.autoscale().max() : size.initialNodeCount();
        double max = base + maxNodes * node.get().monthly();
        return Optional.of(new CostEstimate(round(monthly), round(max), providerCatalog.get().currency(), catalog.date()));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
