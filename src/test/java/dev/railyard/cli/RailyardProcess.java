package dev.railyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code railyard.jar} as a real child process ({@code java -jar}, the test JVM's own java),
 * the way users and scripts run it; shared by the process-level tests (CliIT, CoderCliIT, DemoCliIT).
 * Leading {@code -D...} arguments go to the JVM. The child never sees the test's DISPLAY, and never a
 * vault passphrase the caller did not give it.
 */
final class RailyardProcess {

    record Run(int code, String out, String err, long millis) {}

    private RailyardProcess() {}

    static Run run(Path cwd, Map<String, String> env, String... args) throws Exception {
        return run(cwd, env, false, null, 90, args);
    }

    /** Under {@code unshare -n}: a network namespace of its own, where no interface, not even loopback, is up. */
    static Run runWithoutNetwork(Path cwd, Map<String, String> env, String... args) throws Exception {
        return run(cwd, env, true, null, 90, args);
    }

    /** With {@code input} on its standard input, then end of input. */
    static Run runWithInput(Path cwd, Map<String, String> env, String input, String... args) throws Exception {
        return run(cwd, env, false, input, 90, args);
    }

    static Run run(Path cwd, Map<String, String> env, boolean withoutNetwork, String input, int timeoutSeconds, String... args)
            throws Exception {
        List<String> cmd = new ArrayList<>();
        if (withoutNetwork) cmd.addAll(List.of("unshare", "-n"));
        cmd.add(java());
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty() && rest.get(0).startsWith("-D")) cmd.add(rest.remove(0)); // JVM options come first
        cmd.addAll(List.of("-jar", jar()));
        cmd.addAll(rest);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("RAILYARD_VAULT_PASSPHRASE");
        pb.environment().putAll(env);
        Path out = Files.createTempFile("cli", ".out");
        Path err = Files.createTempFile("cli", ".err");
        long start = System.nanoTime();
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (var stdin = p.getOutputStream()) {
            if (input != null) stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        boolean finished = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) p.destroyForcibly();
        assertThat(finished).as("railyard %s finished within %d s", rest, timeoutSeconds).isTrue();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        try {
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8), millis);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** {@code railyard secret set NAME} with the value typed on standard input; it must succeed and never echo the value. */
    static void setSecret(Path cwd, Map<String, String> env, String name, String value) throws Exception {
        Run set = runWithInput(cwd, env, value + "\n", "secret", "set", name);
        assertThat(set.code()).as(set.out() + set.err()).isZero();
        assertThat(set.out() + set.err()).doesNotContain(value);
    }

    /** The user's own SSH key, without a passphrase, where the examples' {@code spec.sshKey} points. */
    static void sshKey(Path home) throws Exception {
        Files.createDirectories(home.resolve(".ssh"));
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", home.resolve(".ssh/id_ed25519").toString())
                .redirectErrorStream(true).start();
        assertThat(keygen.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(keygen.exitValue()).as("ssh-keygen").isZero();
    }

    /** The stand-in terraform (not the real one: it cannot be downloaded here), speaking Terraform's -json lines. */
    static Path standInTerraform(Path dir) throws IOException {
        Path tf = Files.createDirectories(dir.resolve("bin")).resolve("terraform");
        try (var in = RailyardProcess.class.getResourceAsStream("/fake-terraform/terraform")) {
            Files.write(tf, in.readAllBytes());
        }
        Files.setPosixFilePermissions(tf, PosixFilePermissions.fromString("rwxr-xr-x"));
        return tf;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String jar() {
        return Path.of(System.getProperty("railyard.jar", "target/railyard.jar")).toAbsolutePath().toString();
    }
}
