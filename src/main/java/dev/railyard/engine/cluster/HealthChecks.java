package dev.railyard.engine.cluster;

import dev.railyard.engine.cluster.checks.CoderCheck;
import dev.railyard.engine.cluster.checks.CrashLoopCheck;
import dev.railyard.engine.cluster.checks.DnsCheck;
import dev.railyard.engine.cluster.checks.GitpodWorkloadsCheck;
import dev.railyard.engine.cluster.checks.HostSshCheck;
import dev.railyard.engine.cluster.checks.NodeCheck;
import dev.railyard.engine.cluster.checks.ShiftfsCheck;
import dev.railyard.engine.cluster.checks.SocketIsolationCheck;
import dev.railyard.engine.cluster.checks.TailscaleCheck;
import dev.railyard.engine.cluster.checks.TlsCheck;
import dev.railyard.engine.cluster.checks.WorkspaceIsolationCheck;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The checks Railyard runs, in the order a person would look: nodes first, isolation last. */
public final class HealthChecks {

    private static final Logger LOG = LoggerFactory.getLogger(HealthChecks.class);

    private final List<HealthCheck> checks;

    public HealthChecks(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    public static HealthChecks standard() {
        return new HealthChecks(List.of(new NodeCheck(), new CrashLoopCheck(), new DnsCheck(), new TailscaleCheck(),
                new HostSshCheck(), new ShiftfsCheck(), new TlsCheck(), new GitpodWorkloadsCheck(),
                new CoderCheck(), new SocketIsolationCheck(), new WorkspaceIsolationCheck()));
    }

    public HealthReport evaluate(ClusterSnapshot snapshot, Expectations expectations) {
        List<Finding> findings = new ArrayList<>();
        for (HealthCheck check : checks) {
            if (!check.appliesTo(expectations)) continue;
            try {
                findings.addAll(check.check(snapshot, expectations));
            } catch (RuntimeException e) {
                // one broken check must not hide what the others found
                LOG.warn("health check {} failed", check.getClass().getSimpleName(), e);
                findings.add(Finding.warning("RY-CHECK-001", "A health check could not run: " + check.getClass().getSimpleName(),
                        List.of(e.toString()), "Please report this with the support bundle (railyard health --bundle)."));
            }
        }
        List<String> facts = new ArrayList<>();
        if (expectations.platform() == dev.railyard.engine.plan.Platform.GITPOD) {
            ShiftfsCheck.runningMethod(snapshot).ifPresent(m -> facts.add("Workspace file-system shift: " + m));
        }
        return new HealthReport(snapshot.takenAt(), findings, facts);
    }
}
