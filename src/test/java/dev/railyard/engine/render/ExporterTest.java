package dev.railyard.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExporterTest {

    private final Exporter exporter = new Exporter();

    @Test
    void writesSecretFilesOwnerOnlyAndScriptsExecutable(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("export");
        exporter.export(List.of(GeneratedFile.text("a/plain.txt", "x"), GeneratedFile.secret("s/secret.yaml", "y"),
                GeneratedFile.script("e/run.sh", "#!/bin/bash\n")), out, false);
        assertThat(mode(out.resolve("a/plain.txt"))).isEqualTo("rw-r--r--");
        assertThat(mode(out.resolve("s/secret.yaml"))).isEqualTo("rw-------");
        assertThat(mode(out.resolve("e/run.sh"))).isEqualTo("rwxr-xr-x");
        assertThat(Files.readString(out.resolve(Exporter.MARKER))).contains("s/secret.yaml  (0600)");
    }

    @Test
    void refusesToReplaceAFolderItDidNotWriteUnlessForced(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("mine");
        Files.createDirectories(out);
        Files.writeString(out.resolve("thesis.tex"), "precious");
        assertThatThrownBy(() -> exporter.export(List.of(GeneratedFile.text("a.txt", "x")), out, false))
                .isInstanceOf(Exporter.RefusedOverwrite.class).hasMessageContaining("--force");
        assertThat(Files.readString(out.resolve("thesis.tex"))).isEqualTo("precious");

        exporter.export(List.of(GeneratedFile.text("a.txt", "x")), out, true);
        assertThat(out.resolve("thesis.tex")).doesNotExist();
        assertThat(out.resolve("a.txt")).hasContent("x");
    }

    @Test
    void replacesItsOwnPreviousExportWholeLeavingNoStaleFilesOrTemporaries(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("export");
        exporter.export(List.of(GeneratedFile.text("old.txt", "1"), GeneratedFile.text("keep.txt", "1")), out, false);
        exporter.export(List.of(GeneratedFile.text("keep.txt", "2")), out, false);
        assertThat(out.resolve("old.txt")).doesNotExist();
        assertThat(out.resolve("keep.txt")).hasContent("2");
        try (var siblings = Files.list(tmp)) {
            assertThat(siblings).containsExactly(out);
        }
    }

    @Test
    void keepsTerraformStateAndWorkingFilesWhenTheExportIsRegenerated(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("export");
        exporter.export(List.of(GeneratedFile.text("terraform/main.tf", "v1")), out, false);
        Files.writeString(out.resolve("terraform/terraform.tfstate"), "{\"serial\": 7}");
        Files.createDirectories(out.resolve("terraform/.terraform/providers"));
        Files.writeString(out.resolve("terraform/.terraform/providers/p"), "bin");
        Files.writeString(out.resolve("terraform/stale.tf"), "left over");

        exporter.export(List.of(GeneratedFile.text("terraform/main.tf", "v2")), out, false);

        assertThat(out.resolve("terraform/main.tf")).hasContent("v2");
        assertThat(out.resolve("terraform/terraform.tfstate")).hasContent("{\"serial\": 7}");
        assertThat(out.resolve("terraform/.terraform/providers/p")).hasContent("bin");
        assertThat(out.resolve("terraform/stale.tf")).doesNotExist();
    }

    @Test
    void keepsEveryTerraformStateFileIncludingTimestampedBackupsWorkspacesAndTheLockInfo(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("export");
        exporter.export(List.of(GeneratedFile.text("terraform/main.tf", "v1")), out, false);
        Files.writeString(out.resolve("terraform/terraform.tfstate.1733220000.backup"), "{\"serial\": 5}");
        Files.writeString(out.resolve("terraform/.terraform.tfstate.lock.info"), "{\"ID\": \"x\"}");
        Files.createDirectories(out.resolve("terraform/terraform.tfstate.d/staging"));
        Files.writeString(out.resolve("terraform/terraform.tfstate.d/staging/terraform.tfstate"), "{\"serial\": 2}");

        exporter.export(List.of(GeneratedFile.text("terraform/main.tf", "v2")), out, false);

        assertThat(out.resolve("terraform/terraform.tfstate.1733220000.backup")).hasContent("{\"serial\": 5}");
        assertThat(out.resolve("terraform/.terraform.tfstate.lock.info")).exists();
        assertThat(out.resolve("terraform/terraform.tfstate.d/staging/terraform.tfstate")).hasContent("{\"serial\": 2}");
    }

    @Test
    void refusesPathsThatEscapeTheExportFolder() {
        assertThatThrownBy(() -> GeneratedFile.text("../evil", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeneratedFile.text("/etc/passwd", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
