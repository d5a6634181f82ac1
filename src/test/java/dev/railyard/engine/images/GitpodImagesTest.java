package dev.railyard.engine.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped list of Gitpod 2022.11.3's images and how the installer names them for a repository. */
class GitpodImagesTest {

    final GitpodImages images = GitpodImages.release2022_11_3();

    @Test
    void gitpod2022_11_3KotsMirrorListHas62ImagesAndTheReleasesComponentTags() {
        assertThat(images.listed()).hasSize(62);
        List<String> all = images.images(null, true);
        assertThat(all).contains("eu.gcr.io/gitpod-core-dev/build/server:commit-6771283c3406586e352337675b79ff2ca50f191b",
                "eu.gcr.io/gitpod-core-dev/build/ws-manager:commit-6c883c70ab109a6d259e331e0d72a411b10cfa01",
                "eu.gcr.io/gitpod-core-dev/build/image-builder-mk3/bob:6c883c70ab109a6d259e331e0d72a411b10cfa01",
                "quay.io/brancz/kube-rbac-proxy:v0.12.0", "docker.io/library/registry:2.8.1");
    }

    @Test
    void gitpod2022_11_3InstallerImageIsReleaseTagUnderTheRepository() {
        assertThat(GitpodImages.installerImage(null, null)).isEqualTo("eu.gcr.io/gitpod-core-dev/build/installer:release-2022.11.3");
        assertThat(GitpodImages.installerImage("registry.example.com/gitpod/", null))
                .isEqualTo("registry.example.com/gitpod/installer:release-2022.11.3");
        assertThat(GitpodImages.installerImage("registry.example.com/gitpod", "other.example.com/installer:mine"))
                .isEqualTo("other.example.com/installer:mine");
    }

    @Test
    void bitnamiLegacyReplacesDockerIoBitnamiWithTheDefaultRepository() {
        List<String> all = images.images(null, false);
        assertThat(all).contains("docker.io/bitnamilegacy/mysql:5.7.34-debian-10-r55", "docker.io/bitnamilegacy/minio:2022.12.12-debian-11-r0",
                "docker.io/bitnamilegacy/rabbitmq:3.11.5-debian-11-r2", "docker.io/bitnamilegacy/bitnami-shell:11-debian-11-r60");
        assertThat(all).noneMatch(i -> i.startsWith("docker.io/bitnami/"));
        assertThat(GitpodImages.rewriteBitnami("docker.io/bitnamilegacy/mysql:1")).isEqualTo("docker.io/bitnamilegacy/mysql:1");
    }

    @Test
    void gitpod2022_11_3ThirdPartyContainerRepoPutsEveryImageUnderACustomRepository() {
        List<String> all = images.images("mirror.example.com:5000/gitpod", false);
        assertThat(all).allMatch(i -> i.startsWith("mirror.example.com:5000/gitpod/"));
        assertThat(all).contains("mirror.example.com:5000/gitpod/server:commit-6771283c3406586e352337675b79ff2ca50f191b",
                "mirror.example.com:5000/gitpod/bitnami/mysql:5.7.34-debian-10-r55",
                "mirror.example.com:5000/gitpod/brancz/kube-rbac-proxy:v0.12.0",
                "mirror.example.com:5000/gitpod/library/registry:2.8.1");
    }

    @Test
    void shiftfsModuleLoaderOnlyWithShiftfsAndNeverTheCloudSqlProxyOrAzureGatewayMinio() {
        assertThat(images.images(null, false)).noneMatch(i -> i.contains("shiftfs-module-loader"));
        assertThat(images.images(null, true)).anyMatch(i -> i.contains("shiftfs-module-loader"));
        assertThat(images.images(null, true)).noneMatch(i -> i.contains("gce-proxy") || i.contains("minio:2022.4.29"));
    }
}
