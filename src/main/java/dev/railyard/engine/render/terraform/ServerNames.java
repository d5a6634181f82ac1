package dev.railyard.engine.render.terraform;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Size;
import java.util.ArrayList;
import java.util.List;

/**
 * The names the generated Terraform gives the servers ({@code <cluster>-manager-<n>}, {@code <cluster>-node-<n>},
 * counted from 1) and so the keys of {@code var.ssh_host_keys}, which main.tf looks up by those names. Preset
 * large adds {@code <cluster>-pool}: the one key every server cluster-autoscaler creates boots with.
 */
public final class ServerNames {

    private ServerNames() {}

    /** Every key {@code var.ssh_host_keys} must hold for this plan, managers first; empty for existing servers. */
    public static List<String> hostKeyNames(ClusterPlan plan) {
        if (!plan.spec().provider().isCloud()) return List.of();
        Size size = plan.spec().size();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= size.managerCount(); i++) names.add(plan.name() + "-manager-" + i);
        // Azure's large preset runs its nodes in a scale set: none of them is a server Terraform names.
        boolean individualNodes = !(size.isLarge() && plan.spec().provider().isAzure());
        if (individualNodes) {
            for (int i = 1; i <= size.initialNodeCount(); i++) names.add(plan.name() + "-node-" + i);
        }
        if (size.isLarge()) names.add(pool(plan));
        return names;
    }

    /** The key the servers cluster-autoscaler creates share (preset large). */
    public static String pool(ClusterPlan plan) {
        return plan.name() + "-pool";
    }
}
