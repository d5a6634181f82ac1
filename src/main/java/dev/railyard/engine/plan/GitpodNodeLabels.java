package dev.railyard.engine.plan;

import java.util.List;

/**
 * The node labels Gitpod 2022.11 schedules its components by, in one place for everything that sets or
 * checks them: the k3s configuration (cloud-init and existing hosts), cluster-autoscaler's node pool and
 * the health check. Read in gitpod-io/gitpod at tag 2022.11.3, {@code install/installer/pkg/cluster/affinity.go}:
 * ws-manager and ws-proxy <em>require</em> {@code workload_workspace_services}. The shorter
 * {@code gitpod.io/workload_services} is a 2023 rename on Gitpod's main branch that no self-hosted release
 * used; a node labelled with it leaves those components Pending.
 */
public final class GitpodNodeLabels {

    public static final String META = "gitpod.io/workload_meta";
    public static final String IDE = "gitpod.io/workload_ide";
    public static final String WORKSPACE_SERVICES = "gitpod.io/workload_workspace_services";
    public static final String WORKSPACE_REGULAR = "gitpod.io/workload_workspace_regular";
    public static final String WORKSPACE_HEADLESS = "gitpod.io/workload_workspace_headless";

    /** Every label, in affinity.go's order (AffinityListMeta, then AffinityListWorkspace). */
    public static final List<String> KEYS = List.of(META, IDE, WORKSPACE_SERVICES, WORKSPACE_REGULAR, WORKSPACE_HEADLESS);

    /** The value every label carries on a node that runs Gitpod. */
    public static final String VALUE = "true";

    /** {@code key=true} for each label: the form of k3s's {@code node-label} setting. */
    public static final List<String> ASSIGNMENTS = KEYS.stream().map(k -> k + "=" + VALUE).toList();

    private GitpodNodeLabels() {}
}
