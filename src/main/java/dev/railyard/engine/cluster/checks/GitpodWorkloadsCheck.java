package dev.railyard.engine.cluster.checks;

import dev.railyard.engine.cluster.ClusterSnapshot;
import dev.railyard.engine.cluster.Expectations;
import dev.railyard.engine.cluster.Finding;
import dev.railyard.engine.cluster.HealthCheck;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;

/** Gitpod's own Deployments and DaemonSets in namespace gitpod: all replicas Ready, naming the ones that are not. */
public final class GitpodWorkloadsCheck implements HealthCheck {

    public static final String NAMESPACE = "gitpod";

    @Override
    public boolean appliesTo(Expectations expect) {
        return expect.platform() == dev.railyard.engine.plan.Platform.GITPOD;
    }

    @Override
    public List<Finding> check(ClusterSnapshot snapshot, Expectations expect) {
        List<String> deployments = new ArrayList<>();
        List<String> daemonSets = new ArrayList<>();
        int seen = 0;
        for (Deployment d : snapshot.deployments()) {
            if (!NAMESPACE.equals(d.getMetadata().getNamespace())) continue;
            seen++;
            int want = d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
            int ready = d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0 : d.getStatus().getReadyReplicas();
            if (ready < want) deployments.add("deployment/" + d.getMetadata().getName() + ": " + ready + "/" + want + " ready");
        }
        for (DaemonSet ds : snapshot.daemonSets()) {
            if (!NAMESPACE.equals(ds.getMetadata().getNamespace())) continue;
            seen++;
            int want = ds.getStatus() == null || ds.getStatus().getDesiredNumberScheduled() == null ? 0 : ds.getStatus().getDesiredNumberScheduled();
            int ready = ds.getStatus() == null || ds.getStatus().getNumberReady() == null ? 0 : ds.getStatus().getNumberReady();
            if (ready < want) daemonSets.add("daemonset/" + ds.getMetadata().getName() + ": " + ready + "/" + want + " ready");
            else if (want == 0) daemonSets.add("daemonset/" + ds.getMetadata().getName() + ": scheduled on no node");
        }
        List<Finding> findings = new ArrayList<>();
        if (seen == 0) {
            findings.add(new Finding("RY-GITPOD-000", expect.fromPlan() ? Finding.Severity.WARNING : Finding.Severity.INFO,
                    "Gitpod is not installed in this cluster", List.of("no Deployments or DaemonSets in namespace " + NAMESPACE),
                    "Install Gitpod: `railyard apply` runs the installer inside the cluster."));
            return findings;
        }
        if (!deployments.isEmpty()) {
            findings.add(Finding.error("RY-GITPOD-001", deployments.size() + " Gitpod deployment(s) not ready", deployments,
                    "`kubectl -n gitpod get pods` and look at the pods of each: crash loops (RY-POD-001), pods stuck in Init waiting "
                            + "for the certificate (RY-TLS-002) or Pending for lack of labelled nodes (RY-NODE-004)."));
        }
        if (!daemonSets.isEmpty()) {
            findings.add(Finding.error("RY-GITPOD-002", daemonSets.size() + " Gitpod daemonset(s) not ready", daemonSets,
                    "Gitpod's node daemons (ws-daemon, registry-facade, agent-smith) run on nodes labelled for workspaces: "
                            + "check the labels (RY-NODE-004) and shiftfs (RY-SHIFTFS-001)."));
        }
        return findings;
    }
}
