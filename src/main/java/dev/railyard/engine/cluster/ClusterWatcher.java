package dev.railyard.engine.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live health for the panel: informers keep nodes, pods, services, deployments, daemonsets and
 * network policies current without polling; any change schedules one re-evaluation after a quiet
 * period, so a rollout of a hundred pods costs one evaluation, not a hundred (no polling storms).
 * Events are not watched: they churn constantly and no check depends on them.
 */
public final class ClusterWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterWatcher.class);

    private final KubernetesClient client;
    private final SnapshotGatherer gatherer;
    private final Expectations expectations;
    private final Optional<TailnetPolicy> policy;
    private final Duration quietPeriod;
    private final Clock clock;
    private final Consumer<HealthReport> listener;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "railyard-health-watcher");
        t.setDaemon(true);
        return t;
    });
    private static final int KINDS = 6;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final List<SharedIndexInformer<?>> informers = new CopyOnWriteArrayList<>();

    public ClusterWatcher(KubernetesClient client, Expectations expectations, Optional<TailnetPolicy> policy,
                          Duration quietPeriod, Clock clock, Consumer<HealthReport> listener) {
        this(client, expectations, policy, quietPeriod, clock, listener, CoderProbe.NONE);
    }

    /** {@code coderProbe}: DNS and Coder's own report for a Coder plan ({@link CoderProbe#forPlan}). */
    public ClusterWatcher(KubernetesClient client, Expectations expectations, Optional<TailnetPolicy> policy,
                          Duration quietPeriod, Clock clock, Consumer<HealthReport> listener, CoderProbe coderProbe) {
        this.client = client;
        this.gatherer = new SnapshotGatherer(client, new TcpBannerProbe(), clock, SnapshotGatherer.Limits.DEFAULT, coderProbe);
        this.expectations = expectations;
        this.policy = policy;
        this.quietPeriod = quietPeriod;
        this.clock = clock;
        this.listener = listener;
    }

    /** Starts the informers; the first report follows once their caches are filled. */
    public ClusterWatcher start() {
        ResourceEventHandler<Object> onChange = new ResourceEventHandler<>() {
            @Override public void onAdd(Object obj) { schedule(); }
            @Override public void onUpdate(Object oldObj, Object newObj) { schedule(); }
            @Override public void onDelete(Object obj, boolean deletedFinalStateUnknown) { schedule(); }
        };
        informers.add(client.nodes().inform(cast(onChange), 0));
        informers.add(client.pods().inAnyNamespace().inform(cast(onChange), 0));
        informers.add(client.services().inAnyNamespace().inform(cast(onChange), 0));
        informers.add(client.apps().deployments().inAnyNamespace().inform(cast(onChange), 0));
        informers.add(client.apps().daemonSets().inAnyNamespace().inform(cast(onChange), 0));
        informers.add(client.network().v1().networkPolicies().inAnyNamespace().inform(cast(onChange), 0));
        schedule();
        return this;
    }

    /** Re-evaluates now (the refresh button), still through the single scheduler thread. */
    public void refreshNow() {
        scheduler.execute(this::evaluate);
    }

    private void schedule() {
        if (pending.compareAndSet(false, true)) {
            scheduler.schedule(() -> {
                pending.set(false);
                evaluate();
            }, quietPeriod.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void evaluate() {
        if (informers.size() < KINDS) {
            schedule(); // start() is still adding informers
            return;
        }
        try {
            ClusterSnapshot cached = ClusterSnapshot.empty(clock.instant())
                    .withNodes(list(0)).withPods(list(1)).withServices(list(2))
                    .withDeployments(list(3)).withDaemonSets(list(4)).withNetworkPolicies(list(5));
            ClusterSnapshot snapshot = gatherer.complete(cached, expectations, policy, false);
            listener.accept(HealthChecks.standard().evaluate(snapshot, expectations));
        } catch (RuntimeException e) {
            LOG.warn("live health evaluation failed", e);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> list(int index) {
        return (List<T>) informers.get(index).getStore().list();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> ResourceEventHandler<T> cast(ResourceEventHandler<Object> handler) {
        return (ResourceEventHandler) handler;
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::stop);
        scheduler.shutdownNow();
    }
}
