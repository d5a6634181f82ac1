package dev.railyard.engine.validate;

import dev.railyard.engine.plan.Provider;
import dev.railyard.engine.plan.Provider.Host;
import dev.railyard.engine.plan.Size;
import java.util.Objects;

/**
 * Counts per preset. small: one schedulable manager and at least one node; medium: three managers
 * (an embedded etcd quorum) and 1-100 nodes; large: three managers and an autoscaled node pool.
 * For existing servers the hosts' roles must agree with the counts.
 */
final class SizeRules {

    static final int MAX_NODES = 100;
    private static final String BASE = "spec.size";

    private SizeRules() {}

    static void check(Size size, Provider provider, PlanValidator.Problems out) {
        String preset = size.preset();
        if (preset == null || preset.isEmpty()) {
            out.error(BASE + ".preset", "required: small, medium or large");
            return;
        }
        if (!Size.PRESETS.contains(preset)) {
            out.error(BASE + ".preset", "must be small (1 manager), medium (3 managers, fixed nodes) or large (3 managers, autoscaled nodes)");
            return;
        }
        int managers = Size.SMALL.equals(preset) ? 1 : 3;
        if (!Objects.equals(size.managers(), managers)) {
            out.error(BASE + ".managers", "must be " + managers + " for preset " + preset
                    + (managers == 1 ? " (one manager that also runs Gitpod)" : " (three managers keep an embedded etcd quorum)"));
        }
        if (size.isLarge()) {
            large(size, provider, out);
        } else {
            fixedNodes(size, preset, out);
        }
        if (provider.isExisting() && provider.existing() != null) rolesOfHosts(size, provider.existing(), out);
    }

    private static void fixedNodes(Size size, String preset, PlanValidator.Problems out) {
        Integer nodes = size.nodes();
        int min = 1;
        if (nodes == null) {
            out.error(BASE + ".nodes", "required for preset " + preset + ": the number of workspace nodes, " + min + " to " + MAX_NODES);
        } else if (nodes < min || nodes > MAX_NODES) {
            out.error(BASE + ".nodes", "must be from " + min + " to " + MAX_NODES + " for preset " + preset);
        }
        if (size.autoscale() != null) {
            out.error(BASE + ".autoscale", "is only for preset large; preset " + preset + " has a fixed number of nodes (remove autoscale or choose large)");
        }
    }

    private static void large(Size size, Provider provider, PlanValidator.Problems out) {
        if (size.nodes() != null) {
            out.error(BASE + ".nodes", "is not used by preset large: the autoscaler decides; set autoscale.min and autoscale.max instead");
        }
        if (provider.isExisting()) {
            out.error(BASE + ".preset", "large autoscales by creating servers, which needs a cloud; existing hosts use small or medium");
        }
        Size.Autoscale autoscale = size.autoscale();
        if (autoscale == null) {
            out.error(BASE + ".autoscale", "required for preset large: min (0 or more) and max (1 to " + MAX_NODES + ") nodes");
            return;
        }
        Integer min = autoscale.min();
        Integer max = autoscale.max();
        if (min == null) out.error(BASE + ".autoscale.min", "required: the fewest nodes to keep, 0 or more");
        else if (min < 0) out.error(BASE + ".autoscale.min", "must be 0 or more");
        if (max == null) out.error(BASE + ".autoscale.max", "required: the most nodes the autoscaler may create, 1 to " + MAX_NODES);
        else if (max < 1 || max > MAX_NODES) out.error(BASE + ".autoscale.max", "must be from 1 to " + MAX_NODES);
        if (min != null && max != null && min >= 0 && max >= 1 && min > max) {
            out.error(BASE + ".autoscale.min", "is " + min + ", more than autoscale.max (" + max + "); min must be at most max");
        }
    }

    private static void rolesOfHosts(Size size, Provider.Existing existing, PlanValidator.Problems out) {
        long managerHosts = existing.hosts().stream().filter(h -> h != null && h.isManager()).count();
        long nodeHosts = existing.hosts().stream().filter(h -> h != null && Host.NODE.equals(h.role())).count();
        if (existing.hosts().isEmpty()) return;
        if (managerHosts != 1 && managerHosts != 3) {
            out.error("spec.provider.existing.hosts", "has " + managerHosts + " hosts with role manager; a cluster has 1 manager (small) or 3 (medium)");
        } else if (size.managers() != null && managerHosts != size.managers()) {
            out.error(BASE + ".managers", "is " + size.managers() + " but spec.provider.existing.hosts has " + managerHosts
                    + " with role manager; they must agree");
        }
        if (size.nodes() != null && nodeHosts != size.nodes()) {
            out.error(BASE + ".nodes", "is " + size.nodes() + " but spec.provider.existing.hosts has " + nodeHosts
                    + " with role node; they must agree");
        }
    }
}
