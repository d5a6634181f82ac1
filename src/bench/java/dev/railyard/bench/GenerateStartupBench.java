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
 * is installed, the installed {@code railyard} command (the sh script /usr/bin/railyard links to, its
 * jlinked runtime and AppCDS archive, as a user runs it) and the jpackage launcher it replaced against
 * hello on that same runtime. Aims (issue 17): generate at most 3x hello,
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
                List.of(new Command("railyard", List.of(java, "-jar", jar.toString()))), plan);

        Path install = Path.of(System.getProperty("railyard.installDir", "/opt/railyard"));
        Path script = install.resolve("bin/railyard");
        Path launcher = install.resolve("bin/railyard-cli");
        Path runtimeJava = install.resolve("lib/runtime/bin/java");
        if (Files.isExecutable(script) && Files.isExecutable(launcher) && Files.isExecutable(runtimeJava)) {
            // the command on PATH (/usr/bin/railyard links to bin/railyard, a sh script running the
            // runtime's java), and interleaved with it the jpackage launcher it replaced, which asks
            // dpkg/rpm which package owns it before Java starts; both with the CLI's AppCDS archive
            // if the package ships one
            System.out.println("  the installed railyard command (" + script + ", its runtime, its AppCDS archive if it ships one),"
                    + " and the jpackage launcher " + launcher.getFileName() + " it replaced:");
            compare(work, List.of(runtimeJava.toString(), "-cp", benchClasses, Hello.class.getName()),
                    List.of(new Command("railyard", List.of(script.toString())),
                            new Command("railyard-cli", List.of(launcher.toString()))), plan);
        } else {
            System.out.println("  the installed railyard command: not measured, no " + script + ", " + launcher + " and "
                    + runtimeJava + " (apt-get install ./target/jpackage/dist/railyard_*.deb, or installers/linux/smoke-test.sh --keep)");
        }
    }

    /** A command line to time, with its name in the report. */
    private record Command(String name, List<String> cmd) {}

    private static void compare(Path work, List<String> hello, List<Command> commands, Path plan) throws Exception {
        int n = commands.size();
        List<List<String>> versions = new ArrayList<>(), generates = new ArrayList<>();
        for (Command c : commands) {
            versions.add(concat(c.cmd(), "--version"));
            generates.add(concat(c.cmd(), "generate", plan.toString(), "-o", work.resolve("out").toString()));
        }
        // warm the page cache once
        time(hello, work);
        for (List<String> g : generates) time(g, work);
        long[] h = new long[RUNS];
        long[][] v = new long[n][RUNS], g = new long[n][RUNS];
        for (int i = 0; i < RUNS; i++) {
            h[i] = time(hello, work);
            // the commands' order turns every round, so that none always runs right after hello
            for (int k = 0; k < n; k++) {
                int c = (i + k) % n;
                v[c][i] = time(versions.get(c), work);
                g[c][i] = time(generates.get(c), work);
            }
        }
        double mh = median(h);
        System.out.printf("    bare JVM hello                median %6.0f ms   (baseline)%n", mh);
        for (int c = 0; c < n; c++) {
            String name = commands.get(c).name();
            double mv = median(v[c]), mg = median(g[c]);
            System.out.printf("    %-29s median %6.0f ms   %5.2fx hello, aim <= %.2fx: %s%n",
                    name + " --version", mv, mv / mh, VERSION_AIM, verdict(mv / mh, VERSION_AIM));
            System.out.printf("    %-29s median %6.0f ms   %5.2fx hello, aim <= %.2fx: %s%n",
                    name + " generate medium", mg, mg / mh, GENERATE_AIM, verdict(mg / mh, GENERATE_AIM));
        }
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
