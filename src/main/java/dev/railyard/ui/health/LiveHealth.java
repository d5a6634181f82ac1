package dev.railyard.ui.health;

import dev.railyard.engine.cluster.ClusterWatcher;
import dev.railyard.engine.cluster.CoderProbe;
import dev.railyard.engine.cluster.Expectations;
import dev.railyard.engine.cluster.HealthChecks;
import dev.railyard.engine.cluster.SnapshotGatherer;
import dev.railyard.engine.cluster.TcpBannerProbe;
import dev.railyard.engine.cluster.TailnetPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;

/**
 * A health panel wired to a live cluster: informers push new reports (after a quiet period), the
 * refresh button re-reads everything. Used from the run screen after provisioning and from
 * "Check an existing cluster…". Close it when the panel goes away: it stops the informers.
 */
public final class LiveHealth implements AutoCloseable {

    static final Duration QUIET_PERIOD = Duration.ofSeconds(2);

    private final HealthPanel panel;
    private final ClusterWatcher watcher;
    private final ExecutorService background;

    private LiveHealth(HealthPanel panel, ClusterWatcher watcher, ExecutorService background) {
        this.panel = panel;
        this.watcher = watcher;
        this.background = background;
    }

    /** The client stays the caller's: it is not closed here. */
    public static LiveHealth open(KubernetesClient client, Expectations expectations, Optional<TailnetPolicy> policy, Clock clock) {
        return open(client, expectations, policy, clock, CoderProbe.NONE);
    }

    /** {@code coderProbe}: for a Coder plan, DNS and Coder's own health report, as {@code railyard health} reads them. */
    public static LiveHealth open(KubernetesClient client, Expectations expectations, Optional<TailnetPolicy> policy, Clock clock,
                                  CoderProbe coderProbe) {
        ExecutorService background = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "railyard-health-refresh");
            t.setDaemon(true);
            return t;
        });
        HealthViewModel model = new HealthViewModel(
                () -> HealthChecks.standard().evaluate(new SnapshotGatherer(client, new TcpBannerProbe(), clock, SnapshotGatherer.Limits.DEFAULT, coderProbe)
                        .gather(expectations, policy, false), expectations),
                background);
        HealthPanel panel = new HealthPanel(model);
        ClusterWatcher watcher = new ClusterWatcher(client, expectations, policy, QUIET_PERIOD, clock,
                report -> Platform.runLater(() -> model.show(report)), coderProbe);
        // informers fill their caches before start() returns: never on the FX thread
        background.execute(watcher::start);
        return new LiveHealth(panel, watcher, background);
    }

    public HealthPanel panel() {
        return panel;
    }

    @Override
    public void close() {
        watcher.close();
        background.shutdownNow();
    }
}
