package dev.railyard.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated tree of every bundled example, byte for byte, against src/test/resources/golden/.
 * Regenerate after an intended change with:
 * {@code ./mvnw -q test -Dtest=GoldenFilesTest -Dgolden.update=true} and review the diff.
 */
class GoldenFilesTest {

    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static Stream<String> exampleNames() {
        return Examples.ALL.stream().map(Examples.Example::name);
    }

    @ParameterizedTest
    @MethodSource("exampleNames")
    void generatesExactlyTheGoldenFilesForExample(String name) throws Exception {
        List<GeneratedFile> files = Generator.standard(Catalog.bundled())
                .generate(Examples.load(new PlanFormat(), name), Optional.empty());
        Path golden = Path.of(System.getProperty("railyard.projectDir", "."), "src/test/resources/golden", name);
        if (UPDATE) {
            Exporter.deleteTree(golden);
            for (GeneratedFile f : files) {
                Path p = golden.resolve(f.path());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.content(), StandardCharsets.UTF_8);
            }
        }
        assertThat(Files.isDirectory(golden))
                .as("golden files for %s missing; create them with -Dgolden.update=true", name).isTrue();
        TreeSet<String> generated = files.stream().map(GeneratedFile::path).collect(Collectors.toCollection(TreeSet::new));
        assertThat((Iterable<String>) generated)
                .as("files generated for %s", name)
                .isEqualTo(relativeFiles(golden));
        for (GeneratedFile f : files) {
            assertThat(f.content()).as("%s/%s differs from its golden file (regenerate with -Dgolden.update=true if intended)", name, f.path())
                    .isEqualTo(Files.readString(golden.resolve(f.path()), StandardCharsets.UTF_8));
        }
    }

    private static TreeSet<String> relativeFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
