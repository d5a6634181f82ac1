package dev.railyard.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installer Job's render script, run for real by sh with a stand-in installer that prints 2022.11.3's manifests. */
class InstallerJobTest {

    @TempDir
    Path dir;

    /** What 2022.11.3 renders for its in-cluster dependencies (image lines of the Bitnami charts it vendors). */
    static final String RENDERED = """
            kind: StatefulSet
            spec:
              template:
                spec:
                  initContainers:
                    - image: docker.io/bitnami/bitnami-shell:11-debian-11-r60
                  containers:
                    - name: mysql
                      image: docker.io/bitnami/mysql:5.7.34-debian-10-r55
            ---
            kind: Deployment
            spec:
              template:
                spec:
                  containers:
                    - image: "docker.io/bitnami/minio:2022.12.12-debian-11-r0"
                    - image: docker.io/bitnami/rabbitmq:3.11.5-debian-11-r2
                    - image: docker.io/bitnamilegacy/already:1
                    - image: eu.gcr.io/gitpod-core-dev/build/server:commit-6771283c3406586e352337675b79ff2ca50f191b
                    - image: mirror.example.com/gitpod/bitnami/mysql:5.7.34-debian-10-r55
            """;

    @Test
    void bitnamiLegacyRewriteOfTheRenderedManifestsRunsInTheRenderContainer() throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        Path work = Files.createDirectories(dir.resolve("work"));
        Files.writeString(config.resolve("config.yaml"), "domain: gitpod.example.com\n");
        Path installer = dir.resolve("installer");
        Files.writeString(installer, "#!/bin/sh\n# stand-in for the Gitpod installer: prints what 2022.11.3 renders\n"
                + "[ \"$1 $2 $3 $4 $5\" = \"render --config " + config + "/config.yaml --namespace gitpod\" ] || { echo \"bad args: $*\" >&2; exit 2; }\n"
                + "cat <<'YAML'\n" + RENDERED + "YAML\n");
        Files.setPosixFilePermissions(installer, PosixFilePermissions.fromString("rwxr-xr-x"));

        Process p = new ProcessBuilder("sh", "-c", InstallerJob.renderScript(installer.toString(), "gitpod", config.toString(), work.toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();

        String rendered = Files.readString(work.resolve("gitpod.yaml"));
        assertThat(rendered).contains("image: docker.io/bitnamilegacy/bitnami-shell:11-debian-11-r60",
                        "image: docker.io/bitnamilegacy/mysql:5.7.34-debian-10-r55", "image: \"docker.io/bitnamilegacy/minio:2022.12.12-debian-11-r0\"",
                        "image: docker.io/bitnamilegacy/rabbitmq:3.11.5-debian-11-r2", "image: docker.io/bitnamilegacy/already:1",
                        "eu.gcr.io/gitpod-core-dev/build/server:commit-6771283c3406586e352337675b79ff2ca50f191b",
                        "mirror.example.com/gitpod/bitnami/mysql:5.7.34-debian-10-r55")
                .doesNotContain("docker.io/bitnami/");
        assertThat(out).contains("rendered 2 objects");
    }

    @Test
    void aFailingRenderFailsTheContainerInsteadOfApplyingAnEmptyFile() throws Exception {
        Path installer = dir.resolve("installer");
        Files.writeString(installer, "#!/bin/sh\necho 'config invalid' >&2\nexit 1\n");
        Files.setPosixFilePermissions(installer, PosixFilePermissions.fromString("rwxr-xr-x"));
        Process p = new ProcessBuilder("sh", "-c", InstallerJob.renderScript(installer.toString(), "gitpod", dir.toString(), dir.toString()))
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isNotZero();
    }

    @Test
    void theJobsRenderContainerRunsTheScriptWithTheInstallerImagesBinary() {
        Job job = (Job) new InstallerJob("registry.example.com/gitpod/installer:release-2022.11.3", "registry.k8s.io/kubectl:v1.33.7")
                .resources("domain: x\n").stream().filter(r -> r instanceof Job).findFirst().orElseThrow();
        var render = job.getSpec().getTemplate().getSpec().getInitContainers().get(0);
        assertThat(render.getImage()).isEqualTo("registry.example.com/gitpod/installer:release-2022.11.3");
        assertThat(render.getCommand()).containsExactly("sh", "-c", InstallerJob.renderScript("/app/installer", "gitpod", "/config", "/work"));
        assertThat(render.getCommand().get(2)).contains("docker.io/bitnamilegacy/");
    }
}
