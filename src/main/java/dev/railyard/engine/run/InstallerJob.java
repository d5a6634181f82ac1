package dev.railyard.engine.run;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import java.util.List;
import java.util.Map;

/**
 * Gitpod's installer run inside the cluster, so the laptop needs no Docker: an init container with
 * the (configurable) installer image renders the manifests from {@code gitpod/config.yaml} into a
 * shared volume, then a kubectl container applies them. The installer's output is cluster-wide
 * (CRDs, ClusterRoles), hence the cluster-admin binding of its service account.
 */
final class InstallerJob {

    static final String NAME = "gitpod-installer";
    static final int BACKOFF_LIMIT = 2;

    private final String installerImage;
    private final String kubectlImage;

    InstallerJob(String installerImage, String kubectlImage) {
        this.installerImage = installerImage;
        this.kubectlImage = kubectlImage;
    }

    /** Where the installer image keeps its binary (install/installer/leeway.Dockerfile at 2022.11.3). */
    static final String INSTALLER_BINARY = "/app/installer";

    /** The render container's script: the installer's render, then the patches Gitpod 2022.11.3 needs today. */
    static String renderScript(String installer, String namespace, String configDir, String workDir) {
        return dev.railyard.engine.render.template.Template.resource("gitpod/installer-render.sh.tmpl").render(java.util.Map.of(
                "installer", installer, "namespace", namespace, "config", configDir, "work", workDir,
                "bitnamiSed", dev.railyard.engine.images.GitpodImages.BITNAMI_SED),
                dev.railyard.engine.render.template.ShellEscaper.INSTANCE);
    }

    List<HasMetadata> resources(String configYaml) {
        String ns = ClusterSteps.GITPOD;
        return List.of(
                new ConfigMapBuilder().withNewMetadata().withName(NAME + "-config").withNamespace(ns).endMetadata()
                        .withData(Map.of("config.yaml", configYaml)).build(),
                new ServiceAccountBuilder().withNewMetadata().withName(NAME).withNamespace(ns).endMetadata().build(),
                new ClusterRoleBindingBuilder().withNewMetadata().withName(NAME).endMetadata()
                        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName("cluster-admin").endRoleRef()
                        .addNewSubject().withKind("ServiceAccount").withName(NAME).withNamespace(ns).endSubject().build(),
                new JobBuilder().withNewMetadata().withName(NAME).withNamespace(ns).addToLabels("app.kubernetes.io/managed-by", "railyard")
                        .endMetadata()
                        .withNewSpec().withBackoffLimit(BACKOFF_LIMIT).withTtlSecondsAfterFinished(86400)
                        .withNewTemplate().withNewSpec().withServiceAccountName(NAME).withRestartPolicy("Never")
                        .addNewInitContainer().withName("render").withImage(installerImage)
                        .withCommand("sh", "-c", renderScript(INSTALLER_BINARY, ns, "/config", "/work"))
                        .addNewVolumeMount().withName("config").withMountPath("/config").endVolumeMount()
                        .addNewVolumeMount().withName("work").withMountPath("/work").endVolumeMount()
                        .endInitContainer()
                        .addNewContainer().withName("apply").withImage(kubectlImage)
                        .withCommand("kubectl", "apply", "--server-side", "--force-conflicts", "-f", "/work/gitpod.yaml")
                        .addNewVolumeMount().withName("work").withMountPath("/work").endVolumeMount()
                        .endContainer()
                        .addNewVolume().withName("config").withNewConfigMap().withName(NAME + "-config").endConfigMap().endVolume()
                        .addNewVolume().withName("work").withNewEmptyDir().endEmptyDir().endVolume()
                        .endSpec().endTemplate().endSpec().build());
    }
}
