package dev.railyard.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The outside validators generated files must pass. A missing tool fails the test with the command
 * that installs it (see {@code dev/test.sh}); tests are never skipped silently.
 */
public final class ExternalTools {

    public record Result(int exitCode, String stdout, String stderr) {
        public String both() {
            return stdout + stderr;
        }
    }

    private ExternalTools() {}

    /** Debian's {@code cloud-init schema --config-file FILE}. */
    public static Result cloudInitSchema(Path file) {
        require("cloud-init", "apt-get install -y cloud-init");
        return run(List.of("cloud-init", "schema", "--config-file", file.toString()), 120);
    }

    public static Result shellcheck(Path file) {
        require("shellcheck", "apt-get install -y shellcheck");
        return run(List.of("shellcheck", "--shell=bash", "--severity=style", file.toString()), 60);
    }

    public static Result bashSyntax(Path file) {
        require("bash", "apt-get install -y bash");
        return run(List.of("bash", "-n", file.toString()), 30);
    }

    /** HashiCorp's HCL parser from npm {@code @cdktf/hcl2json}; returns the JSON of every file on success. */
    public static Result hclParse(List<Path> files) {
        require("node", "apt-get install -y nodejs");
        Path dir = hcl2jsonDir();
        if (!Files.isDirectory(dir.resolve("node_modules/@cdktf/hcl2json"))) {
            fail("the HCL parser is missing: run `bash dev/test.sh --tools-only` (installs npm @cdktf/hcl2json@0.21.0 into " + dir + ")");
        }
        Path script = Path.of(System.getProperty("railyard.projectDir", "."), "src/test/resources/tools/hcl-parse.js");
        List<String> cmd = new ArrayList<>(List.of("node", script.toString()));
        files.forEach(f -> cmd.add(f.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("RAILYARD_HCL2JSON_DIR", dir.toString());
        return run(pb, 120);
    }

    public static Path hcl2jsonDir() {
        return Path.of(System.getProperty("railyard.projectDir", "."), ".tools", "hcl2json").toAbsolutePath();
    }

    public static void require(String command, String install) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) return;
        }
        fail("`" + command + "` is needed by this test and is not installed; install it with `" + install
                + "` (or run `bash dev/test.sh --tools-only`, which installs every tool the tests need)");
    }

    public static Result run(List<String> command, int timeoutSeconds) {
        return run(new ProcessBuilder(command), timeoutSeconds);
    }

    private static Result run(ProcessBuilder pb, int timeoutSeconds) {
        try {
            Path out = Files.createTempFile("railyard-tool", ".out");
            Path err = Files.createTempFile("railyard-tool", ".err");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(pb.command() + " did not finish in " + timeoutSeconds + " s");
            }
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + pb.command(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
