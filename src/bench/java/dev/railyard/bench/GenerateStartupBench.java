package dev.railyard.bench;

import dev.railyard.engine.plan.Examples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Whole-process time of {@code railyard generate} (medium example) and {@code railyard --version}
 * against a bare JVM hello started the same way, interleaved in the same run so machine load affects
 * both: first {@code java -jar railyard.jar} on the JDK running the benchmark, then, when the package
 * is installed, the installed {@code railyard} command (its jlinked runtime and AppCDS archive, as a
 * user runs it) against hello on that same runtime. Aims (issue 17): generate at most 3x hello,
 * --version at most 2x.
 */
public final class GenerateStartupBench implements BenchMain.Benchmark {

    private static final int RUNS = 11;
    static final double GENERATE_AIM = 3.0;
    static final double VERSION_AIM = 2.0;

    @Override
    public String name() {
        return "generate and --version start-up";
    }

    @Override
    public void run(Path jar) throws Exception {
        Path work = Files.createTempDirectory("railyard-bench");
        Path plan = work.resolve("railyard.yaml");
        Files.writeString(plan, Examples.text("hetzner-medium"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String benchClasses = Path.of(Hello.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();

        System.out.println("  railyard.jar on this JDK (" + System.getProperty("java.version") + "):");
        compare(work, List.of(java, "-cp", benchClasses, Hello.class.getName()),
                List.of(java, "-jar", jar.toString()), plan);

        Path install = Path.of(System.getProperty("railyard.installDir", "/opt/railyard"));
        Path command = install.resolve("bin/railyard-cli");
        Path runtimeJava = install.resolve("lib/runtime/bin/java");
        if (Files.isExecutable(command) && Files.isExecutable(runtimeJava)) {
            System.out.println("  the installed railyard command (" + command + ", its runtime, and its AppCDS archive if it ships one):");
            compare(work, List.of(runtimeJava.toString(), "-cp", benchClasses, Hello.class.getName()), List.of(command.toString()), plan);
        } else {
            System.out.println("  the installed railyard command: not measured, nothing installed at " + install
                    + " (installers/linux/smoke-test.sh --keep installs it)");
        }
    }

    private static void compare(Path work, List<String> hello, List<String> railyard, Path plan) throws Exception {
        List<String> version = concat(railyard, "--version");
        List<String> generate = concat(railyard, "generate", plan.toString(), "-o", work.resolve("out").toString());
        // warm the page cache once
        time(hello, work);
        time(generate, work);
        long[] h = new long[RUNS], v = new long[RUNS], g = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            h[i] = time(hello, work);
            v[i] = time(version, work);
            g[i] = time(generate, work);
        }
        double mh = median(h), mv = median(v), mg = median(g);
        System.out.printf("    bare JVM hello            median %6.0f ms   (baseline)%n", mh);
        System.out.printf("    railyard --version        median %6.0f ms   %5.2fx hello, aim <= %.2fx: %s%n",
                mv, mv / mh, VERSION_AIM, verdict(mv / mh, VERSION_AIM));
        System.out.printf("    railyard generate medium  median %6.0f ms   %5.2fx hello, aim <= %.2fx: %s%n",
                mg, mg / mh, GENERATE_AIM, verdict(mg / mh, GENERATE_AIM));
    }

    static String verdict(double ratio, double aim) {
        return ratio <= aim ? "met" : "MISSED";
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    private static long time(List<String> cmd, Path dir) throws IOException, InterruptedException {
        long start = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd)).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(cmd + " took over 60 s");
        }
        if (p.exitValue() != 0) throw new IllegalStateException(cmd + " exited " + p.exitValue());
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
