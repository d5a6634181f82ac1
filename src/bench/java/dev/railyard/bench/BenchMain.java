package dev.railyard.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs Railyard's benchmarks ({@code ./mvnw -Pbench verify}). Each prints its figures and the ratio
 * to a baseline measured in the same run; none is a pass/fail test.
 */
public final class BenchMain {

    /** One benchmark; {@code jar} is the packaged railyard.jar. */
    public interface Benchmark {
        String name();

        void run(Path jar) throws Exception;
    }

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "target/railyard.jar");
        List<Benchmark> benchmarks = List.of(new GenerateStartupBench(), new HealthBench(), new LogViewBench(), new StartupBench());
        // -Drailyard.bench=LogView runs the benchmarks whose class name contains that, to measure one thing at a time
        String only = System.getProperty("railyard.bench", "").toLowerCase(java.util.Locale.ROOT);
        for (Benchmark b : benchmarks) {
            if (!b.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT).contains(only)) continue;
            System.out.println("== " + b.name());
            b.run(jar);
        }
    }
}
