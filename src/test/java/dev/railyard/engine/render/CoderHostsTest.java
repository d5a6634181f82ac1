package dev.railyard.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.render.k3s.HostScripts;
import dev.railyard.engine.render.k3s.K3sConfig;
import dev.railyard.engine.render.k3s.K3sRole;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a Coder plan's hosts get: everything a Gitpod cluster's hosts get, minus shiftfs and Gitpod's labels. */
class CoderHostsTest {

    private static final PlanFormat FORMAT = new PlanFormat();

    @Test
    void coderNodesGetNoGitpodLabelsAndGitpodNodesStillDo() {
        ClusterPlan coder = Examples.load(FORMAT, "hetzner-small-coder");
        for (K3sRole role : K3sRole.values()) assertThat(K3sConfig.forRole(coder, role).nodeLabels()).isEmpty();
        assertThat(K3sConfig.forRole(Examples.load(FORMAT, "hetzner-small"), K3sRole.AGENT).nodeLabels())
                .containsExactlyElementsOf(K3sConfig.GITPOD_NODE_LABELS);
        assertThat(K3sConfig.forRole(coder, K3sRole.SERVER).disable()).containsExactly("traefik");
    }

    @Test
    void coderHostsNeverBuildShiftfs() {
        String coder = HostScripts.kernelModules(Examples.load(FORMAT, "hetzner-small-coder"), K3sRole.AGENT);
        String gitpod = HostScripts.kernelModules(Examples.load(FORMAT, "hetzner-small"), K3sRole.AGENT);
        assertThat(gitpod).contains("modprobe shiftfs");
        // envbox brings its own container runtime: a Coder host gets none of Gitpod's modules or user-namespace sysctls
        assertThat(coder).doesNotContain("shiftfs-dkms").doesNotContain("modprobe shiftfs").doesNotContain("modprobe fuse")
                .doesNotContain("apparmor_restrict_unprivileged_userns").contains("no Gitpod workspaces run on this host");
    }

    @Test
    void cloudInitAndExistingHostScriptsCarryNoGitpodLabelAndKeepTheRest() throws Exception {
        Generator generator = Generator.standard(Catalog.bundled());
        for (String example : List.of("hetzner-small-coder", "existing-raspberry-pi-tailscale-coder")) {
            List<GeneratedFile> files = generator.generate(Examples.load(FORMAT, example), Optional.empty());
            List<GeneratedFile> hostFiles = files.stream()
                    .filter(f -> f.path().startsWith("cloud-init/") || f.path().startsWith("existing/")).toList();
            assertThat(hostFiles).isNotEmpty();
            for (GeneratedFile f : hostFiles) {
                assertThat(f.content()).as(f.path()).doesNotContain("gitpod.io/workload").contains("k3s");
            }
        }
    }
}
