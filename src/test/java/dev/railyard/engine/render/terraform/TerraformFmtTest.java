package dev.railyard.engine.render.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.Network;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.plan.Size;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.testsupport.ExternalTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code terraform fmt -check}: the generated Terraform is already in Terraform's canonical format, for every
 * template branch (one or three managers, fixed or autoscaled nodes, with and without Tailscale, both clouds).
 * Runs where terraform is installed; elsewhere the test is reported as skipped with the command that installs it.
 */
class TerraformFmtTest {

    static final String INSTALL = "terraform is not on the PATH, so `terraform fmt -check` did not run: install Terraform 1.5 or "
            + "later (https://developer.hashicorp.com/terraform/install, e.g. `apt-get install terraform` from HashiCorp's apt "
            + "repository) and run this test again";

    @TempDir
    Path dir;

    static Optional<Path> terraform() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path t = Path.of(d, "terraform");
            if (!d.isEmpty() && Files.isExecutable(t)) return Optional.of(t);
        }
        return Optional.empty();
    }

    /** Every example plus the branches the examples do not reach. */
    static Map<String, ClusterPlan> variants() {
        PlanFormat format = new PlanFormat();
        Map<String, ClusterPlan> plans = new LinkedHashMap<>();
        for (String example : List.of("hetzner-small", "hetzner-medium", "hetzner-large-autoscale", "azure-small")) {
            ClusterPlan plan = Examples.load(format, example);
            plans.put(example, plan);
            plans.put(example + "+tailscale", withTailscale(plan));
        }
        ClusterPlan azure = Examples.load(format, "azure-small");
        Size s = azure.spec().size();
        plans.put("azure-medium", azure.withSpec(azure.spec().withSize(new Size(Size.MEDIUM, 3, 2, null, s.managerType(), s.nodeType()))));
        plans.put("azure-large", azure.withSpec(azure.spec().withSize(
                new Size(Size.LARGE, 3, null, new Size.Autoscale(1, 5), s.managerType(), s.nodeType()))));
        return plans;
    }

    static ClusterPlan withTailscale(ClusterPlan plan) {
        Network n = plan.spec().network();
        return plan.withSpec(plan.spec().withNetwork(new Network(n.sshPort(), n.adminCidrs(), n.privateCidr(), n.podCidr(),
                n.serviceCidr(), new Network.Tailscale(true, "tag:gitpod-nodes", "group:admins", true, "keychain:ts"))));
    }

    @Test
    void generatedTerraformPassesTerraformFmtCheckForEveryTemplateBranch() throws Exception {
        Optional<Path> terraform = terraform();
        if (terraform.isEmpty()) System.err.println("TerraformFmtTest: " + INSTALL);
        Assumptions.assumeTrue(terraform.isPresent(), INSTALL);
        List<String> unformatted = new ArrayList<>();
        for (Map.Entry<String, ClusterPlan> e : variants().entrySet()) {
            Path out = dir.resolve(e.getKey());
            for (GeneratedFile f : RenderedTerraform.renderFiles(e.getValue())) {
                if (!f.path().endsWith(".tf")) continue;
                Path p = out.resolve(f.path());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.content(), StandardCharsets.UTF_8);
            }
            ExternalTools.Result r = ExternalTools.run(List.of("env", "TF_CLI_CONFIG_FILE=/dev/null", "CHECKPOINT_DISABLE=1",
                    terraform.get().toString(), "fmt", "-check", "-diff", "-recursive", out.toString()), 60);
            if (r.exitCode() != 0) unformatted.add(e.getKey() + ":\n" + r.stdout() + r.stderr());
        }
        assertThat(unformatted).as("terraform fmt -check -diff").isEmpty();
    }
}
