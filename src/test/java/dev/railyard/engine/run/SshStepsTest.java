package dev.railyard.engine.run;

import dev.railyard.testsupport.TestClocks;
import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.secrets.SecretResolver;
import dev.railyard.engine.ssh.HostKeys;
import dev.railyard.engine.ssh.SshSessions;
import dev.railyard.testsupport.OpenSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The SSH steps against a real sshd on 127.0.0.1 with stand-in tools on its PATH. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SshStepsTest {

    static final String TOKEN = "K10canary-join-token-77aa";

    @TempDir
    static Path sshdDir;
    static OpenSshServer sshd;

    @TempDir
    Path root;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = OpenSshServer.start(sshdDir);
        sshd.installTool("cloud-init", "#!/bin/sh\n[ \"$1 $2\" = 'status --wait' ] || { echo \"unexpected: $*\" >&2; exit 64; }\n"
                + "sleep 0.3\necho 'status: done'\necho 'extended_status: done'\n");
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) sshd.close();
    }

    @Test
    void followsCloudInitOnEveryHostWithEachLinePrefixedByTheHost() throws Exception {
        RunOptions options = options();
        new KnownHosts(options.knownHostsFile()).add("127.0.0.1", sshd.port, sshd.hostKeys.publicKeyLine());
        SshSteps steps = steps(options);

        Pipeline.Result result = run(options, List.of(steps.waitForSsh(), steps.cloudInit()), List.of());

        assertThat(result.outcome()).as(result.message()).isEqualTo(Pipeline.Outcome.SUCCEEDED);
        String log = Files.readString(options.runDir().resolve("run.log"));
        assertThat(log).contains("[wait-for-ssh] manager-1 (127.0.0.1:" + sshd.port + ") answers on SSH, host key verified")
                .contains("[cloud-init] manager-1: status: done").contains("manager-1: cloud-init done");
    }

    @Test
    void runsTheExistingHostsScriptWithTheJoinTokenInItsEnvironmentAndNeverInTheLogs() throws Exception {
        RunOptions options = options();
        new KnownHosts(options.knownHostsFile()).add("127.0.0.1", sshd.port, sshd.hostKeys.publicKeyLine());
        Path existing = Files.createDirectories(options.exportDir().resolve("existing"));
        Files.writeString(existing.resolve("manager-1.sh"), "#!/bin/bash\nset -eu\necho \"joining with a token of ${#K3S_TOKEN} characters\"\n"
                + "echo \"a careless script prints $K3S_TOKEN\"\n");

        Pipeline.Result result = run(options, List.of(steps(options).hostScripts(Map.of("K3S_TOKEN", TOKEN))), List.of(TOKEN));

        assertThat(result.outcome()).as(result.message()).isEqualTo(Pipeline.Outcome.SUCCEEDED);
        String log = Files.readString(options.runDir().resolve("run.log"));
        assertThat(log).contains("[host-scripts] manager-1: joining with a token of " + TOKEN.length() + " characters")
                .contains("manager-1: a careless script prints ***");
        TerraformPipelineTest.assertNoFileContains(root, TOKEN);
        assertThat(sshd.log()).doesNotContain(TOKEN);
    }

    @Test
    void gitpodHostPreflightReadsArchitectureKernelCgroupAndOsOfARealHostAndPasses() throws Exception {
        RunOptions options = options();
        new KnownHosts(options.knownHostsFile()).add("127.0.0.1", sshd.port, sshd.hostKeys.publicKeyLine());

        Pipeline.Result result = run(options, List.of(steps(options).hostPreflight()), List.of());

        String log = Files.readString(options.runDir().resolve("run.log"));
        // this machine is the host: amd64, a current kernel, cgroup v2, Debian/Ubuntu
        assertThat(result.outcome()).as(log).isEqualTo(Pipeline.Outcome.SUCCEEDED);
        assertThat(log).containsPattern("\\[host-preflight\\] manager-1: .*, architecture x86_64, kernel \\d+\\.\\d+\\S*, cgroup v[12]");
    }

    @Test
    void gitpodOnArm64IsRefusedBeforeAnythingIsInstalled(@TempDir Path serverDir) throws Exception {
        // a stand-in uname first on the sshd's PATH makes the real host look like a Raspberry Pi with an old kernel
        try (OpenSshServer pi = OpenSshServer.start(serverDir)) {
            pi.installTool("uname", "#!/bin/sh\ncase \"$1\" in -m) echo aarch64;; -r) echo 5.3.0-1-raspi;; *) /bin/uname \"$@\";; esac\n");
            RunOptions options = options();
            new KnownHosts(options.knownHostsFile()).add("127.0.0.1", pi.port, pi.hostKeys.publicKeyLine());
            SshSteps steps = new SshSteps("acme", ctx -> new Hosts(List.of(new Hosts.Host("rpi-node-1", "127.0.0.1", pi.port, "root")), List.of(),
                    "127.0.0.1", "127.0.0.1"), new SshSessions(Duration.ofSeconds(3)), new KnownHosts(options.knownHostsFile()), pi.clientKey, options);
            Path marker = root.resolve("installed");
            Step install = new SimpleStep("host-scripts", "install", ctx -> Files.writeString(marker, "k3s"));

            Pipeline.Result result = run(options, List.of(steps.hostPreflight(), install), List.of());

            assertThat(result.outcome()).isEqualTo(Pipeline.Outcome.PREFLIGHT_FAILED);
            assertThat(result.message()).contains("rpi-node-1: its architecture is aarch64: Gitpod 2022.11 publishes its images for amd64")
                    .contains("gitpod-io/gitpod issues 1756 and 8509").contains("Coder")
                    .contains("its kernel is 5.3.0-1-raspi: Gitpod 2022.11's installer requires 5.4 or newer")
                    .contains("Nothing has been installed");
            assertThat(marker).as("the install step never ran").doesNotExist();
        }
    }

    @Test
    void stopsWithAClearErrorWhenTheServerShowsAnotherHostKey() throws Exception {
        RunOptions options = options();
        HostKeys expected = HostKeys.generateEd25519("what-cloud-init-was-given");
        new KnownHosts(options.knownHostsFile()).add("127.0.0.1", sshd.port, expected.publicKeyLine());

        Pipeline.Result result = run(options, List.of(steps(options).waitForSsh()), List.of());

        assertThat(result.outcome()).isEqualTo(Pipeline.Outcome.FAILED);
        assertThat(result.message()).contains("not the one Railyard expected").contains(expected.fingerprint())
                .contains(sshd.hostKeys.fingerprint());
    }

    @Test
    void refusesAnUnknownHostUnlessTrustOnFirstUseWasAskedForThenPinsTheKey() throws Exception {
        RunOptions options = options();
        Pipeline.Result refused = run(options, List.of(steps(options).waitForSsh()), List.of());
        assertThat(refused.message()).contains("no known SSH host key for 127.0.0.1 port " + sshd.port).contains("--trust-on-first-use");

        RunOptions trusting = options.withTrustOnFirstUse(true);
        Files.delete(trusting.runDir().resolve(RunStateStore.FILE_NAME));
        Pipeline.Result trusted = run(trusting, List.of(steps(trusting).waitForSsh()), List.of());
        assertThat(trusted.outcome()).isEqualTo(Pipeline.Outcome.SUCCEEDED);
        assertThat(new KnownHosts(options.knownHostsFile()).keysFor("127.0.0.1", sshd.port))
                .containsExactly(sshd.hostKeys.publicKeyLine().substring(0, sshd.hostKeys.publicKeyLine().lastIndexOf(' ')));
        assertThat(Files.readString(options.runDir().resolve("run.log"))).contains("trusting 127.0.0.1:" + sshd.port + " on first use: ssh-ed25519 "
                + sshd.hostKeys.fingerprint());
    }

    @Test
    void cloudServerIsVerifiedOnItsFirstConnectionWithTheKeyRailyardGeneratedWithoutTrustOnFirstUse(@TempDir Path serverDir) throws Exception {
        ClusterPlan plan = Examples.load(new PlanFormat(), "hetzner-small");
        RunSecrets secrets = RunSecrets.resolve(plan, new SecretResolver(new ClusterStepsTest.InMemoryStore(), Map.of(), root),
                new ClusterStepsTest.InMemoryStore(), true);
        HostKeys generated = secrets.hostKeys().byServer().get("acme-gitpod-manager-1");
        RunOptions options = options();
        assertThat(options.trustOnFirstUse()).isFalse();
        assertThat(options.knownHostsFile()).doesNotExist();

        try (OpenSshServer server = OpenSshServer.start(serverDir, generated)) {
            Pipeline.Result result = run(options, List.of(cloudSteps(options, server.port, server.clientKey, secrets).waitForSsh()),
                    secrets.allValues());

            assertThat(result.outcome()).as(result.message()).isEqualTo(Pipeline.Outcome.SUCCEEDED);
            assertThat(Files.readAllLines(options.knownHostsFile()))
                    .containsExactly("[127.0.0.1]:" + server.port + " " + publicKeyWithoutComment(generated));
            assertThat(Files.readString(options.runDir().resolve("run.log")))
                    .contains("acme-gitpod-manager-1 (127.0.0.1:" + server.port + ") must show the host key Railyard gave it: ssh-ed25519 "
                            + generated.fingerprint())
                    .contains("acme-gitpod-manager-1 (127.0.0.1:" + server.port + ") answers on SSH, host key verified")
                    .doesNotContain("on first use");
        }
    }

    @Test
    void aStaleKeyAnEarlierClusterLeftForTheSameAddressAndPortIsReplacedOthersAreKept(@TempDir Path serverDir) throws Exception {
        ClusterPlan plan = Examples.load(new PlanFormat(), "hetzner-small");
        RunSecrets secrets = RunSecrets.resolve(plan, new SecretResolver(new ClusterStepsTest.InMemoryStore(), Map.of(), root),
                new ClusterStepsTest.InMemoryStore(), true);
        HostKeys generated = secrets.hostKeys().byServer().get("acme-gitpod-manager-1");
        RunOptions options = options();
        HostKeys earlierCluster = HostKeys.generateEd25519("destroyed-last-week");
        HostKeys elsewhere = HostKeys.generateEd25519("another-host");

        try (OpenSshServer server = OpenSshServer.start(serverDir, generated)) {
            KnownHosts known = new KnownHosts(options.knownHostsFile());
            known.add("127.0.0.1", server.port, earlierCluster.publicKeyLine());
            known.add("192.0.2.7", 2244, elsewhere.publicKeyLine());

            Pipeline.Result result = run(options, List.of(cloudSteps(options, server.port, server.clientKey, secrets).waitForSsh()),
                    secrets.allValues());

            assertThat(result.outcome()).as(result.message()).isEqualTo(Pipeline.Outcome.SUCCEEDED);
            assertThat(Files.readAllLines(options.knownHostsFile())).containsExactly(
                    "[192.0.2.7]:2244 " + publicKeyWithoutComment(elsewhere),
                    "[127.0.0.1]:" + server.port + " " + publicKeyWithoutComment(generated));
            assertThat(known.pin("127.0.0.1", server.port, generated.publicKeyLine())).as("pinning again changes nothing").isFalse();
        }
    }

    @Test
    void aCloudServerShowingAnotherKeyThanTheOneRailyardGaveItIsRefusedNamingBothFingerprints() throws Exception {
        ClusterPlan plan = Examples.load(new PlanFormat(), "hetzner-small");
        RunSecrets secrets = RunSecrets.resolve(plan, new SecretResolver(new ClusterStepsTest.InMemoryStore(), Map.of(), root),
                new ClusterStepsTest.InMemoryStore(), true);
        HostKeys generated = secrets.hostKeys().byServer().get("acme-gitpod-manager-1");
        RunOptions options = options();

        // the shared sshd has a key of its own, not the one Railyard generated for this server
        Pipeline.Result result = run(options, List.of(cloudSteps(options, sshd.port, sshd.clientKey, secrets).waitForSsh()), List.of());

        assertThat(result.outcome()).isEqualTo(Pipeline.Outcome.FAILED);
        assertThat(result.message()).contains("not the one Railyard expected").contains("expected ssh-ed25519 " + generated.fingerprint())
                .contains("the server showed ssh-ed25519 " + sshd.hostKeys.fingerprint()).contains("Railyard did not connect");
    }

    private SshSteps cloudSteps(RunOptions options, int port, Path clientKey, RunSecrets secrets) {
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        secrets.hostKeys().byServer().forEach((server, keys) -> expected.put(server, keys.publicKeyLine()));
        return new SshSteps("acme-gitpod", ctx -> new Hosts(List.of(new Hosts.Host("acme-gitpod-manager-1", "127.0.0.1", port, "root")),
                List.of(), "127.0.0.1", "127.0.0.1"), new SshSessions(Duration.ofSeconds(3)), new KnownHosts(options.knownHostsFile()),
                clientKey, options, expected);
    }

    private static String publicKeyWithoutComment(HostKeys keys) {
        String[] parts = keys.publicKeyLine().split(" ");
        return parts[0] + " " + parts[1];
    }

    @Test
    void waitsWithACountdownAndGivesUpWithinTheConfiguredTime() throws Exception {
        int closed = OpenSshServer.freePort();
        RunOptions options = options().withWaits(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(1));
        new KnownHosts(options.knownHostsFile()).add("127.0.0.1", closed, sshd.hostKeys.publicKeyLine());
        SshSteps steps = new SshSteps("acme", ctx -> new Hosts(List.of(new Hosts.Host("manager-1", "127.0.0.1", closed, "root")), List.of(),
                "127.0.0.1", "127.0.0.1"), new SshSessions(Duration.ofSeconds(2)), new KnownHosts(options.knownHostsFile()), sshd.clientKey, options);
        long start = System.nanoTime();

        Pipeline.Result result = run(options, List.of(steps.waitForSsh()), List.of());

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(result.outcome()).isEqualTo(Pipeline.Outcome.FAILED);
        assertThat(result.message()).contains("gave up waiting for SSH on manager-1 after 3 s").contains("refused");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(3)).isLessThan(Duration.ofSeconds(8));
        assertThat(Files.readString(options.runDir().resolve("run.log"))).contains("attempt 1, next in 2 s (giving up in");
    }

    private RunOptions options() throws Exception {
        return RunOptions.defaults(Files.createDirectories(root.resolve("export")), root.resolve("run"), root)
                .withWaits(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(1));
    }

    private SshSteps steps(RunOptions options) {
        return new SshSteps("acme", ctx -> new Hosts(List.of(new Hosts.Host("manager-1", "127.0.0.1", sshd.port, "root")), List.of(),
                "127.0.0.1", "127.0.0.1"), new SshSessions(Duration.ofSeconds(3)), new KnownHosts(options.knownHostsFile()), sshd.clientKey, options);
    }

    private static Pipeline.Result run(RunOptions options, List<Step> steps, List<String> secrets) throws Exception {
        try (RunLog log = new RunLog(options.runDir(), new Redactor(secrets), TestClocks.ticking())) {
            return new Pipeline("acme", "provision", steps, new RunStateStore(options.runDir()), log,
                    new ProcessRunner(Duration.ofSeconds(1)), TestClocks.ticking()).run(new Cancellation());
        }
    }
}
