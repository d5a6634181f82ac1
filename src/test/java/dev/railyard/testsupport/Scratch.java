package dev.railyard.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A temporary folder for code that cannot take JUnit's {@code @TempDir} (jqwik's lifecycle methods), removed
 * with everything in it when closed: the tests left a folder of generated Terraform and scripts in /tmp on
 * every run.
 */
public record Scratch(Path dir) implements AutoCloseable {

    public static Scratch create(String prefix) throws IOException {
        return new Scratch(Files.createTempDirectory(prefix));
    }

    public Path resolve(String name) {
        return dir.resolve(name);
    }

    @Override
    public void close() throws IOException {
        if (!Files.exists(dir)) return;
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) Files.deleteIfExists(p);
    }
}
