package dev.railyard.cli;

import dev.railyard.engine.cluster.ClusterSnapshot;
import dev.railyard.engine.cluster.CoderProbe;
import dev.railyard.engine.cluster.Expectations;
import dev.railyard.engine.cluster.HealthChecks;
import dev.railyard.engine.cluster.HealthReport;
import dev.railyard.engine.cluster.KubeconfigClients;
import dev.railyard.engine.cluster.ReportJson;
import dev.railyard.engine.cluster.SnapshotGatherer;
import dev.railyard.engine.cluster.SupportBundle;
import dev.railyard.engine.cluster.TailnetPolicy;
import dev.railyard.engine.cluster.TcpBannerProbe;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.PlanFormat;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code railyard health}: the health panel's findings on the command line. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Diagnoses a cluster for Gitpod: nodes, crash loops, DNS, Tailscale, host SSH, shiftfs, TLS, "
                + "Gitpod workloads and workspace isolation. Exit 0 healthy, 1 warnings, 2 errors.")
public final class HealthCommand implements Callable<Integer> {

    public static final int HEALTHY = 0;
    public static final int WARNINGS = 1;
    public static final int ERRORS = 2;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig to use (default: $KUBECONFIG or ~/.kube/config)")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "kubeconfig context (default: the current one)")
    String context;

    @Option(names = "--plan", paramLabel = "PLAN", description = "the cluster's railyard.yaml: checks taints, versions, domain, SSH port and Tailscale against it")
    Path plan;

    @Option(names = "--tailnet-policy", paramLabel = "FILE", description = "the tailnet policy (HuJSON) to check route approval and ACLs against")
    Path tailnetPolicy;

    @Option(names = "--probe-hosts", description = "connect to each host's SSH port and to port 22 from this machine (banner only, never a login)")
    boolean probeHosts;

    @Option(names = "--json", description = "print the findings as JSON")
    boolean json;

    @Option(names = "--bundle", paramLabel = "ZIP", description = "also write a support bundle (findings, summaries, events, logs; secrets redacted)")
    Path bundle;

    @Spec
    CommandSpec spec;

    private final BiFunction<Optional<Path>, Optional<String>, KubernetesClient> clients;
    private final Clock clock;

    public HealthCommand() {
        this(KubeconfigClients::open, RailyardCli.CLOCK);
    }

    /**
     * For tests: the client comes from elsewhere (a mock API server) and the clock is fixed, since
     * certificate expiry and the ages of pods and events are judged against it.
     */
    HealthCommand(BiFunction<Optional<Path>, Optional<String>, KubernetesClient> clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    /**
     * For a Coder plan: DNS for the access URL and the wildcard, and Coder's own health report read with
     * the owner's session when the owner password is in the secret store.
     */
    static CoderProbe coderProbe(ClusterPlan plan) {
        return CoderProbe.forPlan(plan, new dev.railyard.engine.secrets.SecretResolver(CliSecretStores.open(), System.getenv(),
                Path.of(System.getProperty("user.home"))), CoderProbe.Resolver.SYSTEM);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            dev.railyard.engine.run.EndpointOverrides.coderUrl();
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return RailyardCli.USAGE;
        }
        Optional<ClusterPlan> loadedPlan = Optional.empty();
        if (plan != null) {
            loadedPlan = PlanLoading.load(plan, err);
            if (loadedPlan.isEmpty()) return RailyardCli.INVALID_PLAN;
        }
        Optional<TailnetPolicy> policy;
        try {
            policy = tailnetPolicy == null ? Optional.empty()
                    : Optional.of(TailnetPolicy.parse(Files.readString(tailnetPolicy, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            err.println("error: --tailnet-policy " + tailnetPolicy + ": " + e.getMessage());
            return RailyardCli.USAGE;
        }
        Expectations expectations = loadedPlan.map(Expectations::of).orElseGet(Expectations::withoutPlan);
        ClusterSnapshot snapshot;
        try (KubernetesClient client = clients.apply(Optional.ofNullable(kubeconfig), Optional.ofNullable(context))) {
            snapshot = new SnapshotGatherer(client, new TcpBannerProbe(), clock, SnapshotGatherer.Limits.DEFAULT,
                    loadedPlan.map(HealthCommand::coderProbe).orElse(CoderProbe.NONE))
                    .gather(expectations, policy, probeHosts);
        } catch (IllegalArgumentException | KubernetesClientException e) {
            err.println("error: cannot connect to the cluster: " + e.getMessage());
            return ERRORS;
        }
        if (snapshot.hasGap("nodes") && snapshot.hasGap("pods")) {
            err.println("error: the cluster did not answer: " + String.join("; ", snapshot.gaps()));
            err.println("check the kubeconfig's server address (k3s writes https://127.0.0.1:6443; use the manager's public or load-balancer address) and 6443/tcp from here");
            return ERRORS;
        }
        HealthReport report = HealthChecks.standard().evaluate(snapshot, expectations);
        out.print(json ? ReportJson.toText(report) + "\n" : report.toText());
        if (!snapshot.gaps().isEmpty() && !json) {
            out.println();
            out.println("Not visible to this check: " + String.join("; ", snapshot.gaps()));
        }
        if (bundle != null) {
            try {
                Optional<String> planYaml = loadedPlan.map(p -> new PlanFormat().write(p));
                SupportBundle.write(bundle, report, snapshot, planYaml, RailyardCli.version());
                err.println("support bundle written to " + bundle);
            } catch (IOException e) {
                err.println("error: cannot write the support bundle " + bundle + ": " + e.getMessage());
                return ERRORS;
            }
        }
        return report.exitCode();
    }
}
