package dev.railyard.engine.render.dns;

import static dev.railyard.engine.render.RenderFixtures.example;
import static dev.railyard.engine.render.RenderFixtures.withoutSecrets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Gitpod;
import dev.railyard.engine.plan.Provider;
import dev.railyard.engine.render.GeneratedFile;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DnsRecordsRendererTest {

    private final DnsRecordsRenderer renderer = new DnsRecordsRenderer();

    static java.util.stream.Stream<String> examples() {
        return dev.railyard.engine.render.RenderFixtures.exampleNames();
    }

    static java.util.stream.Stream<String> gitpodExamples() {
        return dev.railyard.engine.render.RenderFixtures.gitpodExampleNames();
    }

    static java.util.stream.Stream<String> coderExamples() {
        return dev.railyard.engine.render.RenderFixtures.coderExampleNames();
    }

    @ParameterizedTest
    @MethodSource("coderExamples")
    void listsTheTwoNamesCoderServesAndNeverPort22(String example) {
        ClusterPlan plan = example(example);
        String domain = plan.spec().coder().domain();
        String dns = render(plan);
        assertThat(records(dns)).extracting(r -> r[0]).containsExactly(domain + ".", "*." + domain + ".");
        assertThat(dns).startsWith("; DNS records for Coder at " + domain).doesNotContain("22, 80").doesNotContain("Gitpod");
    }

    @ParameterizedTest
    @MethodSource("gitpodExamples")
    void listsTheThreeNamesGitpodServesAsRecordsToTheIngress(String example) {
        ClusterPlan plan = example(example);
        String domain = plan.spec().gitpod().domain();
        List<String[]> records = records(render(plan));
        assertThat(records).extracting(r -> r[0]).containsExactly(domain + ".", "*." + domain + ".", "*.ws." + domain + ".");
        assertThat(records).allSatisfy(r -> {
            assertThat(r[1]).isEqualTo("300");
            assertThat(r[2]).isEqualTo("IN");
            assertThat(r[3]).isEqualTo("A");
        });
        assertThat(records).extracting(r -> r[4]).containsOnly(records.get(0)[4]);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void cloudPlansPointAtTheTerraformIngressOutputAndExistingHostsAtTheFirstManager(String example) {
        ClusterPlan plan = example(example);
        String dns = render(plan);
        String target = records(dns).get(0)[4];
        if (plan.spec().provider().isCloud()) {
            assertThat(target).isEqualTo(DnsRecordsRenderer.INGRESS_PLACEHOLDER);
            assertThat(dns).contains("terraform -chdir=terraform output -raw ingress_ipv4");
        } else {
            Provider.Host manager = plan.spec().provider().existing().hosts().stream().filter(Provider.Host::isManager).findFirst().orElseThrow();
            assertThat(target).isEqualTo(manager.address());
            assertThat(dns).doesNotContain("terraform");
        }
    }

    /** Cloudflare's proxy carries HTTP(S) only and its edge certificate covers one level of wildcard. */
    @ParameterizedTest
    @MethodSource("examples")
    void saysCloudflareRecordsMustBeDnsOnlyBecauseTheProxyBreaksPort22AndTheWorkspaceWildcard(String example) {
        ClusterPlan plan = example(example);
        String dns = render(plan);
        assertThat(dns).contains("\"DNS only\"", "never \"Proxied\"");
        if (plan.spec().platform() == dev.railyard.engine.plan.Platform.GITPOD) {
            assertThat(dns).contains("port 22", "*.ws.");
        } else {
            // Coder needs no port 22 (its SSH goes through HTTPS), but its wildcard must reach the cluster itself
            assertThat(dns).doesNotContain("port 22").contains("*." + plan.spec().coder().domain(), "wildcard");
        }
    }

    @Test
    void withTailscaleItSaysThePublicIngressMustStillBeReachable() {
        String dns = render(example("existing-raspberry-pi-tailscale"));
        assertThat(dns).contains("Tailscale carries only the traffic between the hosts").contains("public internet");
    }

    @Test
    void saysWhenTheManagersAddressIsPrivate() {
        assertThat(render(example("existing-raspberry-pi-tailscale"))).contains("192.168.1.20 is a private address");
        assertThat(render(withManagerAddress(example("existing-raspberry-pi-tailscale"), "203.0.113.20")))
                .doesNotContain("private address");
        assertThat(DnsRecordsRenderer.isPrivateIpv4("172.16.0.1")).isTrue();
        assertThat(DnsRecordsRenderer.isPrivateIpv4("172.32.0.1")).isFalse();
        assertThat(DnsRecordsRenderer.isPrivateIpv4("100.64.1.2")).isTrue();
    }

    @Test
    void everyLineIsACommentOrARecord() {
        for (String example : examples().toList()) {
            assertThat(render(example(example)).lines()).as(example)
                    .allMatch(l -> l.startsWith(";") || l.matches("\\S+\\.\\s+300 IN (A|AAAA|CNAME) \\S+"));
        }
    }

    @Test
    void aManagerGivenByNameGetsCnameRecordsAndAnIpv6AddressAaaa() {
        assertThat(DnsRecordsRenderer.recordType("203.0.113.9")).isEqualTo("A");
        assertThat(DnsRecordsRenderer.recordType("2001:db8::1")).isEqualTo("AAAA");
        assertThat(DnsRecordsRenderer.recordType("pi-1.home.example")).isEqualTo("CNAME");
        ClusterPlan plan = withManagerAddress(example("existing-raspberry-pi-tailscale"), "pi-1.home.example");
        assertThat(records(render(plan))).allSatisfy(r -> {
            assertThat(r[3]).isEqualTo("CNAME");
            assertThat(r[4]).isEqualTo("pi-1.home.example.");
        });
    }

    @Test
    void refusesADomainOrAddressThatIsNotADnsName() {
        ClusterPlan plan = example("hetzner-small");
        Gitpod g = plan.spec().gitpod();
        ClusterPlan badDomain = plan.withSpec(plan.spec().withGitpod(new Gitpod("x.example\n@ IN NS evil.example.", g.blockNewUsers(),
                g.tls(), g.database(), g.registry(), g.storage(), g.workspace(), g.installerImage())));
        assertThatThrownBy(() -> render(badDomain)).hasMessageContaining("spec.gitpod.domain");
        ClusterPlan badAddress = withManagerAddress(example("existing-raspberry-pi-tailscale"), "10.0.0.1 ; evil");
        assertThatThrownBy(() -> render(badAddress)).hasMessageContaining("address");
    }

    @Test
    void rendersTheSameBytesTwice() {
        for (String example : examples().toList()) {
            assertThat(render(example(example))).isEqualTo(render(example(example)));
        }
    }

    private String render(ClusterPlan plan) {
        List<GeneratedFile> files = renderer.render(withoutSecrets(plan));
        assertThat(files).singleElement().extracting(GeneratedFile::path).isEqualTo("dns.txt");
        return files.get(0).content();
    }

    private static List<String[]> records(String dns) {
        return dns.lines().filter(l -> !l.startsWith(";") && !l.isBlank()).map(l -> l.trim().split("\\s+")).toList();
    }

    private static ClusterPlan withManagerAddress(ClusterPlan plan, String address) {
        List<Provider.Host> hosts = plan.spec().provider().existing().hosts().stream()
                .map(h -> h.isManager() ? new Provider.Host(h.name(), address, h.role(), h.sshUser(), h.sshPort()) : h).toList();
        Provider p = plan.spec().provider();
        return plan.withSpec(plan.spec().withProvider(new Provider(p.type(), p.hetzner(), p.azure(), new Provider.Existing(hosts))));
    }
}
