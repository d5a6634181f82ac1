package dev.railyard.engine.render.coder;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Coder;
import dev.railyard.engine.plan.Gitpod;
import dev.railyard.engine.plan.Platform;
import dev.railyard.engine.render.FileRenderer;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.RenderInput;
import dev.railyard.engine.render.gitpod.GitpodRenderer;
import dev.railyard.engine.render.template.Block;
import dev.railyard.engine.render.template.HclEscaper;
import dev.railyard.engine.render.template.Template;
import dev.railyard.engine.render.template.YamlEscaper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything Coder needs on the cluster, under {@code coder/}: its namespace, the certificate (cert-manager,
 * as for Gitpod, or an uploaded one), PostgreSQL (the CloudNativePG operator and one {@code Cluster}, or a
 * Secret with an outside server's URL), the Coder chart as a k3s {@code HelmChart}, and the workspace
 * template Coder's provisioner runs. Files with secrets (or their placeholders) are 0600.
 *
 * <p>Ports 80 and 443: Coder serves TLS itself on the chart's LoadBalancer service, which k3s's ServiceLB
 * publishes on every host; k3s's Traefik stays disabled, exactly as for Gitpod's proxy.
 */
public final class CoderRenderer implements FileRenderer {

    public static final String NAMESPACE = "coder";

    public static final String NAMESPACE_FILE = "coder/namespace.yaml";
    public static final String CERT_MANAGER_HELM_CHART = "coder/cert-manager/helmchart.yaml";
    public static final String CLUSTER_ISSUER = "coder/cert-manager/cluster-issuer.yaml";
    public static final String CERTIFICATE = "coder/cert-manager/certificate.yaml";
    public static final String CLOUDFLARE_SOLVER = "coder/secrets/cloudflare-solver.yaml";
    public static final String TLS_SECRET_FILE = "coder/secrets/coder-tls.yaml";
    public static final String DATABASE_URL_FILE = "coder/secrets/database-url.yaml";
    public static final String POSTGRES_OPERATOR = "coder/postgres/operator-helmchart.yaml";
    public static final String POSTGRES_CLUSTER = "coder/postgres/cluster.yaml";
    public static final String HELM_CHART = "coder/helmchart.yaml";
    /** The same values as the HelmChart's valuesContent, for installing with helm by hand. */
    public static final String VALUES = "coder/values.yaml";
    public static final String WORKSPACE_TEMPLATE = "coder/template/main.tf";
    /** The folder pushed to Coder as the workspace template, and the template's name there. */
    public static final String WORKSPACE_TEMPLATE_DIR = "coder/template";
    public static final String TEMPLATE_NAME = "kubernetes";

    /** Coder's official chart repository and a pinned release (2.34, the extended-support line). */
    public static final String CHART_REPO = "https://helm.coder.com/v2";
    public static final String CHART_VERSION = "2.34.5";
    /** The HelmChart's name in kube-system; k3s's Helm controller runs the Job helm-install-&lt;name&gt;. */
    public static final String HELM_CHART_NAME = "coder";
    /** The chart's Deployment and Service are both named coder (helm/coder/templates/service.yaml). */
    public static final String DEPLOYMENT = "coder";
    public static final String SERVICE = "coder";

    /** The CloudNativePG operator chart, pinned; its appVersion is operator 1.30.0. */
    public static final String CNPG_CHART_REPO = "https://cloudnative-pg.github.io/charts";
    public static final String CNPG_CHART_VERSION = "0.29.0";
    public static final String CNPG_HELM_CHART_NAME = "cloudnative-pg";
    public static final String CNPG_NAMESPACE = "cnpg-system";
    /** The database {@code Cluster}; the operator names its app Secret {@code <cluster>-app}. */
    public static final String DB_CLUSTER = "coder-db";
    public static final String DB_APP_SECRET = DB_CLUSTER + "-app";
    /** The app Secret's key holding a complete postgresql:// URL (CloudNativePG pkg/specs/secrets.go). */
    public static final String DB_APP_SECRET_KEY = "uri";
    public static final String DB_NAME = "coder";
    public static final String DB_OWNER = "coder";
    public static final String DB_STORAGE_CLASS = "local-path";
    public static final String DB_SIZE = "10Gi";
    /** An outside database: Railyard's own Secret with the URL built from the plan and the secret store. */
    public static final String EXTERNAL_DB_SECRET = "coder-db-url";
    public static final String EXTERNAL_DB_SECRET_KEY = "url";

    /** The Secret Coder serves TLS from (coder.tls.secretNames), written by cert-manager or from an upload. */
    public static final String TLS_SECRET = "coder-tls";

    /** Workspace template pins: providers, envbox (amd64 and arm64) and the workspace image (amd64, arm64, armv7). */
    public static final String CODER_PROVIDER_VERSION = "2.17.0";
    public static final String KUBERNETES_PROVIDER_VERSION = "3.2.1";
    public static final String ENVBOX_IMAGE = "ghcr.io/coder/envbox:0.6.7";
    public static final String WORKSPACE_IMAGE = "codercom/enterprise-base:ubuntu-20240812";

    @Override
    public List<GeneratedFile> render(RenderInput input) {
        ClusterPlan plan = input.plan();
        if (plan.spec().platform() != Platform.CODER) return List.of();
        Coder coder = plan.spec().coder();
        String domain = required(coder.domain(), "spec.coder.domain");
        List<GeneratedFile> files = new ArrayList<>();
        files.add(GeneratedFile.text(NAMESPACE_FILE, render("namespace", Map.of("namespace", NAMESPACE))));
        tls(input, coder, domain, files);
        boolean inCluster = coder.database().isInCluster();
        if (inCluster) {
            files.add(GeneratedFile.text(POSTGRES_OPERATOR, render("postgres/operator-helmchart", Map.of(
                    "repo", CNPG_CHART_REPO, "version", CNPG_CHART_VERSION, "appSecret", DB_APP_SECRET))));
            files.add(GeneratedFile.text(POSTGRES_CLUSTER, render("postgres/cluster", Map.of(
                    "name", DB_CLUSTER, "namespace", NAMESPACE, "storageClass", DB_STORAGE_CLASS, "size", DB_SIZE,
                    "database", DB_NAME, "owner", DB_OWNER, "appSecret", DB_APP_SECRET))));
        } else {
            files.add(GeneratedFile.secret(DATABASE_URL_FILE, render("secrets/database-url", Map.of(
                    "namespace", NAMESPACE, "secretName", EXTERNAL_DB_SECRET, "key", EXTERNAL_DB_SECRET_KEY,
                    "url", externalUrl(input, coder.database().external())))));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("accessUrl", accessUrl(domain));
        values.put("wildcardAccessUrl", wildcardAccessUrl(domain));
        values.put("dbSecret", inCluster ? DB_APP_SECRET : EXTERNAL_DB_SECRET);
        values.put("dbKey", inCluster ? DB_APP_SECRET_KEY : EXTERNAL_DB_SECRET_KEY);
        values.put("tlsSecret", TLS_SECRET);
        String valuesText = render("values", values);
        files.add(GeneratedFile.text(VALUES, valuesText));
        files.add(GeneratedFile.text(HELM_CHART, render("helmchart", Map.of("name", HELM_CHART_NAME, "repo", CHART_REPO,
                "version", CHART_VERSION, "namespace", NAMESPACE, "values", new Block(valuesText)))));
        files.add(GeneratedFile.text(WORKSPACE_TEMPLATE, workspaceTemplate(coder.workspaces())));
        return files;
    }

    private void tls(RenderInput input, Coder coder, String domain, List<GeneratedFile> files) {
        Gitpod.Tls tls = coder.tls();
        if (tls.isCertManager()) {
            // cert-manager's chart, issuer and solver mean the same for both platforms: one template each.
            files.add(GeneratedFile.text(CERT_MANAGER_HELM_CHART, Template.resource("gitpod/cert-manager/helmchart.yaml.tmpl")
                    .render(Map.of("version", GitpodRenderer.CERT_MANAGER_CHART_VERSION,
                            "checked", GitpodRenderer.CERT_MANAGER_CHECKED), YamlEscaper.plain())));
            files.add(GeneratedFile.text(CLUSTER_ISSUER, Template.resource("gitpod/cert-manager/cluster-issuer.yaml.tmpl")
                    .render(Map.of("email", required(tls.email(), "spec.coder.tls.email")), YamlEscaper.plain())));
            files.add(GeneratedFile.text(CERTIFICATE, render("cert-manager/certificate", Map.of(
                    "namespace", NAMESPACE, "secretName", TLS_SECRET, "dnsNames", hostNames(domain)))));
            Gitpod.Dns01 dns01 = tls.dns01();
            if (dns01 == null || !Gitpod.Dns01.CLOUDFLARE.equals(dns01.provider())) {
                throw new IllegalStateException("spec.coder.tls.dns01.provider must be one of " + Gitpod.Dns01.PROVIDERS
                        + " for tls.mode cert-manager; validate the plan first");
            }
            files.add(GeneratedFile.secret(CLOUDFLARE_SOLVER, Template.resource("gitpod/secrets/cloudflare-solver.yaml.tmpl")
                    .render(Map.of("apiToken", input.secretOrPlaceholder(required(dns01.tokenRef(), "spec.coder.tls.dns01.tokenRef"))),
                            YamlEscaper.plain())));
        } else if (Gitpod.Tls.UPLOAD.equals(tls.mode())) {
            files.add(GeneratedFile.secret(TLS_SECRET_FILE, render("secrets/coder-tls", Map.of(
                    "domain", domain, "namespace", NAMESPACE, "secretName", TLS_SECRET,
                    "certificate", input.secretOrPlaceholder(required(tls.certificateRef(), "spec.coder.tls.certificateRef")),
                    "key", input.secretOrPlaceholder(required(tls.keyRef(), "spec.coder.tls.keyRef"))))));
        }
    }

    /** The names Coder serves, which its certificate and DNS records must cover: the domain and its wildcard. */
    public static List<String> hostNames(String domain) {
        String d = required(domain, "spec.coder.domain");
        return List.of(d, "*." + d);
    }

    /** CODER_ACCESS_URL. */
    public static String accessUrl(String domain) {
        return "https://" + domain;
    }

    /** CODER_WILDCARD_ACCESS_URL, written as Coder's documentation writes it: no scheme. */
    public static String wildcardAccessUrl(String domain) {
        return "*." + domain;
    }

    /**
     * The outside database's URL in lib/pq's URL form; user name and password are percent-encoded, so any
     * character in them stays inside its part of the URL. Without secrets the password is a placeholder.
     */
    static String externalUrl(RenderInput input, Coder.External ext) {
        if (ext == null) throw new IllegalStateException("spec.coder.database.external is required when inCluster is false; validate the plan first");
        String password = input.secretOrPlaceholder(required(ext.passwordRef(), "spec.coder.database.external.passwordRef"));
        return "postgres://" + encode(required(ext.username(), "spec.coder.database.external.username")) + ":" + encode(password)
                + "@" + required(ext.host(), "spec.coder.database.external.host") + ":" + ext.portOrDefault()
                + "/" + encode(required(ext.database(), "spec.coder.database.external.database"))
                + "?sslmode=" + encode(ext.sslModeOrDefault());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String workspaceTemplate(Coder.Workspaces workspaces) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("envbox", workspaces.usesEnvbox());
        ctx.put("coderProviderVersion", CODER_PROVIDER_VERSION);
        ctx.put("kubernetesProviderVersion", KUBERNETES_PROVIDER_VERSION);
        ctx.put("namespace", NAMESPACE);
        ctx.put("workspaceImage", WORKSPACE_IMAGE);
        ctx.put("envboxImage", ENVBOX_IMAGE);
        return Template.resource("coder/template/main.tf.tmpl").render(ctx, HclEscaper.INSTANCE);
    }

    private static String render(String name, Map<String, Object> ctx) {
        return Template.resource("coder/" + name + ".yaml.tmpl").render(ctx, YamlEscaper.plain());
    }

    static String required(String value, String path) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(path + " is required to render the Coder files; validate the plan first");
        }
        return value;
    }
}
