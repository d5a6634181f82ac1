package dev.railyard.engine.render.gitpod;

import static dev.railyard.engine.render.gitpod.GitpodRenderer.required;

import dev.railyard.engine.plan.Gitpod;
import dev.railyard.engine.render.CompactJson;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.RenderInput;
import dev.railyard.engine.render.SecretValues;
import dev.railyard.engine.render.template.Template;
import dev.railyard.engine.render.template.YamlEscaper;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes Secrets under {@code gitpod/secrets/}. Every file is written 0600; without
 * {@code --include-secrets} every value in them is a placeholder naming where the real one comes from.
 */
final class GitpodSecrets {

    static final String DATABASE = "gitpod/secrets/database.yaml";
    static final String CONTAINER_REGISTRY = "gitpod/secrets/container-registry.yaml";
    static final String STORAGE = "gitpod/secrets/storage.yaml";
    static final String HTTPS_CERTIFICATES = "gitpod/secrets/https-certificates.yaml";
    static final String CLOUDFLARE_SOLVER = "gitpod/secrets/cloudflare-solver.yaml";

    /** What stands in for the encryption key when the export carries no secrets. */
    static final String ENCRYPTION_KEY_PLACEHOLDER = "REPLACE_ME_WITH_32_RANDOM_BYTES_BASE64";

    List<GeneratedFile> render(RenderInput input) {
        Gitpod gitpod = input.plan().spec().gitpod();
        List<GeneratedFile> files = new ArrayList<>();
        files.add(GeneratedFile.secret(DATABASE, database(input, gitpod.database())));
        if (!gitpod.registry().isInCluster()) {
            files.add(GeneratedFile.secret(CONTAINER_REGISTRY, containerRegistry(input, gitpod.registry())));
        }
        if (!gitpod.storage().isInCluster()) {
            files.add(GeneratedFile.secret(STORAGE, storage(input, gitpod.storage())));
        }
        Gitpod.Tls tls = gitpod.tls();
        if (Gitpod.Tls.UPLOAD.equals(tls.mode())) {
            files.add(GeneratedFile.secret(HTTPS_CERTIFICATES, render("https-certificates", Map.of(
                    "domain", gitpod.domain(),
                    "certificate", input.secretOrPlaceholder(required(tls.certificateRef(), "spec.gitpod.tls.certificateRef")),
                    "key", input.secretOrPlaceholder(required(tls.keyRef(), "spec.gitpod.tls.keyRef"))))));
        }
        if (tls.isCertManager()) {
            Gitpod.Dns01 dns01 = tls.dns01();
            if (dns01 == null || !Gitpod.Dns01.CLOUDFLARE.equals(dns01.provider())) {
                throw new IllegalStateException("spec.gitpod.tls.dns01.provider must be one of "
                        + Gitpod.Dns01.PROVIDERS + " for tls.mode cert-manager; validate the plan first");
            }
            files.add(GeneratedFile.secret(CLOUDFLARE_SOLVER, render("cloudflare-solver", Map.of(
                    "apiToken", input.secretOrPlaceholder(required(dns01.tokenRef(), "spec.gitpod.tls.dns01.tokenRef"))))));
        }
        return files;
    }

    private String database(RenderInput input, Gitpod.Database db) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("inCluster", db.isInCluster());
        if (!db.isInCluster()) {
            ctx.put("host", required(db.host(), "spec.gitpod.database.host"));
            ctx.put("port", String.valueOf(db.port() == null ? Gitpod.Database.DEFAULT_PORT : db.port()));
            ctx.put("username", required(db.username(), "spec.gitpod.database.username"));
            ctx.put("password", input.secretOrPlaceholder(required(db.passwordRef(), "spec.gitpod.database.passwordRef")));
        }
        String material = input.secrets().map(SecretValues::newEncryptionKeyMaterial).orElse(ENCRYPTION_KEY_PLACEHOLDER);
        ctx.put("encryptionKeys", encryptionKeys(material));
        return render("database", ctx);
    }

    /** Gitpod's key list: one primary key named "general", version 1 (what the server expects to find). */
    String encryptionKeys(String material) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("name", "general");
        key.put("version", 1);
        key.put("primary", true);
        key.put("material", material);
        return toJson(List.of(key));
    }

    private String containerRegistry(RenderInput input, Gitpod.Registry registry) {
        String url = required(registry.url(), "spec.gitpod.registry.url");
        // Only username and password: kubelet and containerd derive "auth" from them when it is absent,
        // and a placeholder stays readable instead of hiding inside base64.
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("username", required(registry.username(), "spec.gitpod.registry.username"));
        entry.put("password", input.secretOrPlaceholder(required(registry.passwordRef(), "spec.gitpod.registry.passwordRef")));
        String dockerConfig = toJson(Map.of("auths", Map.of(registryHost(url), entry)));
        return render("container-registry", Map.of("registryUrl", url, "dockerConfigJson", dockerConfig));
    }

    /** The key under "auths": the registry's host (and port), without scheme or repository path. */
    static String registryHost(String url) {
        String withScheme = url.contains("://") ? url : "https://" + url;
        URI uri = URI.create(withScheme);
        if (uri.getHost() == null) {
            throw new IllegalStateException("spec.gitpod.registry.url has no host name: " + url);
        }
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    private String storage(RenderInput input, Gitpod.Storage storage) {
        return render("storage", Map.of(
                "bucket", required(storage.bucket(), "spec.gitpod.storage.bucket"),
                "endpoint", required(storage.endpoint(), "spec.gitpod.storage.endpoint"),
                "accessKeyId", input.secretOrPlaceholder(required(storage.accessKeyIdRef(), "spec.gitpod.storage.accessKeyIdRef")),
                "secretAccessKey", input.secretOrPlaceholder(
                        required(storage.secretAccessKeyRef(), "spec.gitpod.storage.secretAccessKeyRef"))));
    }

    private static String render(String name, Map<String, ?> ctx) {
        return Template.resource("gitpod/secrets/" + name + ".yaml.tmpl").render(ctx, YamlEscaper.plain());
    }

    private static String toJson(Object value) {
        return CompactJson.write(value);
    }
}
