package dev.railyard.engine.render.gitpod;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Gitpod;
import dev.railyard.engine.render.FileRenderer;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.RenderInput;
import dev.railyard.engine.render.template.Template;
import dev.railyard.engine.render.template.YamlEscaper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything Gitpod itself needs: the installer's {@code gitpod/config.yaml}, the Secrets it names
 * ({@code gitpod/secrets/}), for TLS through cert-manager the chart, issuer and certificate
 * ({@code gitpod/cert-manager/}), and for an uploaded certificate the DaemonSet that hands its CA to k3s's
 * containerd ({@link RegistryCaDaemonSet}).
 */
public final class GitpodRenderer implements FileRenderer {

    public static final String CONFIG = "gitpod/config.yaml";
    public static final String HELM_CHART = "gitpod/cert-manager/helmchart.yaml";
    public static final String CLUSTER_ISSUER = "gitpod/cert-manager/cluster-issuer.yaml";
    public static final String CERTIFICATE = "gitpod/cert-manager/certificate.yaml";

    /**
     * cert-manager's chart, pinned: the one place that names the release. cert-manager supports its two newest
     * minor lines; v1.21.1 was the newest patch of the newest line when checked against the tags of
     * cert-manager/cert-manager on {@value #CERT_MANAGER_CHECKED} (1.18 and 1.19 are out of support; later 1.18
     * patches fixed a security advisory that v1.18.2 lacks). Its chart accepts Kubernetes >= 1.22, so every k3s
     * release Railyard installs. Move it forward when a newer patch or line ships, and re-read
     * docs/upstream-facts.md's cert-manager rows at the new tag.
     */
    public static final String CERT_MANAGER_CHART_VERSION = "v1.21.1";
    public static final String CERT_MANAGER_CHECKED = "2026-12-03";

    /** The installer's default metadata region, which in-cluster storage (MinIO) requires. */
    static final String DEFAULT_REGION = "local";

    private final GitpodSecrets secrets = new GitpodSecrets();

    @Override
    public List<GeneratedFile> render(RenderInput input) {
        ClusterPlan plan = input.plan();
        if (plan.spec().platform() != dev.railyard.engine.plan.Platform.GITPOD) return List.of();
        Gitpod gitpod = plan.spec().gitpod();
        List<GeneratedFile> files = new ArrayList<>();
        files.add(GeneratedFile.text(CONFIG, config(plan)));
        files.addAll(secrets.render(input));
        if (RegistryCaDaemonSet.neededFor(plan)) files.add(GeneratedFile.text(RegistryCaDaemonSet.FILE, RegistryCaDaemonSet.render(plan)));
        if (gitpod.tls().isCertManager()) {
            files.add(GeneratedFile.text(HELM_CHART, Template.resource("gitpod/cert-manager/helmchart.yaml.tmpl")
                    .render(Map.of("version", CERT_MANAGER_CHART_VERSION, "checked", CERT_MANAGER_CHECKED), YamlEscaper.plain())));
            files.add(GeneratedFile.text(CLUSTER_ISSUER, Template.resource("gitpod/cert-manager/cluster-issuer.yaml.tmpl")
                    .render(Map.of("email", required(gitpod.tls().email(), "spec.gitpod.tls.email")), YamlEscaper.plain())));
            files.add(GeneratedFile.text(CERTIFICATE, Template.resource("gitpod/cert-manager/certificate.yaml.tmpl")
                    .render(Map.of("dnsNames", gitpodHostNames(gitpod.domain())), YamlEscaper.plain())));
        }
        return files;
    }

    /** The three names Gitpod serves, and that its certificate and DNS records must cover. */
    public static List<String> gitpodHostNames(String domain) {
        String d = required(domain, "spec.gitpod.domain");
        return List.of(d, "*." + d, "*.ws." + d);
    }

    private static String config(ClusterPlan plan) {
        Gitpod gitpod = plan.spec().gitpod();
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("planName", plan.name());
        ctx.put("domain", required(gitpod.domain(), "spec.gitpod.domain"));
        ctx.put("repository", dev.railyard.engine.images.GitpodImages.repository(gitpod.repository()));
        ctx.put("blockNewUsersEnabled", gitpod.blockNewUsers().isEnabled());
        ctx.put("passlist", gitpod.blockNewUsers().passlist());

        ctx.put("databaseInCluster", gitpod.database().isInCluster());

        Gitpod.Registry registry = gitpod.registry();
        ctx.put("registryInCluster", registry.isInCluster());
        ctx.put("registryUrl", registry.isInCluster() ? "" : required(registry.url(), "spec.gitpod.registry.url"));

        Gitpod.Storage storage = gitpod.storage();
        ctx.put("storageInCluster", storage.isInCluster());
        ctx.put("storageEndpoint", storage.isInCluster() ? "" : required(storage.endpoint(), "spec.gitpod.storage.endpoint"));
        ctx.put("storageBucket", storage.isInCluster() ? "" : required(storage.bucket(), "spec.gitpod.storage.bucket"));
        ctx.put("metadataRegion", storage.isInCluster() || storage.region() == null || storage.region().isBlank()
                ? DEFAULT_REGION : storage.region());

        String method = gitpod.workspace().fsShiftMethod();
        ctx.put("fsShiftMethod", method == null ? Gitpod.Workspace.SHIFTFS : method);
        return Template.resource("gitpod/config.yaml.tmpl").render(ctx, YamlEscaper.plain());
    }

    static String required(String value, String path) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(path + " is required to render the Gitpod files; validate the plan first");
        }
        return value;
    }
}
