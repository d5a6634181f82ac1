package dev.railyard.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.engine.cluster.ClusterScenarios.Scenario;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Each scenario, evaluated from an in-memory snapshot, yields exactly the findings that describe it. */
class HealthScenariosTest {

    static List<Scenario> scenarios() {
        return ClusterScenarios.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void reportsExactlyTheFindingsOfEachScenario(Scenario scenario) {
        HealthReport report = HealthChecks.standard().evaluate(scenario.snapshot(), scenario.expectations());

        Set<String> codes = report.findings().stream().map(Finding::code).collect(Collectors.toCollection(TreeSet::new));
        assertThat(codes).as(report.toText()).isEqualTo(new TreeSet<>(scenario.expectedCodes()));
    }

    @Test
    void healthyClusterIsReadyWithExitCodeZero() {
        HealthReport report = HealthChecks.standard().evaluate(ClusterScenarios.healthy().snapshot(), ClusterScenarios.plan());

        assertThat(report.findings()).isEmpty();
        assertThat(report.status()).isEqualTo(HealthReport.Status.READY);
        assertThat(report.exitCode()).isZero();
    }

    @Test
    void seedDnsCrashLoopNamesTheLogLineTheNodesAndWhyHostsEditsDoNotHelp() {
        Scenario seed = ClusterScenarios.seedDnsCrashLoop();
        HealthReport report = HealthChecks.standard().evaluate(seed.snapshot(), seed.expectations());

        Finding dns = report.findings().stream().filter(f -> f.code().equals("RY-DNS-001")).findFirst().orElseThrow();
        assertThat(dns.severity()).isEqualTo(Finding.Severity.ERROR);
        assertThat(dns.evidence()).anySatisfy(e -> assertThat(e)
                .contains("default/kotsadm-5d7f8c9b6-qz4wn").contains("lookup kotsadm-postgres on 10.43.0.10:53").contains("i/o timeout"));
        assertThat(dns.evidence()).anySatisfy(e -> assertThat(e).contains("cattle-system/cattle-cluster-agent-6b8d9f7c5-lm2pk"));
        assertThat(dns.evidence()).anySatisfy(e -> assertThat(e).contains("CoreDNS Ready on: gp-manager-1").contains("failing pods on: gp-node-1"));
        assertThat(dns.fix()).contains("8472/udp").contains("10.42.0.0/16").contains("/etc/hosts").contains("coredns-custom");

        List<Finding> loops = report.findings().stream().filter(f -> f.code().equals("RY-POD-001")).toList();
        assertThat(loops).hasSize(2);
        assertThat(loops).anySatisfy(f -> assertThat(f.evidence()).contains(
                "default/kotsadm-5d7f8c9b6-qz4wn (kotsadm) on node gp-node-1: CrashLoopBackOff, 14 restarts"));
        assertThat(loops).allSatisfy(f -> assertThat(f.evidence()).anySatisfy(e -> assertThat(e).startsWith("log: ")));
        assertThat(report.exitCode()).isEqualTo(2);
    }

    @Test
    void degradedClusterHasWarningsOnlyAndExitCodeOne() {
        Scenario degraded = ClusterScenarios.degraded();
        HealthReport report = HealthChecks.standard().evaluate(degraded.snapshot(), degraded.expectations());

        assertThat(report.status()).isEqualTo(HealthReport.Status.DEGRADED);
        assertThat(report.exitCode()).isEqualTo(1);
    }
}
