package dev.railyard.engine.run;

import dev.railyard.engine.ssh.HostKeyPolicy;
import dev.railyard.engine.ssh.PublicKeys;
import dev.railyard.engine.ssh.SshFailure;
import dev.railyard.engine.ssh.SshSession;
import dev.railyard.engine.ssh.SshConnector;
import dev.railyard.engine.ssh.SshTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The steps that reach the servers over SSH: wait until each answers, follow cloud-init to its end,
 * run the per-host scripts of existing servers, and read the kubeconfig from the first manager.
 */
public final class SshSteps {

    /** Where the hosts come from: the plan, or Terraform's outputs (read again on resume). */
    @FunctionalInterface
    public interface HostsSource {
        Hosts hosts(StepContext context) throws Exception;
    }

    private final HostsSource hostsSource;
    private final SshConnector sessions;
    private final KnownHosts knownHosts;
    private final Path privateKey;
    private final RunOptions options;
    private final String clusterName;
    /** Server name to the public key Railyard generated for it (cloud servers); empty for existing servers. */
    private final Map<String, String> expectedHostKeys;

    public SshSteps(String clusterName, HostsSource hostsSource, SshConnector sessions, KnownHosts knownHosts, Path privateKey, RunOptions options) {
        this(clusterName, hostsSource, sessions, knownHosts, privateKey, options, Map.of());
    }

    /**
     * {@code expectedHostKeys}: for cloud servers, the public key ("ssh-ed25519 AAAA...") each server got through
     * cloud-init, by server name; written into known_hosts as soon as the hosts' addresses are known.
     */
    public SshSteps(String clusterName, HostsSource hostsSource, SshConnector sessions, KnownHosts knownHosts, Path privateKey, RunOptions options,
                    Map<String, String> expectedHostKeys) {
        this.expectedHostKeys = Map.copyOf(expectedHostKeys);
        this.hostsSource = hostsSource;
        this.sessions = sessions;
        this.knownHosts = knownHosts;
        this.privateKey = privateKey;
        this.options = options;
        this.clusterName = clusterName;
    }

    public Step waitForSsh() {
        return new SimpleStep("wait-for-ssh", "Wait until every server answers on SSH", ctx -> {
            for (Hosts.Host host : hosts(ctx, true).all()) {
                waitFor(ctx, host);
            }
        });
    }

    public Step cloudInit() {
        return new SimpleStep("cloud-init", "Follow cloud-init on every server", ctx -> {
            for (Hosts.Host host : hosts(ctx, false).all()) {
                try (SshSession session = connect(ctx, host)) {
                    // the output log first, from its start, then the status (which waits for the end)
                    int exit = session.exec("tail -n +1 -F /var/log/cloud-init-output.log 2>/dev/null & tailer=$!; "
                                    + "cloud-init status --wait --long; rc=$?; sleep 1; kill $tailer 2>/dev/null; exit $rc",
                            Map.of(), (error, line) -> ctx.output(host.name(), error ? LogLine.Kind.ERR : LogLine.Kind.OUT, line),
                            ctx.cancellation()::isCancelled);
                    ctx.cancellation().throwIfCancelled();
                    if (exit == 2) {
                        ctx.warn(host.name() + ": cloud-init finished with recoverable errors (exit 2); the lines above say which module");
                    } else if (exit != 0) {
                        throw new StepFailedException("cloud-init on " + host.name() + " (" + host.address() + ") failed (exit " + exit
                                + "); the lines above are its output log; fix the cause and run `railyard resume`");
                    }
                    ctx.info(host.name() + ": cloud-init done");
                }
            }
        });
    }

    /**
     * Existing servers, before anything is installed on them: can Gitpod 2022.11 run there? Reads each host's
     * architecture (amd64 only), kernel (5.4 or newer), cgroup file system (v2 or v1) and OS (apt-based) and stops
     * the run naming every host that falls short. Changes nothing on the hosts.
     */
    public Step hostPreflight() {
        return new SimpleStep("host-preflight", "Preflight: can Gitpod run on these servers?", ctx -> {
            java.util.List<String> problems = new java.util.ArrayList<>();
            for (Hosts.Host host : hostsSource.hosts(ctx).all()) {
                dev.railyard.engine.ssh.HostCheck check;
                try (SshSession session = connect(ctx, host)) {
                    check = dev.railyard.engine.ssh.HostCheck.probe(session);
                }
                if (!check.answered()) throw new StepFailedException(host.name() + ": " + check.problem());
                var f = check.facts();
                ctx.info(host.name() + ": " + check.os() + ", architecture " + check.arch() + ", kernel " + f.kernel() + ", cgroup " + f.cgroup()
                        + (f.restrictsUserNamespaces() ? "; Ubuntu " + f.osVersion() + " restricts unprivileged user namespaces through"
                        + " AppArmor: the install script relaxes it for workspaces" : ""));
                for (String p : check.gitpodProblems()) {
                    ctx.error(host.name() + ": " + p);
                    problems.add(host.name() + ": " + p);
                }
            }
            if (!problems.isEmpty()) {
                throw new StepFailedException("Gitpod 2022.11 cannot be installed on these servers: " + String.join("; ", problems)
                        + ". Nothing has been installed.");
            }
        }, true);
    }

    /** {@link #hostScripts(Map, Map)} with the same environment for managers and nodes. */
    public Step hostScripts(Map<String, String> secretEnvironment) {
        return hostScripts(secretEnvironment, secretEnvironment);
    }

    /**
     * Existing servers: upload {@code existing/<host>.sh} and run it with the join tokens and other
     * secrets in its environment (managers read {@code K3S_TOKEN} and {@code K3S_AGENT_TOKEN}, nodes only
     * {@code K3S_AGENT_TOKEN}; with Tailscale, both {@code TAILSCALE_AUTH_KEY}), managers first.
     */
    public Step hostScripts(Map<String, String> managerEnvironment, Map<String, String> nodeEnvironment) {
        return new SimpleStep("host-scripts", "Install k3s on the existing servers", ctx -> {
            Hosts hosts = hostsSource.hosts(ctx);
            for (Hosts.Host host : hosts.all()) {
                Map<String, String> secretEnvironment = hosts.managers().contains(host) ? managerEnvironment : nodeEnvironment;
                Path script = options.exportDir().resolve("existing").resolve(host.name() + ".sh");
                if (!Files.isReadable(script)) {
                    throw new StepFailedException("missing " + script + ": export the plan again (railyard generate)");
                }
                try (SshSession session = connect(ctx, host)) {
                    session.upload(Files.readAllBytes(script), "$HOME/.railyard", host.name() + ".sh");
                    String path = "\"$HOME/.railyard/" + host.name() + ".sh\"";
                    String names = String.join(",", secretEnvironment.keySet());
                    String command = "if [ \"$(id -u)\" -eq 0 ]; then bash " + path + "; else sudo -n "
                            + (names.isEmpty() ? "" : "--preserve-env=" + names + " ") + "bash " + path + "; fi";
                    int exit = session.exec(command, secretEnvironment,
                            (error, line) -> ctx.output(host.name(), error ? LogLine.Kind.ERR : LogLine.Kind.OUT, line),
                            ctx.cancellation()::isCancelled);
                    ctx.cancellation().throwIfCancelled();
                    if (exit != 0) {
                        throw new StepFailedException(host.name() + " (" + host.address() + "): " + script.getFileName()
                                + " failed (exit " + exit + "); the lines above are its output");
                    }
                }
            }
        });
    }

    public Step kubeconfig() {
        return new SimpleStep("kubeconfig", "Fetch the kubeconfig from the first manager", ctx -> {
            Hosts hosts = hosts(ctx, false);
            Hosts.Host first = hosts.firstManager();
            String text;
            try (SshSession session = connect(ctx, first)) {
                text = session.read("if [ \"$(id -u)\" -eq 0 ]; then cat /etc/rancher/k3s/k3s.yaml; else sudo -n cat /etc/rancher/k3s/k3s.yaml; fi");
            }
            String rewritten = Kubeconfigs.rewrite(text, hosts.apiAddress(), clusterName);
            ctx.redactor().addAll(Kubeconfigs.credentials(rewritten));
            Kubeconfigs.save(rewritten, options.kubeconfigFile());
            ctx.info("saved " + options.kubeconfigFile() + " (0600), API at https://" + hosts.apiAddress() + ":6443;"
                    + " use it with KUBECONFIG=" + options.kubeconfigFile() + " (the run screen offers to merge it into ~/.kube/config)");
        });
    }

    /**
     * The hosts, with the host key Railyard generated for each cloud server pinned in known_hosts first, replacing
     * whatever an earlier cluster at the same address left there. {@code announce}: log the expected fingerprints.
     */
    private Hosts hosts(StepContext ctx, boolean announce) throws Exception {
        Hosts hosts = hostsSource.hosts(ctx);
        for (Hosts.Host host : hosts.all()) {
            String key = expectedHostKeys.get(host.name());
            if (key == null) continue;
            boolean changed = knownHosts.pin(host.address(), host.port(), key);
            if (announce || changed) {
                ctx.info(host.name() + " (" + host.address() + ":" + host.port() + ") must show the host key Railyard gave it: "
                        + key.trim().split("\\s+")[0] + " " + PublicKeys.fingerprint(PublicKeys.wire(key)));
            }
        }
        return hosts;
    }

    /** Polls until SSH answers, with exponential backoff and a countdown in the log. */
    void waitFor(StepContext ctx, Hosts.Host host) throws Exception {
        long deadline = System.nanoTime() + options.sshWait().toNanos();
        Duration delay = Duration.ofSeconds(2);
        int attempt = 0;
        while (true) {
            attempt++;
            try (SshSession session = connect(ctx, host)) {
                ctx.info(host.name() + " (" + host.address() + ":" + host.port() + ") answers on SSH, host key verified");
                return;
            } catch (SshFailure e) {
                if (!e.isRetryable()) throw new StepFailedException(e.getMessage(), e);
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new StepFailedException("gave up waiting for SSH on " + host.name() + " after "
                            + options.sshWait().toSeconds() + " s and " + attempt + " attempts; last error: " + e.getMessage(), e);
                }
                long wait = Math.min(delay.toMillis(), Duration.ofNanos(left).toMillis());
                ctx.info(host.name() + ": " + e.getMessage() + "; attempt " + attempt + ", next in " + (wait + 999) / 1000
                        + " s (giving up in " + Duration.ofNanos(left).toSeconds() + " s)");
                ctx.cancellation().sleep(wait);
                delay = delay.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : delay.multipliedBy(2);
            }
        }
    }

    SshSession connect(StepContext ctx, Hosts.Host host) throws Exception {
        SshTarget target = new SshTarget(host.name(), host.address(), host.port(), host.user(), privateKey);
        AtomicReference<String> firstUse = new AtomicReference<>();
        HostKeyPolicy policy = knownHosts.policyFor(host.address(), host.port(), options.trustOnFirstUse(), notice -> {
            firstUse.set(notice);
            ctx.warn(host.name() + ": " + notice);
        });
        SshSession session = sessions.connect(target, policy);
        if (policy.isTrustOnFirstUse()) {
            String key = session.hostKeyLine();
            knownHosts.add(host.address(), host.port(), key);
            ctx.info(host.name() + ": pinned its host key in " + options.knownHostsFile() + "; later connections must match it");
        }
        return session;
    }
}
