package dev.railyard.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.Gitpod;
import dev.railyard.engine.plan.Network;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.plan.Provider;
import dev.railyard.engine.plan.Size;
import dev.railyard.engine.plan.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PlanValidatorTest {

    private static final PlanFormat FORMAT = new PlanFormat();
    private final PlanValidator validator = new PlanValidator(Catalog.bundled());

    static List<String> exampleNames() {
        return Examples.ALL.stream().map(Examples.Example::name).toList();
    }

    static ClusterPlan example(String name) {
        return Examples.load(FORMAT, name);
    }

    static ClusterPlan hetznerSmall() {
        return example("hetzner-small");
    }

    static ClusterPlan withSpec(ClusterPlan plan, UnaryOperator<Spec> edit) {
        return plan.withSpec(edit.apply(plan.spec()));
    }

    static ClusterPlan withNetwork(ClusterPlan plan, UnaryOperator<Network> edit) {
        return withSpec(plan, s -> s.withNetwork(edit.apply(s.network())));
    }

    static ClusterPlan withGitpod(ClusterPlan plan, UnaryOperator<Gitpod> edit) {
        return withSpec(plan, s -> s.withGitpod(edit.apply(s.gitpod())));
    }

    static ClusterPlan withSize(ClusterPlan plan, UnaryOperator<Size> edit) {
        return withSpec(plan, s -> s.withSize(edit.apply(s.size())));
    }

    static Network network(Network n, Integer sshPort, List<String> admin, String privateCidr, String pod, String service) {
        return new Network(sshPort, admin, privateCidr, pod, service, n.tailscale());
    }

    static Gitpod gitpodDomain(Gitpod g, String domain) {
        return new Gitpod(domain, g.blockNewUsers(), g.tls(), g.database(), g.registry(), g.storage(), g.workspace(), g.installerImage());
    }

    List<Problem> errors(ClusterPlan plan) {
        return validator.validate(plan).stream().filter(Problem::isError).toList();
    }

    List<Problem> warnings(ClusterPlan plan) {
        return validator.validate(plan).stream().filter(p -> !p.isError()).toList();
    }

    List<Problem> at(ClusterPlan plan, String path) {
        return validator.validate(plan).stream().filter(p -> p.path().equals(path)).toList();
    }

    @ParameterizedTest
    @MethodSource("exampleNames")
    void bundledExampleHasNoErrors(String name) {
        assertThat(errors(example(name))).isEmpty();
    }

    @Test
    void onlyTheRaspberryPiExampleIsWarned_aboutFuseAndAboutGitpodOnArm64() {
        assertThat(warnings(example("hetzner-small"))).isEmpty();
        assertThat(warnings(example("existing-raspberry-pi-tailscale"))).extracting(Problem::path)
                .containsExactly("spec.provider.existing.hosts", "spec.gitpod.workspace.fsShiftMethod");
    }

    @Test
    void gitpodOnArm64IsWarnedWhereExistingHostsAreChosen() {
        assertThat(at(example("existing-raspberry-pi-tailscale"), "spec.provider.existing.hosts")).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.message()).contains("amd64 (x86_64) servers only").contains("1756 and 8509").contains("Test SSH");
        });
    }

    @Test
    void reportsEveryProblemAtOnce() {
        ClusterPlan plan = withGitpod(withNetwork(hetznerSmall(),
                        n -> network(n, 22, List.of("0.0.0.0/0"), n.privateCidr(), n.podCidr(), n.podCidr()))
                .withMetadata(new ClusterPlan.Metadata("Acme_Gitpod")), g -> gitpodDomain(g, "*.example.com"));

        assertThat(validator.validate(plan)).extracting(Problem::path, Problem::severity).containsExactlyInAnyOrder(
                tuple("metadata.name", Severity.ERROR),
                tuple("spec.network.sshPort", Severity.ERROR),
                tuple("spec.network.adminCidrs[0]", Severity.WARNING),
                tuple("spec.network.serviceCidr", Severity.ERROR),
                tuple("spec.gitpod.domain", Severity.ERROR));
    }

    @Nested
    class Metadata {
        @Test
        void nameMustBeADns1123LabelOfAtMost40Characters() {
            ClusterPlan upper = hetznerSmall().withMetadata(new ClusterPlan.Metadata("Acme"));
            assertThat(at(upper, "metadata.name")).singleElement().satisfies(p ->
                    assertThat(p.message()).contains("DNS-1123 label").contains("lower-case letters, digits and '-'"));
            ClusterPlan tooLong = hetznerSmall().withMetadata(new ClusterPlan.Metadata("a".repeat(41)));
            assertThat(at(tooLong, "metadata.name")).singleElement().satisfies(p -> assertThat(p.message()).contains("at most 40"));
            assertThat(errors(hetznerSmall().withMetadata(new ClusterPlan.Metadata("a".repeat(40))))).isEmpty();
        }

        @Test
        void apiVersionAndKindMustBeRailyards() {
            ClusterPlan plan = new ClusterPlan("railyard.dev/v2", "Deployment", hetznerSmall().metadata(), hetznerSmall().spec());
            assertThat(errors(plan)).extracting(Problem::path, Problem::message).containsExactly(
                    tuple("apiVersion", "must be railyard.dev/v1"), tuple("kind", "must be Cluster"));
        }
    }

    @Nested
    class ProviderSection {
        @Test
        void typeMustBeOneOfThree() {
            ClusterPlan plan = withSpec(hetznerSmall(), s -> s.withProvider(new Provider("aws", s.provider().hetzner(), null, null)));
            assertThat(at(plan, "spec.provider.type")).singleElement().satisfies(p ->
                    assertThat(p.message()).isEqualTo("must be one of hetzner, azure, existing"));
        }

        @Test
        void chosenSectionMustBePresent() {
            ClusterPlan plan = withSpec(hetznerSmall(), s -> s.withProvider(new Provider("azure", s.provider().hetzner(), null, null)));
            assertThat(errors(plan)).extracting(Problem::path).contains("spec.provider.azure");
            assertThat(warnings(plan)).extracting(Problem::path, Problem::message)
                    .contains(tuple("spec.provider.hetzner", "is ignored because spec.provider.type is azure"));
        }

        @Test
        void hetznerLocationMustBeInTheCatalogAndTokenRefWellFormed() {
            ClusterPlan plan = withSpec(hetznerSmall(), s -> s.withProvider(new Provider("hetzner",
                    new Provider.Hetzner("fra1", "hcloud-token"), null, null)));
            assertThat(at(plan, "spec.provider.hetzner.location")).singleElement().satisfies(p ->
                    assertThat(p.message()).contains("not a hetzner location").contains("fsn1, nbg1, hel1"));
            assertThat(at(plan, "spec.provider.hetzner.tokenRef")).singleElement().satisfies(p ->
                    assertThat(p.message()).contains("keychain:NAME").contains("env:VARIABLE").contains("file:PATH"));
        }

        @Test
        void azureNeedsGuidsAndAValidResourceGroup() {
            ClusterPlan azure = example("azure-small");
            ClusterPlan plan = withSpec(azure, s -> s.withProvider(new Provider("azure", null, new Provider.Azure(
                    "westeurope", "not-a-guid", null, s.provider().azure().clientId(), "bad.", "keychain:azure-sp"), null)));
            assertThat(errors(plan)).extracting(Problem::path).containsExactly(
                    "spec.provider.azure.subscriptionId", "spec.provider.azure.tenantId", "spec.provider.azure.resourceGroup");
            assertThat(at(plan, "spec.provider.azure.subscriptionId").get(0).message()).contains("GUID");
            assertThat(at(plan, "spec.provider.azure.tenantId").get(0).message()).startsWith("required");
        }

        @Test
        void existingHostAddressIsNamedByItsIndex() {
            ClusterPlan pi = example("existing-raspberry-pi-tailscale");
            List<Provider.Host> hosts = new ArrayList<>(pi.spec().provider().existing().hosts());
            Provider.Host second = hosts.get(1);
            hosts.set(1, new Provider.Host(second.name(), "192.168.1.300", second.role(), second.sshUser(), second.sshPort()));
            ClusterPlan plan = withSpec(pi, s -> s.withProvider(new Provider("existing", null, null, new Provider.Existing(hosts))));
            assertThat(errors(plan)).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("spec.provider.existing.hosts[1].address");
                assertThat(p.message()).contains("IPv4 address").contains("DNS name");
            });
        }

        @Test
        void existingHostsNeedUniqueNamesAValidRoleUserAndPort() {
            ClusterPlan pi = example("existing-raspberry-pi-tailscale");
            List<Provider.Host> hosts = List.of(
                    new Provider.Host("rpi-node-1", "192.168.1.20", "manager", "ubuntu", 22),
                    new Provider.Host("rpi-node-1", "192.168.1.21", "worker", "Ubuntu User", 70000));
            ClusterPlan plan = withSpec(pi, s -> s.withProvider(new Provider("existing", null, null, new Provider.Existing(hosts))));
            assertThat(errors(plan)).extracting(Problem::path).contains(
                    "spec.provider.existing.hosts[1].name", "spec.provider.existing.hosts[1].role",
                    "spec.provider.existing.hosts[1].sshUser", "spec.provider.existing.hosts[1].sshPort");
            assertThat(at(plan, "spec.provider.existing.hosts[1].name").get(0).message()).contains("hosts[0].name").contains("unique");
        }

        @Test
        void existingHostInsideThePodRangeIsWarned() {
            ClusterPlan pi = example("existing-raspberry-pi-tailscale");
            ClusterPlan plan = withNetwork(pi, n -> network(n, n.sshPort(), n.adminCidrs(), n.privateCidr(), "192.168.0.0/16", n.serviceCidr()));
            assertThat(warnings(plan)).extracting(Problem::path).contains(
                    "spec.provider.existing.hosts[0].address", "spec.provider.existing.hosts[1].address");
        }
    }

    @Nested
    class SizeSection {
        @Test
        void presetCountsAreChecked() {
            ClusterPlan medium = withSize(example("hetzner-medium"),
                    s -> new Size("medium", 2, 101, null, s.managerType(), s.nodeType()));
            assertThat(errors(medium)).extracting(Problem::path, Problem::message).containsExactly(
                    tuple("spec.size.managers", "must be 3 for preset medium (three managers keep an embedded etcd quorum)"),
                    tuple("spec.size.nodes", "must be from 1 to 100 for preset medium"));
        }

        @Test
        void largeNeedsAutoscaleWithMinAtMostMaxAndNoFixedNodes() {
            ClusterPlan large = withSize(example("hetzner-large-autoscale"),
                    s -> new Size("large", 3, 2, new Size.Autoscale(5, 3), s.managerType(), s.nodeType()));
            assertThat(errors(large)).extracting(Problem::path).containsExactly("spec.size.nodes", "spec.size.autoscale.min");
            assertThat(at(large, "spec.size.autoscale.min").get(0).message()).contains("min must be at most max");
            ClusterPlan tooBig = withSize(large, s -> new Size("large", 3, null, new Size.Autoscale(0, 101), s.managerType(), s.nodeType()));
            assertThat(errors(tooBig)).extracting(Problem::path).containsExactly("spec.size.autoscale.max");
        }

        @Test
        void smallMustNotAutoscale() {
            ClusterPlan plan = withSize(hetznerSmall(), s -> new Size("small", 1, 1, new Size.Autoscale(1, 2), s.managerType(), s.nodeType()));
            assertThat(errors(plan)).extracting(Problem::path).containsExactly("spec.size.autoscale");
        }

        @Test
        void existingHostRolesMustMatchTheCounts() {
            ClusterPlan plan = withSize(example("existing-raspberry-pi-tailscale"), s -> new Size("small", 1, 2, null, null, null));
            assertThat(errors(plan)).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("spec.size.nodes");
                assertThat(p.message()).isEqualTo("is 2 but spec.provider.existing.hosts has 1 with role node; they must agree");
            });
        }

        @Test
        void retiredCx41NamesItsSuccessorCx43AndTheDate() {
            ClusterPlan plan = withSize(hetznerSmall(), s -> new Size("small", 1, 1, null, "cx41", s.nodeType()));
            assertThat(errors(plan)).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("spec.size.managerType");
                assertThat(p.message()).isEqualTo("cx41 was retired by hetzner on 2024-06-30 and can no longer be ordered; "
                        + "use its successor cx43 (8 vCPU, 16 GB)");
            });
        }

        @ParameterizedTest
        @ValueSource(strings = {"cx22", "cx32", "cx42", "cx52", "cpx11", "cpx21", "cpx31", "cpx41", "cpx51"})
        void typesRetiredAtTheEndOf2025AreErrors(String retired) {
            ClusterPlan plan = withSize(hetznerSmall(), s -> new Size("small", 1, 1, null, s.managerType(), retired));
            assertThat(at(plan, "spec.size.nodeType")).singleElement().satisfies(p ->
                    assertThat(p.message()).contains("retired by hetzner on 2025-12-31").contains("successor"));
        }

        @Test
        void typeMustBeOfferedInThePlansLocation() {
            ClusterPlan plan = withSpec(hetznerSmall(), s -> s.withProvider(new Provider("hetzner",
                    new Provider.Hetzner("ash", "keychain:hcloud"), null, null)));
            assertThat(errors(plan)).extracting(Problem::path, Problem::message).contains(
                    tuple("spec.size.nodeType", "cx43 is not offered in ash; offered in ash: cpx12, cpx22, cpx32, ccx13, cpx42, cpx52, ccx23, cpx62, ccx33"));
        }

        @Test
        void unknownTypeIsAnError_smallWorkspaceTypeIsWarned() {
            ClusterPlan plan = withSize(hetznerSmall(), s -> new Size("small", 1, 1, null, "cx99", "cx23"));
            assertThat(at(plan, "spec.size.managerType").get(0).message()).contains("not a hetzner server type");
            assertThat(at(plan, "spec.size.nodeType")).singleElement().satisfies(p -> {
                assertThat(p.severity()).isEqualTo(Severity.WARNING);
                assertThat(p.message()).contains("cx23 (2 vCPU, 4 GB)").contains("less than 4 vCPU or 8 GB");
            });
        }
    }

    @Nested
    class NodeSetup {
        @Test
        void k3sForGitpodDefaultsToTheNewest130ReleaseWhichTheCatalogDates() throws Exception {
            assertThat(Spec.K3s.defaultFor(hetznerSmall().spec())).isEqualTo("v1.30.14+k3s2").isEqualTo(Spec.K3s.GITPOD_VERSION);
            var catalog = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    PlanValidatorTest.class.getResourceAsStream("/catalog/catalog.json")).path("k3s");
            assertThat(catalog.path("gitpod").path("version").asText()).isEqualTo(Spec.K3s.GITPOD_VERSION);
            assertThat(catalog.path("gitpod").path("containerd").asText()).startsWith("v1.7.");
            assertThat(catalog.path("checked").asText()).isEqualTo("2026-12-03");
            assertThat(at(hetznerSmall(), "spec.k3s.version")).isEmpty();
        }

        @Test
        void k3sContainerd2FromV1_31_6AndNewerKubernetesAreAllowedWithAWarningSayingWhatIsUntested() {
            ClusterPlan on131 = withSpec(hetznerSmall(), s -> s.withK3s(new Spec.K3s("v1.31.5+k3s1")));
            assertThat(at(on131, "spec.k3s.version")).singleElement().satisfies(p -> {
                assertThat(p.severity()).isEqualTo(Severity.WARNING);
                assertThat(p.message()).contains("untested with Gitpod 2022.11").contains("1.25 or newer").doesNotContain("containerd 2")
                        .contains("v1.30.14+k3s2");
            });
            for (String v : new String[] {"v1.31.6+k3s1", "v1.32.0+k3s1", "v1.33.7+k3s1"}) {
                ClusterPlan plan = withSpec(hetznerSmall(), s -> s.withK3s(new Spec.K3s(v)));
                assertThat(at(plan, "spec.k3s.version")).as(v).singleElement().satisfies(p -> {
                    assertThat(p.severity()).isEqualTo(Severity.WARNING);
                    assertThat(p.message()).contains("ships containerd 2").contains("v1.31.6");
                });
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.33.7+k3s1", "v1.33.7", "v1.33+k3s1", "v1.33.7-k3s1", "latest"})
        void k3sVersionMustBePinnedInK3sReleaseForm(String version) {
            ClusterPlan plan = withSpec(hetznerSmall(), s -> s.withK3s(new Spec.K3s(version)));
            assertThat(at(plan, "spec.k3s.version")).singleElement().satisfies(p ->
                    assertThat(p.message()).contains("v<major>.<minor>.<patch>+k3s<n>"));
        }

        @Test
        void oldK3sMinorIsWarned() {
            ClusterPlan plan = withSpec(hetznerSmall(), s -> s.withK3s(new Spec.K3s("v1.29.1+k3s2")));
            assertThat(at(plan, "spec.k3s.version")).singleElement().extracting(Problem::severity).isEqualTo(Severity.WARNING);
        }

        @Test
        void sshKeyIsRequiredButNeverRead() {
            ClusterPlan missing = withSpec(hetznerSmall(), s -> s.withSshKey(new Spec.SshKey(null)));
            assertThat(at(missing, "spec.sshKey.publicKeyFile")).singleElement().extracting(Problem::severity).isEqualTo(Severity.ERROR);
            ClusterPlan nowhere = withSpec(hetznerSmall(), s -> s.withSshKey(new Spec.SshKey("/does/not/exist/key.pub")));
            assertThat(errors(nowhere)).isEmpty();
        }
    }

    @Nested
    class NetworkSection {
        @Test
        void sshPort22IsGitpodsSshGateway() {
            ClusterPlan plan = withNetwork(hetznerSmall(), n -> network(n, 22, n.adminCidrs(), n.privateCidr(), n.podCidr(), n.serviceCidr()));
            assertThat(errors(plan)).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("spec.network.sshPort");
                assertThat(p.message()).startsWith("cannot be 22: 22 is Gitpod's SSH gateway").endsWith("e.g. 2244");
            });
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 80, 443, 6443, 10250, 2379, 2380, 8472, 51820, 51821, 65536})
        void sshPortMustBeFreeAndInRange(int port) {
            ClusterPlan plan = withNetwork(hetznerSmall(), n -> network(n, port, n.adminCidrs(), n.privateCidr(), n.podCidr(), n.serviceCidr()));
            assertThat(errors(plan)).extracting(Problem::path).containsExactly("spec.network.sshPort");
        }

        @Test
        void everythingAdminCidrIsAWarning() {
            ClusterPlan plan = withNetwork(hetznerSmall(), n -> network(n, n.sshPort(), List.of("203.0.113.0/24", "0.0.0.0/0"),
                    n.privateCidr(), n.podCidr(), n.serviceCidr()));
            assertThat(validator.validate(plan)).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("spec.network.adminCidrs[1]");
                assertThat(p.severity()).isEqualTo(Severity.WARNING);
                assertThat(p.message()).contains("whole internet");
            });
        }

        @Test
        void adminCidrWithHostBitsSuggestsTheNetworkAddress() {
            ClusterPlan plan = withNetwork(hetznerSmall(), n -> network(n, n.sshPort(), List.of("203.0.113.7/24"),
                    n.privateCidr(), n.podCidr(), n.serviceCidr()));
            assertThat(errors(plan)).extracting(Problem::path, Problem::message).containsExactly(
                    tuple("spec.network.adminCidrs[0]", "has host bits set; the network address of this block is 203.0.113.0/24"));
        }

        @Test
        void adminCidrsNeedAtLeastOneValidBlock() {
            ClusterPlan none = withNetwork(hetznerSmall(), n -> network(n, n.sshPort(), List.of(), n.privateCidr(), n.podCidr(), n.serviceCidr()));
            assertThat(errors(none)).extracting(Problem::path).containsExactly("spec.network.adminCidrs");
            ClusterPlan bad = withNetwork(hetznerSmall(), n -> network(n, n.sshPort(), List.of("203.0.113.0/33", "1.2.3/24"),
                    n.privateCidr(), n.podCidr(), n.serviceCidr()));
            assertThat(errors(bad)).extracting(Problem::path).containsExactly("spec.network.adminCidrs[0]", "spec.network.adminCidrs[1]");
        }

        @Test
        void overlappingPodAndServiceCidrsAreAnError() {
            ClusterPlan plan = withNetwork(hetznerSmall(), n -> network(n, n.sshPort(), n.adminCidrs(), n.privateCidr(),
                    "10.42.0.0/15", "10.43.0.0/16"));
            assertThat(errors(plan)).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("spec.network.serviceCidr");
                assertThat(p.message()).startsWith("overlaps podCidr 10.42.0.0/15");
            });
        }

        @Test
        void clusterRangesMustNotOverlapThePrivateNetwork() {
            ClusterPlan plan = withNetwork(hetznerSmall(), n -> network(n, n.sshPort(), n.adminCidrs(), "10.0.0.0/8",
                    n.podCidr(), n.serviceCidr()));
            assertThat(errors(plan)).extracting(Problem::path).containsExactly("spec.network.podCidr", "spec.network.serviceCidr");
        }

        @Test
        void tailscaleNeedsTagGroupAndKeyWhenEnabled() {
            ClusterPlan plan = withNetwork(hetznerSmall(), n -> new Network(n.sshPort(), n.adminCidrs(), n.privateCidr(), n.podCidr(),
                    n.serviceCidr(), new Network.Tailscale(true, "tag:Gitpod", "admins", true, null)));
            assertThat(errors(plan)).extracting(Problem::path).containsExactly(
                    "spec.network.tailscale.tag", "spec.network.tailscale.adminGroup", "spec.network.tailscale.authKeyRef");
            ClusterPlan ok = withNetwork(hetznerSmall(), n -> new Network(n.sshPort(), n.adminCidrs(), n.privateCidr(), n.podCidr(),
                    n.serviceCidr(), new Network.Tailscale(true, "tag:gitpod-nodes", "autogroup:admin", true, "env:TS_AUTHKEY")));
            assertThat(errors(ok)).isEmpty();
        }
    }

    @Nested
    class GitpodSection {
        @ParameterizedTest
        @ValueSource(strings = {"*.example.com", "localhost", "gitpod..example.com", "gitpod.example.com.", "-gitpod.example.com",
                "gitpod_1.example.com", "gitpod.example.123"})
        void domainMustBeAPlainDnsNameWithTwoLabels(String domain) {
            ClusterPlan plan = withGitpod(hetznerSmall(), g -> gitpodDomain(g, domain));
            assertThat(errors(plan)).extracting(Problem::path).containsExactly("spec.gitpod.domain");
        }

        @Test
        void upperCaseDomainSuggestsLowerCase() {
            ClusterPlan plan = withGitpod(hetznerSmall(), g -> gitpodDomain(g, "Gitpod.Example.com"));
            assertThat(at(plan, "spec.gitpod.domain").get(0).message()).startsWith("has upper-case letters; write it in lower case: gitpod.example.com");
        }

        @Test
        void domainMustLeaveRoomForTheWorkspaceWildcard() {
            String label = "a".repeat(60);
            String domain = String.join(".", label, label, label, "a".repeat(248 - 3 * 61 - 3)) + ".io";
            assertThat(domain).hasSize(248);
            assertThat(errors(withGitpod(hetznerSmall(), g -> gitpodDomain(g, domain)))).isEmpty();
            String longer = "b" + domain; // "*.ws." + 249 characters = 254
            assertThat(at(withGitpod(hetznerSmall(), g -> gitpodDomain(g, longer)), "spec.gitpod.domain").get(0).message())
                    .contains("*.ws.<domain>").contains("at most 248");
            String labelTooLong = "a".repeat(64) + ".example.com";
            assertThat(at(withGitpod(hetznerSmall(), g -> gitpodDomain(g, labelTooLong)), "spec.gitpod.domain").get(0).message())
                    .contains("each label has at most 63");
        }

        @Test
        void blockNewUsersWithoutPasslistLocksEveryoneOut() {
            ClusterPlan plan = withGitpod(hetznerSmall(), g -> new Gitpod(g.domain(), new Gitpod.BlockNewUsers(true, List.of()),
                    g.tls(), g.database(), g.registry(), g.storage(), g.workspace(), g.installerImage()));
            assertThat(errors(plan)).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("spec.gitpod.blockNewUsers.passlist");
                assertThat(p.message()).contains("at least one e-mail domain");
            });
        }

        @Test
        void passlistEntriesAreEmailDomains() {
            ClusterPlan plan = withGitpod(hetznerSmall(), g -> new Gitpod(g.domain(), new Gitpod.BlockNewUsers(true,
                    List.of("example.com", "ops@example.org", "*.example.net", "com")),
                    g.tls(), g.database(), g.registry(), g.storage(), g.workspace(), g.installerImage()));
            assertThat(errors(plan)).extracting(Problem::path).containsExactly(
                    "spec.gitpod.blockNewUsers.passlist[1]", "spec.gitpod.blockNewUsers.passlist[2]", "spec.gitpod.blockNewUsers.passlist[3]");
            assertThat(at(plan, "spec.gitpod.blockNewUsers.passlist[1]").get(0).message()).startsWith("contains '@'; list the e-mail domain only, e.g. example.org");
        }

        @Test
        void certManagerNeedsEmailAndDns01_uploadNeedsCertificateAndKey() {
            ClusterPlan certManager = withGitpod(hetznerSmall(), g -> new Gitpod(g.domain(), g.blockNewUsers(),
                    new Gitpod.Tls("cert-manager", "ops at example.com", new Gitpod.Dns01("route53", null), null, null),
                    g.database(), g.registry(), g.storage(), g.workspace(), g.installerImage()));
            assertThat(errors(certManager)).extracting(Problem::path).containsExactly(
                    "spec.gitpod.tls.email", "spec.gitpod.tls.dns01.provider", "spec.gitpod.tls.dns01.tokenRef");
            ClusterPlan upload = withGitpod(hetznerSmall(), g -> new Gitpod(g.domain(), g.blockNewUsers(),
                    new Gitpod.Tls("upload", null, null, "file:/etc/ssl/gitpod.crt", null),
                    g.database(), g.registry(), g.storage(), g.workspace(), g.installerImage()));
            assertThat(errors(upload)).extracting(Problem::path).containsExactly("spec.gitpod.tls.keyRef");
        }

        @Test
        void externalDatabaseNeedsHostPortUserAndPassword_otherPortIsWarned() {
            ClusterPlan plan = withGitpod(hetznerSmall(), g -> new Gitpod(g.domain(), g.blockNewUsers(), g.tls(),
                    new Gitpod.Database(false, "https://db.example.com", 3307, null, "db-password"),
                    g.registry(), g.storage(), g.workspace(), g.installerImage()));
            assertThat(validator.validate(plan)).extracting(Problem::path, Problem::severity).containsExactly(
                    tuple("spec.gitpod.database.host", Severity.ERROR), tuple("spec.gitpod.database.port", Severity.WARNING),
                    tuple("spec.gitpod.database.username", Severity.ERROR), tuple("spec.gitpod.database.passwordRef", Severity.ERROR));
        }

        @Test
        void externalRegistryAndStorageAreChecked() {
            ClusterPlan large = example("hetzner-large-autoscale");
            ClusterPlan plan = withGitpod(large, g -> new Gitpod(g.domain(), g.blockNewUsers(), g.tls(), g.database(),
                    new Gitpod.Registry(false, "https://registry.example.com", "gitpod", "keychain:reg"),
                    new Gitpod.Storage(false, "s3.example.com:99999", "EU", "My_Bucket", "keychain:id", null),
                    g.workspace(), "not an image!"));
            assertThat(errors(plan)).extracting(Problem::path).containsExactly(
                    "spec.gitpod.installerImage", "spec.gitpod.registry.url", "spec.gitpod.storage.endpoint",
                    "spec.gitpod.storage.region", "spec.gitpod.storage.bucket", "spec.gitpod.storage.secretAccessKeyRef");
        }

        @Test
        void gitpod2022_11_3RepositoryIsARegistryPrefixNamedWithItsFieldAndWhatIsAllowed() {
            for (String ok : new String[] {"registry.example.com/gitpod", "10.0.0.5:5000/mirror", "localhost:5000", "eu.gcr.io/gitpod-core-dev/build"}) {
                assertThat(at(withGitpod(hetznerSmall(), g -> g.withRepository(ok)), "spec.gitpod.repository")).as(ok).isEmpty();
            }
            for (String bad : new String[] {"https://registry.example.com/gitpod", "registry.example.com/gitpod:tag", "gitpod", "Registry.example.com/Gitpod", ""}) {
                assertThat(at(withGitpod(hetznerSmall(), g -> g.withRepository(bad)), "spec.gitpod.repository")).as(bad).singleElement()
                        .satisfies(p -> assertThat(p.message()).contains("registry.example.com/gitpod").contains("eu.gcr.io/gitpod-core-dev/build"));
            }
        }

        @Test
        void fsShiftMethodIsShiftfsOrFuse() {
            ClusterPlan plan = withGitpod(hetznerSmall(), g -> new Gitpod(g.domain(), g.blockNewUsers(), g.tls(), g.database(),
                    g.registry(), g.storage(), new Gitpod.Workspace("overlayfs"), g.installerImage()));
            assertThat(at(plan, "spec.gitpod.workspace.fsShiftMethod")).singleElement().extracting(Problem::message)
                    .isEqualTo("must be shiftfs or fuse");
        }
    }

    @Nested
    class TextSafety {
        @ParameterizedTest
        @ValueSource(strings = {"~/.ssh/id.pub\n", "~/.ssh/id\u0000.pub", "~/.ssh/\u2028id.pub", "\uFEFF~/.ssh/id.pub", "~/.ssh/\u202Eid.pub", " ~/.ssh/id.pub"})
        void freeTextFieldsRejectControlAndInvisibleCharacters(String path) {
            ClusterPlan plan = withSpec(hetznerSmall(), s -> s.withSshKey(new Spec.SshKey(path)));
            assertThat(errors(plan)).singleElement().extracting(Problem::path).isEqualTo("spec.sshKey.publicKeyFile");
        }

        @Test
        void unsafeTextIsReportedOnceWithTheCharacter() {
            ClusterPlan plan = withGitpod(hetznerSmall(), g -> gitpodDomain(g, "gitpod.example.com\nevil: true"));
            assertThat(errors(plan)).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("spec.gitpod.domain");
                assertThat(p.message()).startsWith("contains a line break (U+000A)");
            });
        }

        @Test
        void freeTextMayHoldQuotesAndDollarSigns_theEscapersHandleThem() {
            ClusterPlan plan = withSpec(hetznerSmall(), s -> s.withSshKey(new Spec.SshKey("~/keys/it's \"$(mine)\".pub")));
            assertThat(errors(plan)).isEmpty();
        }
    }
}
