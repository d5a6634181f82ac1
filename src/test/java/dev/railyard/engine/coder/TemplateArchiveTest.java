package dev.railyard.engine.coder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateArchiveTest {

    @TempDir
    Path dir;

    private static Map<String, byte[]> files(String... nameThenText) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (int i = 0; i < nameThenText.length; i += 2) out.put(nameThenText[i], nameThenText[i + 1].getBytes(StandardCharsets.UTF_8));
        return out;
    }

    @Test
    void sameFilesInAnyOrderGiveTheSameBytesAndVersionName() {
        TemplateArchive a = new TemplateArchive(files("main.tf", "x", "README.md", "y"));
        TemplateArchive b = new TemplateArchive(files("README.md", "y", "main.tf", "x"));
        assertThat(a.bytes()).isEqualTo(b.bytes());
        assertThat(a.versionName()).isEqualTo(b.versionName()).matches("railyard-[0-9a-f]{12}");
        assertThat(new TemplateArchive(files("main.tf", "z", "README.md", "y")).versionName()).isNotEqualTo(a.versionName());
    }

    @Test
    void gnuTarListsAndExtractsTheArchiveUnchanged() throws Exception {
        String main = "terraform {\n  required_providers {}\n}\n" + "#".repeat(700) + "\n";
        TemplateArchive archive = new TemplateArchive(files("main.tf", main, "README.md", "# Kubernetes\n", "scripts/init.sh", "echo hi\n"));
        Path tar = dir.resolve("t.tar");
        Files.write(tar, archive.bytes());
        Path out = Files.createDirectory(dir.resolve("out"));
        Process p = new ProcessBuilder("tar", "-xvf", tar.toString(), "-C", out.toString()).redirectErrorStream(true).start();
        String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(listing).isZero();
        assertThat(listing.lines().toList()).containsExactly("README.md", "main.tf", "scripts/init.sh");
        assertThat(Files.readString(out.resolve("main.tf"))).isEqualTo(main);
        assertThat(Files.readString(out.resolve("scripts/init.sh"))).isEqualTo("echo hi\n");
        assertThat(archive.bytes().length % 512).isZero();
    }

    @Test
    void refusesNamesThatEscapeTheArchive() {
        for (String bad : List.of("/etc/passwd", "../x", "a\\b", "")) {
            assertThatThrownBy(() -> new TemplateArchive(files(bad, "x"))).hasMessageContaining("relative path");
        }
    }
}
