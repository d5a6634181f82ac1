package dev.railyard.engine.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.testsupport.StandInRegistry;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The distribution API client against a stand-in registry on 127.0.0.1 (no real registry is asked). */
class RegistryClientTest {

    StandInRegistry registry;
    RegistryClient client = new RegistryClient(Duration.ofSeconds(5), null);

    @BeforeEach
    void start() throws Exception {
        registry = StandInRegistry.start();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void ociDistributionManifestHeadFindsAPresentImageOverPlainHttpOnLoopback() {
        registry.add("gitpod/server", "commit-6771283c3406586e352337675b79ff2ca50f191b");
        var r = client.check(registry.hostPort() + "/gitpod/server:commit-6771283c3406586e352337675b79ff2ca50f191b");
        assertThat(r.status()).as(r.detail()).isEqualTo(RegistryClient.Status.PRESENT);
        assertThat(registry.requests()).containsExactly("HEAD /v2/gitpod/server/manifests/commit-6771283c3406586e352337675b79ff2ca50f191b");
    }

    @Test
    void ociDistributionAnAbsentManifestIsMissing() {
        var r = client.check(registry.hostPort() + "/gitpod/ws-daemon:commit-gone");
        assertThat(r.status()).isEqualTo(RegistryClient.Status.MISSING);
        assertThat(r.detail()).contains("404");
    }

    @Test
    void ociDistributionTokenFlowFetchesAnAnonymousBearerTokenFromTheChallengesRealmAndRetries() {
        registry.tokenRequired(true).add("bitnamilegacy/mysql", "5.7.34-debian-10-r55");
        var r = client.check(registry.hostPort() + "/bitnamilegacy/mysql:5.7.34-debian-10-r55");
        assertThat(r.status()).as(r.detail()).isEqualTo(RegistryClient.Status.PRESENT);
        assertThat(registry.requests()).containsExactly(
                "HEAD /v2/bitnamilegacy/mysql/manifests/5.7.34-debian-10-r55",
                "GET /token?service=" + StandInRegistry.SERVICE + "&scope=repository%3Abitnamilegacy%2Fmysql%3Apull",
                "HEAD /v2/bitnamilegacy/mysql/manifests/5.7.34-debian-10-r55 [Bearer " + StandInRegistry.TOKEN + "]");
    }

    @Test
    void ociDistributionTokenFlowStillReportsAnAbsentImageAsMissing() {
        registry.tokenRequired(true);
        var r = client.check(registry.hostPort() + "/bitnami/mysql:5.7.34-debian-10-r55");
        assertThat(r.status()).isEqualTo(RegistryClient.Status.MISSING);
    }

    @Test
    void ociDistributionARegistryThatRefusesHeadIsAskedWithGet() {
        registry.refuseHead(true).add("gitpod/installer", "release-2022.11.3");
        var r = client.check(registry.hostPort() + "/gitpod/installer:release-2022.11.3");
        assertThat(r.status()).as(r.detail()).isEqualTo(RegistryClient.Status.PRESENT);
        assertThat(registry.requests()).containsExactly("HEAD /v2/gitpod/installer/manifests/release-2022.11.3",
                "GET /v2/gitpod/installer/manifests/release-2022.11.3");
    }

    @Test
    void aRegistryThatDoesNotAnswerIsUnreachableNotMissing() throws Exception {
        int closed = dev.railyard.testsupport.OpenSshServer.freePort();
        var r = new RegistryClient(Duration.ofSeconds(2), null).check("127.0.0.1:" + closed + "/gitpod/server:x");
        assertThat(r.status()).isEqualTo(RegistryClient.Status.UNREACHABLE);
        assertThat(r.detail()).contains("http://127.0.0.1:" + closed);
    }

    @Test
    void registriesAreSpokenToOverHttpsExceptOnALoopbackAddress() {
        assertThat(client.base(ImageRef.parse("eu.gcr.io/gitpod-core-dev/build/server:x"))).isEqualTo(URI.create("https://eu.gcr.io"));
        assertThat(client.base(ImageRef.parse("docker.io/bitnamilegacy/mysql:1"))).isEqualTo(URI.create("https://registry-1.docker.io"));
        assertThat(client.base(ImageRef.parse("registry.example.com:5000/gitpod/server:x")))
                .isEqualTo(URI.create("https://registry.example.com:5000"));
        assertThat(client.base(ImageRef.parse("10.0.0.5:5000/gitpod/server:x"))).isEqualTo(URI.create("https://10.0.0.5:5000"));
        assertThat(client.base(ImageRef.parse("127.0.0.1:5000/gitpod/server:x"))).isEqualTo(URI.create("http://127.0.0.1:5000"));
        assertThat(client.base(ImageRef.parse("localhost:5000/gitpod/server:x"))).isEqualTo(URI.create("http://localhost:5000"));
        assertThat(client.base(ImageRef.parse("[::1]:5000/gitpod/server:x"))).isEqualTo(URI.create("http://[::1]:5000"));
        // a name that merely starts like a loopback address is not one
        assertThat(client.base(ImageRef.parse("127.0.0.1.example.com/gitpod/server:x")).getScheme()).isEqualTo("https");
    }

    @Test
    void ociDistributionManifestAcceptHeaderNamesIndexAndManifestTypesOfOciAndDocker() {
        assertThat(RegistryClient.ACCEPT).contains("application/vnd.oci.image.index.v1+json", "application/vnd.oci.image.manifest.v1+json",
                "application/vnd.docker.distribution.manifest.list.v2+json", "application/vnd.docker.distribution.manifest.v2+json");
    }

    @Test
    void bearerChallengeParametersAreReadAsTheTokenSpecWritesThem() {
        assertThat(RegistryClient.bearerChallenge("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                + "scope=\"repository:samalba/my-app:pull,push\"")).containsEntry("realm", "https://auth.docker.io/token")
                .containsEntry("service", "registry.docker.io").containsEntry("scope", "repository:samalba/my-app:pull,push");
        assertThat(RegistryClient.bearerChallenge("Basic realm=\"x\"")).isEmpty();
    }

    @Test
    void imageReferencesAreNormalisedLikeTheDistributionReferencePackage() {
        assertThat(ImageRef.parse("busybox:1")).isEqualTo(new ImageRef("docker.io", "library/busybox", "1"));
        assertThat(ImageRef.parse("docker.io/gitpod/workspace-full:latest")).isEqualTo(new ImageRef("docker.io", "gitpod/workspace-full", "latest"));
        assertThat(ImageRef.parse("quay.io/brancz/kube-rbac-proxy:v0.12.0")).isEqualTo(new ImageRef("quay.io", "brancz/kube-rbac-proxy", "v0.12.0"));
        assertThat(ImageRef.parse("localhost:5000/a/b")).isEqualTo(new ImageRef("localhost:5000", "a/b", "latest"));
        assertThat(ImageRef.parse("r.example.com/a@sha256:" + "1".repeat(64)).reference()).isEqualTo("sha256:" + "1".repeat(64));
    }
}
