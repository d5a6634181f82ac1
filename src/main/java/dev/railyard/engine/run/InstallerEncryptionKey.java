package dev.railyard.engine.run;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * With the in-cluster database, Gitpod's 2022.11 installer renders its own Secret {@code mysql} whose
 * {@code encryptionKeys} hold a key published in the installer's source: anyone could decrypt the
 * tokens Gitpod stores. Right after the installer's output is applied (before anyone can sign in, so
 * nothing has been encrypted yet), this puts the cluster's own key, the one in Railyard's Secret
 * {@code database}, into {@code mysql} and restarts the workloads that read it. Every run of the
 * installer re-applies the published key, so this runs after every installer run, and does nothing
 * when the key is already right.
 */
final class InstallerEncryptionKey {

    static final String INSTALLER_SECRET = "mysql";
    static final String RAILYARD_SECRET = "database";
    static final String KEY = "encryptionKeys";
    static final String RESTART_ANNOTATION = "railyard.dev/encryption-key-replaced-at";

    private InstallerEncryptionKey() {}

    static void replace(StepContext ctx, KubernetesClient k, Instant now) throws StepFailedException {
        String ns = ClusterSteps.GITPOD;
        Secret ours = k.secrets().inNamespace(ns).withName(RAILYARD_SECRET).get();
        String wanted = ours == null ? null : value(ours, KEY).orElse(null);
        if (wanted == null) {
            throw new StepFailedException("Secret " + ns + "/" + RAILYARD_SECRET + " has no " + KEY + "; run the step"
                    + " \"Create Gitpod's namespace and secrets\" again (railyard resume) before the installer");
        }
        Secret installers = k.secrets().inNamespace(ns).withName(INSTALLER_SECRET).get();
        if (installers == null) {
            ctx.warn("the installer created no Secret " + ns + "/" + INSTALLER_SECRET + "; if Gitpod runs its in-cluster database,"
                    + " check `kubectl -n " + ns + " get secret " + INSTALLER_SECRET + "` and put " + KEY + " from Secret "
                    + RAILYARD_SECRET + " into it");
            return;
        }
        if (wanted.equals(value(installers, KEY).orElse(null))) {
            ctx.info("Secret " + ns + "/" + INSTALLER_SECRET + " already holds this cluster's own encryption key");
            return;
        }
        String encoded = Base64.getEncoder().encodeToString(wanted.getBytes(StandardCharsets.UTF_8));
        k.secrets().inNamespace(ns).withName(INSTALLER_SECRET).edit(s -> {
            SecretBuilder b = new SecretBuilder(s).addToData(KEY, encoded);
            if (s.getStringData() != null && s.getStringData().containsKey(KEY)) b.removeFromStringData(KEY);
            return b.build();
        });
        ctx.info("replaced the installer's published encryption key in Secret " + ns + "/" + INSTALLER_SECRET
                + " with this cluster's own key");
        List<String> restarted = restartReaders(k, ns, now);
        ctx.info(restarted.isEmpty() ? "no workload reads Secret " + INSTALLER_SECRET + " yet"
                : "restarting what reads it, so it starts with the new key: " + String.join(", ", restarted));
    }

    /** Deployments and StatefulSets whose pods take anything from the installer's Secret get a new template annotation. */
    private static List<String> restartReaders(KubernetesClient k, String ns, Instant now) {
        List<String> restarted = new ArrayList<>();
        for (var d : k.apps().deployments().inNamespace(ns).list().getItems()) {
            if (readsSecret(d.getSpec() == null ? null : d.getSpec().getTemplate())) {
                k.apps().deployments().inNamespace(ns).withName(d.getMetadata().getName())
                        .edit(x -> new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(x).editSpec().editTemplate()
                                .editOrNewMetadata().addToAnnotations(RESTART_ANNOTATION, now.toString()).endMetadata()
                                .endTemplate().endSpec().build());
                restarted.add("deployment/" + name(d));
            }
        }
        for (var s : k.apps().statefulSets().inNamespace(ns).list().getItems()) {
            if (readsSecret(s.getSpec() == null ? null : s.getSpec().getTemplate())) {
                k.apps().statefulSets().inNamespace(ns).withName(s.getMetadata().getName())
                        .edit(x -> new io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder(x).editSpec().editTemplate()
                                .editOrNewMetadata().addToAnnotations(RESTART_ANNOTATION, now.toString()).endMetadata()
                                .endTemplate().endSpec().build());
                restarted.add("statefulset/" + name(s));
            }
        }
        return restarted;
    }

    static boolean readsSecret(PodTemplateSpec template) {
        if (template == null || template.getSpec() == null) return false;
        var spec = template.getSpec();
        if (spec.getVolumes() != null && spec.getVolumes().stream()
                .anyMatch(v -> v.getSecret() != null && INSTALLER_SECRET.equals(v.getSecret().getSecretName()))) {
            return true;
        }
        List<io.fabric8.kubernetes.api.model.Container> containers = new ArrayList<>();
        if (spec.getContainers() != null) containers.addAll(spec.getContainers());
        if (spec.getInitContainers() != null) containers.addAll(spec.getInitContainers());
        for (var c : containers) {
            if (c.getEnvFrom() != null && c.getEnvFrom().stream()
                    .anyMatch(e -> e.getSecretRef() != null && INSTALLER_SECRET.equals(e.getSecretRef().getName()))) {
                return true;
            }
            if (c.getEnv() != null && c.getEnv().stream().anyMatch(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null
                    && INSTALLER_SECRET.equals(e.getValueFrom().getSecretKeyRef().getName()))) {
                return true;
            }
        }
        return false;
    }

    /** A key's value whether the API server stored it as data (base64) or still shows stringData. */
    static Optional<String> value(Secret secret, String key) {
        if (secret.getData() != null && secret.getData().get(key) != null) {
            return Optional.of(new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8));
        }
        return Optional.ofNullable(secret.getStringData() == null ? null : secret.getStringData().get(key)).filter(Objects::nonNull);
    }

    private static String name(HasMetadata r) {
        return r.getMetadata().getName();
    }
}
