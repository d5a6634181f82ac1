package dev.railyard.engine.run;

import dev.railyard.testsupport.TestClocks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The stand-in {@code terraform} script of src/test/resources/fake-terraform, installed in a temp folder. */
final class StandInTerraform {

    final Path executable;
    final Path workingDir;

    private StandInTerraform(Path executable, Path workingDir) {
        this.executable = executable;
        this.workingDir = workingDir;
    }

    /** Copies the script to {@code root/bin/terraform}; {@code root/export/terraform} is its working folder. */
    static StandInTerraform install(Path root, String settings) throws IOException {
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path exe = bin.resolve("terraform");
        try (InputStream in = StandInTerraform.class.getResourceAsStream("/fake-terraform/terraform")) {
            Files.write(exe, in.readAllBytes());
        }
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path work = Files.createDirectories(root.resolve("export").resolve("terraform"));
        Files.writeString(work.resolve("fake-terraform.env"), settings);
        return new StandInTerraform(exe, work);
    }

    /** The stand-in installed earlier under {@code root}. */
    static StandInTerraform attach(Path root) {
        return new StandInTerraform(root.resolve("bin/terraform"), root.resolve("export/terraform"));
    }

    Terraform terraform(Map<String, String> secretVariables) {
        return new Terraform(executable, workingDir, secretVariables);
    }

    void settings(String text) throws IOException {
        Files.writeString(workingDir.resolve("fake-terraform.env"), text);
    }

    List<String> calls() throws IOException {
        Path calls = workingDir.resolve("fake-terraform.calls");
        return Files.exists(calls) ? Files.readAllLines(calls, StandardCharsets.UTF_8) : List.of();
    }

    /** A pipeline of init, plan, apply over this stand-in, logging into {@code runDir}. */
    static Pipeline provisioning(StandInTerraform tf, Path runDir, RunLog log, Map<String, String> vars, Duration grace) {
        List<Step> steps = List.of(TerraformSteps.init(() -> tf.terraform(vars)), TerraformSteps.plan(() -> tf.terraform(vars)),
                TerraformSteps.apply(() -> tf.terraform(vars)));
        return new Pipeline("test-cluster", "provision", steps, new RunStateStore(runDir), log, new ProcessRunner(grace),
                TestClocks.ticking());
    }
}
