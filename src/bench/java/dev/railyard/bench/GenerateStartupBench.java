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
 * Whole-process time of {@code java -jar railyard.jar generate} against a bare JVM hello started the
 * same way ({@code java -cp ... Main}), interleaved in the same run so machine load affects both.
 * Aim: generate at most 3x the bare hello.
 */
public final class GenerateStartupBench implements BenchMain.Benchmark {

    private static final int RUNS = 11;

    @Override
    public String name() {
        return "generate start-up";
    }

    @Override
    public void run(Path jar) throws Exception {
        Path work = Files.createTempDirectory("railyard-bench");
        Path plan = work.resolve("railyard.yaml");
        Files.writeString(plan, Examples.text("hetzner-medium"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String benchClasses = Path.of(Hello.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();

        List<String> hello = List.of(java, "-cp", benchClasses, Hello.class.getName());
        List<String> version = List.of(java, "-jar", jar.toString(), "--version");
        List<String> generate = List.of(java, "-jar", jar.toString(), "generate", plan.toString(), "-o", work.resolve("out").toString());

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
        System.out.printf("  bare JVM hello            median %6.0f ms%n", mh);
        System.out.printf("  railyard --version        median %6.0f ms  (%.2fx hello)%n", mv, mv / mh);
        System.out.printf("  railyard generate medium  median %6.0f ms  (%.2fx hello, aim <= 3.00x)%n", mg, mg / mh);
    }

    private static long time(List<String> cmd, Path dir) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
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
