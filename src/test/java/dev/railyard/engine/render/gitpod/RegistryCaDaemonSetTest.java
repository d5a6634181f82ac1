package dev.railyard.engine.render.gitpod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.GitpodNodeLabels;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.render.cloudinit.CloudInitTestPlans;
import dev.railyard.engine.render.k3s.HostScripts;
import dev.railyard.testsupport.ExternalTools;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DaemonSet that puts the certificates registry-facade serves where k3s's registries.yaml looks
 * (gitpod-io/gitpod @ 2022.11.3: registry-facade's configmap.go serves {@code certificate}, the Secret
 * https-certificates; its daemonset.go writes a CA only to /etc/containerd/certs.d, and only with customCACert).
 */
class RegistryCaDaemonSetTest {

    static final String CERT = "-----BEGIN CERTIFICATE-----\nMIIBcanaryLeaf\n-----END CERTIFICATE-----\n";
    static final String CA = "-----BEGIN CERTIFICATE-----\nMIIBcanaryRoot\n-----END CERTIFICATE-----\n";
    static final String KEY = "-----BEGIN PRIVATE KEY-----\nMIIEcanaryKeyMaterial\n-----END PRIVATE KEY-----\n";

    @TempDir
    Path dir;

    static ClusterPlan upload() {
        return CloudInitTestPlans.withUploadTls(Examples.load(new PlanFormat(), "hetzner-small"));
    }

    static DaemonSet parse(String yaml) {
        return Serialization.unmarshal(yaml, DaemonSet.class);
    }

    @Test
    void registryFacadeServesHttpsCertificatesSoTheDaemonSetCopiesOnlyItsTlsCrtIntoTheCaFolderOfWorkspaceNodes() {
        String yaml = RegistryCaDaemonSet.render(upload());
        DaemonSet ds = parse(yaml);

        assertThat(ds.getMetadata().getName()).isEqualTo(RegistryCaDaemonSet.NAME);
        assertThat(ds.getMetadata().getNamespace()).isEqualTo("gitpod");
        var pod = ds.getSpec().getTemplate().getSpec();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        // registry-facade's own affinity (common.NodeAffinity(regular, headless)): one OR term per label
        assertThat(pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms())
                .extracting(t -> t.getMatchExpressions().get(0).getKey() + " " + t.getMatchExpressions().get(0).getOperator())
                .containsExactly(GitpodNodeLabels.WORKSPACE_REGULAR + " Exists", GitpodNodeLabels.WORKSPACE_HEADLESS + " Exists");
        Volume certificate = pod.getVolumes().stream().filter(v -> v.getSecret() != null).findFirst().orElseThrow();
        assertThat(certificate.getSecret().getSecretName()).isEqualTo("https-certificates");
        // the key is never mounted: only tls.crt
        assertThat(certificate.getSecret().getItems()).extracting(i -> i.getKey()).containsExactly("tls.crt");
        assertThat(certificate.getSecret().getDefaultMode()).isEqualTo(0444);
        Volume host = pod.getVolumes().stream().filter(v -> v.getHostPath() != null).findFirst().orElseThrow();
        // its own folder, not /etc/rancher/k3s with k3s's token
        assertThat(host.getHostPath().getPath()).isEqualTo(HostScripts.REGISTRY_CA_FOLDER).isNotEqualTo("/etc/rancher/k3s");
        assertThat(host.getHostPath().getType()).isEqualTo("DirectoryOrCreate");
        assertThat(pod.getVolumes()).hasSize(2);

        var container = pod.getContainers().get(0);
        assertThat(container.getCommand()).containsExactly("/bin/sh", "-c", RegistryCaDaemonSet.script(), "registry-ca-copy",
                "/railyard/certificate/tls.crt", RegistryCaDaemonSet.MOUNT + "/ca.crt", "60");
        var mountPath = container.getVolumeMounts().stream().filter(m -> m.getName().equals(host.getName())).findFirst().orElseThrow().getMountPath();
        // the container's target is the host's REGISTRY_CA_FILE
        assertThat(HostScripts.REGISTRY_CA_FOLDER + container.getCommand().get(5).substring(mountPath.length()))
                .isEqualTo(HostScripts.REGISTRY_CA_FILE);
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getImage()).isEqualTo("eu.gcr.io/gitpod-core-dev/build/ca-updater:commit-313e75e99d5db6f5ac4eb71ecc25b8807fdd8366");
    }

    @Test
    void theImageIsGitpodsCaUpdaterUnderTheMirrorRepositoryAndSoAlreadyInThePullCheck() {
        ClusterPlan plan = upload();
        plan = plan.withSpec(plan.spec().withGitpod(plan.spec().gitpod().withRepository("registry.example.com/gitpod/")));
        String image = parse(RegistryCaDaemonSet.render(plan)).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
        assertThat(image).isEqualTo("registry.example.com/gitpod/ca-updater:commit-313e75e99d5db6f5ac4eb71ecc25b8807fdd8366");
        assertThat(dev.railyard.engine.images.GitpodImages.release2022_11_3().images(plan.spec().gitpod().repository(), false)).contains(image);
    }

    @Test
    void onlyUploadedCertificatesGetTheDaemonSetLetsEncryptIsTrustedByTheHostsAlready() {
        for (var example : Examples.ALL) {
            ClusterPlan plan = Examples.load(new PlanFormat(), example.name());
            var files = new GitpodRenderer().render(dev.railyard.engine.render.RenderInput.withoutSecrets(plan, dev.railyard.engine.catalog.Catalog.bundled()));
            boolean upload = plan.spec().platform() == dev.railyard.engine.plan.Platform.GITPOD
                    && dev.railyard.engine.plan.Gitpod.Tls.UPLOAD.equals(plan.spec().gitpod().tls().mode());
            assertThat(files.stream().anyMatch(f -> f.path().equals(RegistryCaDaemonSet.FILE))).as(example.name()).isEqualTo(upload);
        }
        var files = new GitpodRenderer().render(dev.railyard.engine.render.RenderInput.withoutSecrets(upload(), dev.railyard.engine.catalog.Catalog.bundled()));
        assertThat(files).anySatisfy(f -> assertThat(f.path()).isEqualTo(RegistryCaDaemonSet.FILE));
    }

    @Test
    void copyScriptPassesShellcheck() throws Exception {
        Path script = Files.writeString(dir.resolve("registry-ca-copy.sh"), RegistryCaDaemonSet.script());
        ExternalTools.Result check = ExternalTools.shellcheck(script);
        assertThat(check.exitCode()).as(check.both()).isZero();
    }

    @Test
    void copyScriptWritesOnlyTheCertificatesWith0644AndARerunWithTheSameCertificateChangesNothingAndSaysSo() throws Exception {
        Path source = Files.writeString(dir.resolve("tls.crt"), CERT + CA + KEY);
        Path hostFolder = Files.createDirectory(dir.resolve("host"));
        Path target = hostFolder.resolve("ca.crt");

        ExternalTools.Result first = copy(source, target);
        assertThat(first.exitCode()).as(first.both()).isZero();
        assertThat(first.stdout()).contains("wrote the 2 certificate(s) of " + source + " to " + target + " (0644)");
        assertThat(Files.readString(target)).isEqualTo(CERT + CA).doesNotContain("canaryKeyMaterial");
        // under a umask of 077 too
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r--r--");

        FileTime before = FileTime.fromMillis(0);
        Files.setLastModifiedTime(target, before);
        ExternalTools.Result again = copy(source, target);
        assertThat(again.exitCode()).as(again.both()).isZero();
        assertThat(again.stdout()).contains("unchanged: " + target + " already holds the 2 certificate(s)");
        assertThat(Files.getLastModifiedTime(target)).isEqualTo(before);
        try (var files = Files.list(hostFolder)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("ca.crt");
        }

        // a replaced certificate replaces the file
        Files.writeString(source, CA);
        ExternalTools.Result renewed = copy(source, target);
        assertThat(renewed.stdout()).contains("wrote the 1 certificate(s)");
        assertThat(Files.readString(target)).isEqualTo(CA);
    }

    @Test
    void copyScriptWithoutACertificateFailsNamingTheSecretAndLeavesTheFileAlone() throws Exception {
        Path source = Files.writeString(dir.resolve("tls.crt"), KEY);
        Path target = Files.writeString(dir.resolve("ca.crt"), CA);

        ExternalTools.Result r = copy(source, target);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).contains("no certificate in " + source + " (key tls.crt of the Secret https-certificates)");
        assertThat(Files.readString(target)).isEqualTo(CA);
        assertThat(Files.exists(dir.resolve("ca.crt.new"))).isFalse();
    }

    private static ExternalTools.Result copy(Path source, Path target) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "umask 077; exec /bin/sh -c \"$0\" registry-ca-copy \"$1\" \"$2\" 0",
                RegistryCaDaemonSet.script(), source.toString(), target.toString()));
        return ExternalTools.run(command, 30);
    }
}
