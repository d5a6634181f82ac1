package dev.railyard.engine.render.readme;

import static dev.railyard.engine.render.readme.Markdown.code;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Coder;
import dev.railyard.engine.render.coder.CoderRenderer;
import dev.railyard.engine.render.dns.DnsRecordsRenderer;
import java.util.List;

/**
 * The export README's steps after the kubeconfig for a Coder plan: namespace and secrets, cert-manager
 * and the certificate, PostgreSQL, Coder itself (k3s's Helm controller, or helm by hand), the owner
 * account and the workspace template, then DNS.
 */
final class CoderSteps {

    interface StepWriter {
        void step(String title, String text, String commands);
    }

    private final ClusterPlan plan;
    private final List<String> paths;
    private final StepWriter out;

    CoderSteps(ClusterPlan plan, List<String> paths, StepWriter out) {
        this.plan = plan;
        this.paths = paths;
        this.out = out;
    }

    void write() {
        Coder coder = plan.spec().coder();
        String ns = CoderRenderer.NAMESPACE;
        StringBuilder secrets = new StringBuilder("kubectl apply -f " + CoderRenderer.NAMESPACE_FILE + "\n");
        if (has(CoderRenderer.CLOUDFLARE_SOLVER)) {
            secrets.append("kubectl create namespace cert-manager --dry-run=client -o yaml | kubectl apply -f -\n");
        }
        if (paths.stream().anyMatch(p -> p.startsWith("coder/secrets/"))) secrets.append("kubectl apply -f coder/secrets/\n");
        out.step("Create the namespace and the secrets", "If the files still hold `REPLACE_ME_...` placeholders, export again with "
                + "`--include-secrets` or fill them in first:", secrets.toString());
        if (has(CoderRenderer.CERT_MANAGER_HELM_CHART)) {
            out.step("Install cert-manager", "k3s's Helm controller installs the pinned chart; wait for its webhook before creating issuers:",
                    "kubectl apply -f " + CoderRenderer.CERT_MANAGER_HELM_CHART + "\n"
                            + "until kubectl -n kube-system get job/helm-install-cert-manager >/dev/null 2>&1; do sleep 5; done\n"
                            + "kubectl -n kube-system wait --for=condition=complete job/helm-install-cert-manager --timeout=10m\n"
                            + "kubectl -n cert-manager rollout status deployment/cert-manager-webhook --timeout=5m");
            out.step("Issue the certificate", "The ClusterIssuer answers Let's Encrypt's DNS01 challenge through Cloudflare; the Certificate covers "
                            + String.join(", ", CoderRenderer.hostNames(coder.domain()).stream().map(Markdown::code).toList())
                            + ". Issuing takes a few minutes:",
                    "kubectl apply -f " + CoderRenderer.CLUSTER_ISSUER + "\n"
                            + "kubectl apply -f " + CoderRenderer.CERTIFICATE + "\n"
                            + "kubectl -n " + ns + " wait certificate/" + CoderRenderer.TLS_SECRET + " --for=condition=Ready --timeout=15m");
        }
        if (has(CoderRenderer.POSTGRES_OPERATOR)) {
            out.step("Start PostgreSQL", "The CloudNativePG operator (pinned chart " + code(CoderRenderer.CNPG_CHART_VERSION) + ") runs one "
                            + "PostgreSQL instance on k3s's local-path storage and writes its connection URL to the Secret "
                            + code(CoderRenderer.DB_APP_SECRET) + ", which Coder reads:",
                    "kubectl apply -f " + CoderRenderer.POSTGRES_OPERATOR + "\n"
                            + "until kubectl -n kube-system get job/helm-install-" + CoderRenderer.CNPG_HELM_CHART_NAME + " >/dev/null 2>&1; do sleep 5; done\n"
                            + "kubectl -n kube-system wait --for=condition=complete job/helm-install-" + CoderRenderer.CNPG_HELM_CHART_NAME + " --timeout=10m\n"
                            + "kubectl -n " + CoderRenderer.CNPG_NAMESPACE + " rollout status deployment/" + CoderRenderer.CNPG_HELM_CHART_NAME + " --timeout=5m\n"
                            + "kubectl apply -f " + CoderRenderer.POSTGRES_CLUSTER + "\n"
                            + "kubectl -n " + ns + " wait cluster/" + CoderRenderer.DB_CLUSTER + " --for=condition=Ready --timeout=15m");
        }
        out.step("Install Coder", "k3s's Helm controller installs Coder's pinned chart " + code(CoderRenderer.CHART_VERSION) + " with the values in "
                        + code(CoderRenderer.VALUES) + ". Coder serves TLS itself on a LoadBalancer service that k3s's ServiceLB "
                        + "publishes on ports 80 and 443 of every host; k3s's Traefik is disabled, so nothing else competes for them, "
                        + "and one component fewer sits between users and Coder. Coder's SSH goes through its own tunnel over HTTPS, "
                        + "so the firewall and load balancer open no port 22:",
                "kubectl apply -f " + CoderRenderer.HELM_CHART + "\n"
                        + "until kubectl -n kube-system get job/helm-install-" + CoderRenderer.HELM_CHART_NAME + " >/dev/null 2>&1; do sleep 5; done\n"
                        + "kubectl -n kube-system wait --for=condition=complete job/helm-install-" + CoderRenderer.HELM_CHART_NAME + " --timeout=10m\n"
                        + "kubectl -n " + ns + " rollout status deployment/" + CoderRenderer.DEPLOYMENT + " --timeout=10m");
        out.step("Or install the charts with helm by hand", "Instead of the HelmChart files above, the same pinned charts and values:",
                (has(CoderRenderer.POSTGRES_OPERATOR)
                        ? "helm repo add cnpg " + CoderRenderer.CNPG_CHART_REPO + "\n"
                        + "helm upgrade --install " + CoderRenderer.CNPG_HELM_CHART_NAME + " cnpg/cloudnative-pg --version "
                        + CoderRenderer.CNPG_CHART_VERSION + " --namespace " + CoderRenderer.CNPG_NAMESPACE + " --create-namespace --wait\n"
                        + "kubectl apply -f " + CoderRenderer.POSTGRES_CLUSTER + "\n"
                        : "")
                        + "helm repo add coder-v2 " + CoderRenderer.CHART_REPO + "\n"
                        + "helm upgrade --install coder coder-v2/coder --version " + CoderRenderer.CHART_VERSION + " --namespace " + ns
                        + " --values " + CoderRenderer.VALUES + " --wait");
        if (has(DnsRecordsRenderer.DNS)) {
            out.step("Create the DNS records", "Create the two records in " + code(DnsRecordsRenderer.DNS) + " at your DNS provider"
                    + (plan.spec().provider().isCloud() ? ", with the address from `terraform -chdir=terraform output -raw ingress_ipv4`" : "")
                    + ". Check that " + code(CoderRenderer.accessUrl(coder.domain()) + "/healthz") + " answers `OK`.", null);
        }
        out.step("Create the owner and the workspace template", "Open " + code(CoderRenderer.accessUrl(coder.domain()))
                        + " and create the first user, " + code(String.valueOf(coder.admin().username())) + ", with the password the plan "
                        + "refers to; the first user becomes Coder's owner. Then push the workspace template in " + code("coder/template/")
                        + " (Railyard does both through Coder's API):",
                "coder login " + Markdown.shell(CoderRenderer.accessUrl(coder.domain())) + "\n"
                        + "coder templates push " + CoderRenderer.TEMPLATE_NAME + " --directory " + CoderRenderer.WORKSPACE_TEMPLATE_DIR + " --yes");
    }

    private boolean has(String path) {
        return paths.contains(path);
    }
}
