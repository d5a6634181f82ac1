package dev.railyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.cli.RailyardProcess.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code railyard demo} as users run it: the packaged jar as a child process, in a network namespace of its own
 * ({@code unshare -n}: no interface, not even loopback, is up), with its data folder and home in a temporary folder.
 */
class DemoCliIT {

    /** {@code railyard demo ARGS} without a network, its data folder and home in {@code dir}. */
    private static Run demo(Path dir, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-Drailyard.home=" + dir.resolve("data"), "-Duser.home=" + dir.resolve("home"), "demo"));
        all.addAll(List.of(args));
        return RailyardProcess.runWithoutNetwork(dir, Map.of(), all.toArray(String[]::new));
    }

    @Test
    void demoRunsEveryStepOfflineShowsTheSeedsDnsDiagnosisThenIsHealthyAfterTheFixAndLeavesNothingBehind(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("home"));
        Run run = demo(dir, "--example", "hetzner-small", "--speed", "50");

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.millis()).as("wall time of the demo at speed 50").isLessThan(60_000);
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("SIMULATION: ");
        assertThat(lines.get(lines.size() - 1)).startsWith("SIMULATION over: ").contains("the demo folder was removed");
        // every log line of the run says what it is
        assertThat(lines.stream().filter(l -> l.startsWith("[") && l.contains("] ")))
                .isNotEmpty().allSatisfy(l -> assertThat(l).contains("[SIMULATION] "));
        for (String step : List.of("preflight", "images", "terraform-init", "terraform-plan", "terraform-apply", "wait-for-ssh",
                "cloud-init", "kubeconfig", "nodes-ready", "gitpod-secrets", "cert-manager", "certificate", "gitpod-installer", "summary")) {
            assertThat(run.out()).containsPattern("(?m)^  done\\s+" + step + "\\s");
        }
        String diagnosis = run.out().substring(run.out().indexOf("health check of the simulated cluster"), run.out().indexOf("applying the fix"));
        assertThat(diagnosis).contains("Cluster health: BROKEN", "RY-DNS-001", "10.43.0.10:53", "i/o timeout", "RY-POD-001", "CrashLoopBackOff");
        String after = run.out().substring(run.out().indexOf("health check again"));
        assertThat(after).contains("Cluster health: READY").doesNotContain("RY-DNS-001");

        try (Stream<Path> left = Files.walk(dir.resolve("data"))) {
            assertThat(left.filter(Files::isRegularFile).toList()).as("files left in the data folder").isEmpty();
        }
        try (Stream<Path> home = Files.walk(dir.resolve("home"))) {
            assertThat(home.filter(Files::isRegularFile).toList()).as("files written to the home folder").isEmpty();
        }
    }

    @Test
    void coderDemoRunsCodersStepsAgainstTheSimulatedCoderdOfflineThenTheWorkspaceNodesDnsDiagnosisAndTheFix(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("home"));
        Run run = demo(dir, "--platform", "coder", "--speed", "50");

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.millis()).as("wall time of the Coder demo at speed 50").isLessThan(60_000);
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("SIMULATION: ").contains("example hetzner-small-coder");
        assertThat(lines.get(lines.size() - 1)).startsWith("SIMULATION over: ");
        assertThat(lines.stream().filter(l -> l.startsWith("[") && l.contains("] ")))
                .isNotEmpty().allSatisfy(l -> assertThat(l).contains("[SIMULATION] "));
        for (String step : List.of("preflight", "terraform-apply", "cloud-init", "nodes-ready", "coder-secrets", "cert-manager", "certificate",
                "coder-database", "coder", "coder-owner", "coder-template", "summary")) {
            assertThat(run.out()).containsPattern("(?m)^  done\\s+" + step + "\\s");
        }
        assertThat(run.out()).contains("coderd answers /healthz", "Coder: https://coder.example.com").doesNotContain("gitpod-installer");
        String diagnosis = run.out().substring(run.out().indexOf("health check of the simulated cluster"), run.out().indexOf("applying the fix"));
        assertThat(diagnosis).contains("Cluster health: BROKEN", "RY-DNS-001", "coder/coder-admin-dev", "10.43.0.10:53", "i/o timeout");
        String after = run.out().substring(run.out().indexOf("health check again"));
        assertThat(after).contains("Cluster health: READY").doesNotContain("RY-DNS-001");
        try (Stream<Path> left = Files.walk(dir.resolve("data"))) {
            assertThat(left.filter(Files::isRegularFile).toList()).as("files left in the data folder").isEmpty();
        }
    }
}
