package dev.railyard.engine.render.readme;

import static dev.railyard.engine.render.RenderFixtures.CANARY_PREFIX;
import static dev.railyard.engine.render.RenderFixtures.example;
import static dev.railyard.engine.render.RenderFixtures.paths;
import static dev.railyard.engine.render.RenderFixtures.withCanarySecrets;
import static dev.railyard.engine.render.RenderFixtures.withoutSecrets;
import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Gitpod;
import dev.railyard.engine.render.FileRenderer;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.PlanRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExportReadmeRendererTest {

    /** A row of the files table: | `path` | description | */
    private static final Pattern FILE_ROW = Pattern.compile("^\\| `([^`]+)` \\| .+ \\|$", Pattern.MULTILINE);

    private final ExportReadmeRenderer renderer = new ExportReadmeRenderer();

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
    void coderStepsFollowTheOrderOfTheInstallationAndOfferHelmByHand(String example) {
        ClusterPlan plan = example(example);
        String md = readme(plan);
        assertThat(md).startsWith("# Coder on k3s: ").doesNotContain("gitpod/").doesNotContain("ssh-gateway-host-key");
        List<String> order = new ArrayList<>();
        if (plan.spec().network().tailscale().isEnabled()) order.add("Prepare the tailnet");
        order.add(plan.spec().provider().isCloud() ? "terraform -chdir=terraform apply" : "Set up the existing hosts");
        order.add("/etc/rancher/k3s/k3s.yaml");
        order.add("kubectl apply -f coder/namespace.yaml");
        order.add("kubectl apply -f coder/secrets/");
        order.add("kubectl apply -f coder/cert-manager/helmchart.yaml");
        order.add("kubectl -n coder wait certificate/coder-tls --for=condition=Ready");
        order.add("kubectl apply -f coder/postgres/operator-helmchart.yaml");
        order.add("kubectl -n coder wait cluster/coder-db --for=condition=Ready");
        order.add("kubectl apply -f coder/helmchart.yaml");
        order.add("kubectl -n coder rollout status deployment/coder");
        order.add("helm upgrade --install cloudnative-pg cnpg/cloudnative-pg --version 0.29.0");
        order.add("helm upgrade --install coder coder-v2/coder --version 2.34.5 --namespace coder --values coder/values.yaml");
        order.add("Create the DNS records");
        order.add("coder templates push kubernetes --directory coder/template");
        assertThat(md).containsSubsequence(order);
        assertThat(md).contains("Traefik is disabled").contains("no port 22");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void listsExactlyTheFilesTheExportHolds(String example) {
        ClusterPlan plan = example(example);
        List<String> exported = paths(PlanRenderer.standard().render(withoutSecrets(plan)));
        assertThat(listedFiles(readme(plan))).containsExactlyInAnyOrderElementsOf(exported);
    }

    @Test
    void listsFilesOfOtherRenderersToo() {
        FileRenderer terraform = input -> List.of(GeneratedFile.text("terraform/main.tf", ""), GeneratedFile.text("terraform/extra.tf", ""));
        String md = new ExportReadmeRenderer(List.of(terraform)).render(withoutSecrets(example("hetzner-small"))).get(0).content();
        assertThat(listedFiles(md)).containsExactly("README.md", "terraform/extra.tf", "terraform/main.tf");
        assertThat(md).contains("The servers, private network, firewall and load balancers.").contains("Part of the Terraform configuration.");
    }

    @Test
    void anUploadedCertificateGetsAStepThatAppliesTheCaDaemonSetAfterTheInstaller() {
        ClusterPlan certManager = example("hetzner-small");
        assertThat(readme(certManager)).doesNotContain("Trust your certificate");
        ClusterPlan upload = dev.railyard.engine.render.cloudinit.CloudInitTestPlans.withUploadTls(certManager);
        String md = readme(upload);
        assertThat(md).containsSubsequence("/etc/rancher/k3s/k3s.yaml", "kubectl create namespace gitpod",
                "Trust your certificate for Gitpod's registry", "reg." + upload.spec().gitpod().domain() + ":20000",
                dev.railyard.engine.render.k3s.HostScripts.REGISTRY_CA_FILE, "kubectl apply -f gitpod/registry-ca/daemonset.yaml",
                "rollout status daemonset/railyard-registry-ca");
        assertThat(md).doesNotContain("scp ").doesNotContain("systemctl restart k3s");
    }

    @ParameterizedTest
    @MethodSource("gitpodExamples")
    void stepsFollowTheOrderOfTheInstallation(String example) {
        ClusterPlan plan = example(example);
        String md = readme(plan);
        List<String> order = new ArrayList<>();
        if (plan.spec().network().tailscale().isEnabled()) order.add("Prepare the tailnet");
        if (plan.spec().provider().isCloud()) {
            order.add("terraform -chdir=terraform init");
            order.add("terraform -chdir=terraform plan");
            order.add("terraform -chdir=terraform apply");
            order.add("cloud-init status --wait");
        } else {
            order.add("Set up the existing hosts");
        }
        order.add("/etc/rancher/k3s/k3s.yaml");
        order.add("kubectl create namespace gitpod");
        order.add("kubectl apply -f gitpod/secrets/");
        order.add("ssh-gateway-host-key");
        if (plan.spec().gitpod().tls().isCertManager()) {
            order.add("kubectl apply -f gitpod/cert-manager/helmchart.yaml");
            order.add("kubectl apply -f gitpod/cert-manager/cluster-issuer.yaml");
            order.add("kubectl apply -f gitpod/cert-manager/certificate.yaml");
        }
        order.add("render --config /config/config.yaml --namespace gitpod");
        order.add("Create the DNS records");
        assertThat(md).containsSubsequence(order);
    }

    @Test
    void runsEachExistingHostsOwnScriptOverItsCurrentSshPort() {
        FileRenderer existing = input -> List.of(GeneratedFile.script("existing/install-rpi-node-1.sh", ""),
                GeneratedFile.script("existing/install-rpi-node-2.sh", ""), GeneratedFile.text("existing/inventory.yaml", ""));
        String md = new ExportReadmeRenderer(List.of(existing)).render(withoutSecrets(example("existing-raspberry-pi-tailscale")))
                .get(0).content();
        assertThat(md).containsSubsequence(
                "ssh -p 22 ubuntu@192.168.1.20 sudo bash -s < existing/install-rpi-node-1.sh",
                "ssh -p 22 ubuntu@192.168.1.21 sudo bash -s < existing/install-rpi-node-2.sh");
        assertThat(md).contains("| `existing/inventory.yaml` | Part of the set-up for the existing hosts (the inventory). |");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void namesTheTerraformVariablesForThisProvider(String example) {
        ClusterPlan plan = example(example);
        String md = readme(plan);
        if (plan.spec().provider().isHetzner()) assertThat(md).contains("TF_VAR_hcloud_token").doesNotContain("TF_VAR_azure_client_secret");
        if (plan.spec().provider().isAzure()) assertThat(md).contains("TF_VAR_azure_client_secret").doesNotContain("TF_VAR_hcloud_token");
        if (plan.spec().provider().isCloud()) assertThat(md).contains("TF_VAR_k3s_token");
        else assertThat(md).doesNotContain("TF_VAR_").doesNotContain("terraform -chdir");
        assertThat(md.contains("TF_VAR_tailscale_auth_key"))
                .isEqualTo(plan.spec().provider().isCloud() && plan.spec().network().tailscale().isEnabled());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void explainsTheHostKeysVariableWithTheJsonShapeAndEveryServerNameForManualApply(String example) {
        ClusterPlan plan = example(example);
        String md = readme(plan);
        if (!plan.spec().provider().isCloud()) {
            assertThat(md).doesNotContain("ssh_host_keys");
            return;
        }
        assertThat(md).contains("export TF_VAR_ssh_host_keys=", "Railyard generates these once and keeps them in its secret store",
                "ssh-keygen -t ed25519 -N '' -f KEY", "{\"NAME\": {\"private\": \"<contents of KEY>\", \"public\": \"<contents of KEY.pub>\"}}");
        assertThat(md).contains("`" + plan.name() + "-manager-1`");
        for (String server : dev.railyard.engine.render.terraform.ServerNames.hostKeyNames(plan)) {
            assertThat(md).contains("`" + server + "`");
        }
    }

    @ParameterizedTest
    @MethodSource("gitpodExamples")
    void saysToReplaceTheInstallersPublicKeyOnlyForTheInClusterDatabase(String example) {
        ClusterPlan plan = example(example);
        assertThat(readme(plan).contains("rendered Secret `mysql`")).isEqualTo(plan.spec().gitpod().database().isInCluster());
    }

    @Test
    void leavesOutCertManagerStepsForAnUploadedCertificate() {
        ClusterPlan plan = example("azure-small");
        Gitpod g = plan.spec().gitpod();
        plan = plan.withSpec(plan.spec().withGitpod(new Gitpod(g.domain(), g.blockNewUsers(),
                new Gitpod.Tls("upload", null, null, "file:cert.pem", "file:key.pem"), g.database(), g.registry(), g.storage(),
                g.workspace(), g.installerImage())));
        String md = readme(plan);
        assertThat(md).doesNotContain("gitpod/cert-manager/").doesNotContain("Install cert-manager")
                .doesNotContain("kubectl create namespace cert-manager")
                .contains("`gitpod/secrets/https-certificates.yaml`");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void neverHoldsASecretValueEvenWhenTheExportDoes(String example) {
        ClusterPlan plan = example(example);
        String md = renderer.render(withCanarySecrets(plan)).get(0).content();
        assertThat(md).doesNotContain(CANARY_PREFIX);
        assertThat(md).isEqualTo(readme(plan));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void rendersTheSameBytesTwice(String example) {
        assertThat(readme(example(example))).isEqualTo(readme(example(example)));
    }

    @Test
    void aPlanValueWithBackticksStaysInsideItsCodeSpan() {
        assertThat(Markdown.code("a`b")).isEqualTo("``a`b``");
        assertThat(Markdown.code("`x`")).isEqualTo("`` `x` ``");
        assertThat(Markdown.code("line\n| evil |")).isEqualTo("`line | evil |`");
    }

    private String readme(ClusterPlan plan) {
        List<GeneratedFile> files = renderer.render(withoutSecrets(plan));
        assertThat(files).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("README.md");
            assertThat(f.secret()).isFalse();
        });
        return files.get(0).content();
    }

    private static List<String> listedFiles(String md) {
        List<String> listed = new ArrayList<>();
        Matcher m = FILE_ROW.matcher(md);
        while (m.find()) listed.add(m.group(1));
        return listed;
    }

    /** Preset large on Hetzner: the README says Terraform's nodes stay outside the autoscaler's pool and why. */
    @Test
    void largeHetznerReadmeSaysTheAutoscalerOwnsThePoolAndTerraformItsFixedNodes() {
        String md = readme(example("hetzner-large-autoscale"));
        assertThat(md).contains("**Who owns which node.**", "the 2 fixed nodes", "`big-gitpod-pool` is cluster-autoscaler's alone",
                "adds 0 to 18 servers");
        assertThat(readme(example("hetzner-medium"))).doesNotContain("Who owns which node");
    }
}
