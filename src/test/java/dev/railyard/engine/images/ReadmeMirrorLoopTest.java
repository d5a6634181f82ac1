package dev.railyard.engine.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.testsupport.ExternalTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Mirroring Gitpod's images" loop, run with bash and a stand-in {@code crane} on PATH that only
 * records its arguments: it must copy to exactly the names the installer pulls once {@code spec.gitpod.repository}
 * is the mirror, and read Bitnami's images from bitnamilegacy.
 */
class ReadmeMirrorLoopTest {

    static final String REPO = "registry.example.com/gitpod";

    @TempDir
    Path dir;

    @Test
    void readmeMirrorLoopCopiesEveryImageTheInstallerPullsFromTheMirrorRepository() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("REPO=registry.example.com/gitpod");
        int end = readme.indexOf("\ndone\n", start);
        assertThat(start).as("the README's mirror loop").isPositive();
        String loop = readme.substring(start, end + "\ndone\n".length());
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path crane = Files.writeString(bin.resolve("crane"), "#!/bin/sh\n# stand-in for crane: records what would be copied\necho \"$2 $3\"\n");
        crane.toFile().setExecutable(true);
        Path script = Files.writeString(dir.resolve("mirror.sh"), loop);
        assertThat(ExternalTools.shellcheck(script).exitCode()).as(ExternalTools.shellcheck(script).both()).isZero();

        ExternalTools.Result r = ExternalTools.run(List.of("env", "PATH=" + bin + ":/usr/bin:/bin", "bash", "-c",
                "cd " + Path.of("").toAbsolutePath() + " && bash " + script), 60);

        assertThat(r.exitCode()).as(r.both()).isZero();
        List<String> sources = new ArrayList<>();
        Set<String> targets = new LinkedHashSet<>();
        for (String line : r.stdout().strip().split("\n")) {
            String[] pair = line.split(" ");
            sources.add(pair[0]);
            targets.add(pair[1]);
        }
        Set<String> pulled = new LinkedHashSet<>(GitpodImages.release2022_11_3().images(REPO, true));
        pulled.add(GitpodImages.installerImage(REPO, null));
        assertThat(targets).containsExactlyInAnyOrderElementsOf(pulled);
        assertThat(sources).noneMatch(s -> s.startsWith(GitpodImages.BITNAMI)).anyMatch(s -> s.startsWith(GitpodImages.BITNAMI_LEGACY));
    }
}
