package dev.railyard.engine.run;

import dev.railyard.engine.plan.ClusterPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A rough "time left" for a run, from how long each step usually takes: enough to tell a person
 * whether to wait or come back later, never a promise. The typical times are estimates for a small
 * cluster on a good connection (provider downloads, server boot, k3s install, image pulls); steps that
 * visit every server scale with the number of servers, and Azure creates VMs more slowly than Hetzner.
 * A running step that takes longer than usual keeps a small remainder and is reported as overdue
 * instead of counting below zero.
 */
public final class RunEta {

    private static final Duration UNKNOWN_STEP = Duration.ofSeconds(30);

    private static final Map<String, Duration> TYPICAL = Map.ofEntries(
            Map.entry("preflight", Duration.ofSeconds(3)),
            Map.entry("terraform-init", Duration.ofSeconds(30)),
            Map.entry("terraform-plan", Duration.ofSeconds(15)),
            Map.entry("terraform-apply", Duration.ofSeconds(120)),
            Map.entry("wait-for-ssh", Duration.ofSeconds(45)),
            Map.entry("cloud-init", Duration.ofSeconds(180)),
            Map.entry("host-scripts", Duration.ofSeconds(180)),
            Map.entry("kubeconfig", Duration.ofSeconds(5)),
            Map.entry("nodes-ready", Duration.ofSeconds(60)),
            Map.entry("gitpod-secrets", Duration.ofSeconds(5)),
            Map.entry("cert-manager", Duration.ofSeconds(120)),
            Map.entry("certificate", Duration.ofSeconds(180)),
            Map.entry("gitpod-installer", Duration.ofSeconds(600)),
            // ca-updater is on the workspace nodes already (registry-facade's init container): one copy per node
            Map.entry("registry-ca", Duration.ofSeconds(15)),
            Map.entry("summary", Duration.ofSeconds(2)),
            Map.entry("cluster-cleanup", Duration.ofSeconds(30)),
            Map.entry("terraform-destroy", Duration.ofSeconds(120)));

    /** Steps that go through the servers one after another. */
    private static final java.util.Set<String> PER_SERVER = java.util.Set.of("cloud-init", "host-scripts");

    /** How much longer than usual a running step may take before it counts as overdue. */
    private static final double OVERDUE_FACTOR = 1.5;

    /** A step's expected remainder and whether it already took clearly longer than usual. */
    public record Estimate(Duration remaining, boolean overdue) {}

    private final int servers;
    private final double providerFactor;

    RunEta(int servers, double providerFactor) {
        this.servers = Math.max(1, servers);
        this.providerFactor = providerFactor;
    }

    public static RunEta forPlan(ClusterPlan plan) {
        var spec = plan.spec();
        int servers = spec.provider().isCloud() ? spec.size().managerCount() + spec.size().initialNodeCount()
                : Hosts.existing(plan).all().size();
        return new RunEta(servers, spec.provider().isAzure() ? 2.0 : 1.0);
    }

    /** How long a step usually takes for this plan. */
    public Duration typical(String step) {
        Duration base = TYPICAL.getOrDefault(step, UNKNOWN_STEP);
        if (step.startsWith("terraform-apply") || step.startsWith("terraform-destroy")) base = scaled(base, providerFactor);
        // cloud-init runs on all servers at once; Railyard follows them one by one, so only the first costs the full time
        if (step.equals("cloud-init")) return base.plus(Duration.ofSeconds(10L * (servers - 1)));
        if (PER_SERVER.contains(step)) return base.multipliedBy(servers);
        return base;
    }

    /** What is left of one step: all of it when pending, the rest of its typical time when running, nothing when over. */
    public Estimate step(StepStatus status, Instant now) {
        Duration typical = typical(status.name());
        return switch (status.state()) {
            case PENDING, FAILED, CANCELLED -> new Estimate(typical, false);
            case DONE, SKIPPED -> new Estimate(Duration.ZERO, false);
            case RUNNING -> {
                Duration elapsed = status.startedAt() == null ? Duration.ZERO : Duration.between(Instant.parse(status.startedAt()), now);
                Duration floor = scaled(typical, 0.1);
                Duration left = typical.minus(elapsed);
                yield new Estimate(left.compareTo(floor) < 0 ? floor : left,
                        elapsed.toMillis() > typical.toMillis() * OVERDUE_FACTOR);
            }
        };
    }

    /** What is left of the whole run: the running step's remainder plus every unfinished step after it. */
    public Duration remaining(RunState state, Instant now) {
        Duration total = Duration.ZERO;
        for (StepStatus s : state.steps()) total = total.plus(step(s, now).remaining());
        return total;
    }

    /** The share of the usual total that is behind, 0..1, for a progress bar. */
    public double progress(RunState state, Instant now) {
        double all = 0;
        double left = 0;
        for (StepStatus s : state.steps()) {
            all += typical(s.name()).toMillis();
            left += step(s, now).remaining().toMillis();
        }
        return all == 0 ? 0 : Math.max(0, Math.min(1, 1 - left / all));
    }

    /** "about 12 min", "about 40 s", "under 10 s": minutes above two minutes, rounded up. */
    public static String describe(Duration d) {
        long s = d.toSeconds();
        if (s < 10) return "under 10 s";
        if (s < 120) return "about " + ((s + 9) / 10 * 10) + " s";
        return "about " + ((s + 59) / 60) + " min";
    }

    private static Duration scaled(Duration d, double factor) {
        return Duration.ofMillis(Math.round(d.toMillis() * factor));
    }
}
