package dev.railyard.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated tree of every bundled example, byte for byte, against src/test/resources/golden/.
 * Regenerate after an intended change with:
 * {@code ./mvnw -q test -Dtest=GoldenFilesTest -Dgolden.update=true}; it prints what it changed as a
 * diff (review it, and the git diff, before committing). Under CI (env {@code CI} set) the update is
 * refused: there the golden files are only ever compared.
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
            refuseUnderCi(System.getenv());
            String diff = diff(golden, files);
            System.err.println(diff.isEmpty() ? "golden files of " + name + ": unchanged"
                    : "golden files of " + name + " rewritten:\n" + diff);
            Exporter.deleteTree(golden);
            for (GeneratedFile f : files) {
                Path p = golden.resolve(f.path());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.content(), StandardCharsets.UTF_8);
            }
            return; // comparing the files just written with themselves would prove nothing
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

    @Test
    void updatingIsRefusedUnderCi() {
        assertThatThrownBy(() -> refuseUnderCi(Map.of("CI", "true"))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("golden.update").hasMessageContaining("CI");
        refuseUnderCi(Map.of("CI", ""));
        refuseUnderCi(Map.of());
    }

    @Test
    void theUpdatesDiffNamesEachAddedRemovedAndChangedLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kept.txt"), "same\n");
        Files.writeString(dir.resolve("changed.txt"), "one\ntwo\nthree\n");
        Files.writeString(dir.resolve("gone.txt"), "bye\n");

        String diff = diff(dir, List.of(new GeneratedFile("kept.txt", "same\n", false, false), new GeneratedFile("changed.txt", "one\n2\nthree\nfour\n", false, false),
                new GeneratedFile("new.txt", "hello\n", false, false)));

        assertThat(diff).contains("--- changed.txt").contains("-2: two").contains("+2: 2").contains("+4: four")
                .doesNotContain(": one").contains("removed: gone.txt").contains("added: new.txt").contains("+1: hello")
                .doesNotContain("kept.txt");
    }

    static void refuseUnderCi(Map<String, String> env) {
        String ci = env.get("CI");
        if (ci != null && !ci.isEmpty()) {
            fail("-Dgolden.update=true is refused under CI (CI=" + ci + "): CI only compares the golden files; regenerate them on"
                    + " your machine with ./mvnw -q test -Dtest=GoldenFilesTest -Dgolden.update=true and commit the reviewed diff");
        }
    }

    /** What rewriting {@code golden} with {@code files} changes, file by file and line by line ("" when nothing). */
    static String diff(Path golden, List<GeneratedFile> files) throws IOException {
        StringBuilder out = new StringBuilder();
        TreeSet<String> old = Files.isDirectory(golden) ? relativeFiles(golden) : new TreeSet<>();
        for (GeneratedFile f : files.stream().sorted(java.util.Comparator.comparing(GeneratedFile::path)).toList()) {
            boolean existed = old.remove(f.path());
            String before = existed ? Files.readString(golden.resolve(f.path()), StandardCharsets.UTF_8) : "";
            if (existed && before.equals(f.content())) continue;
            out.append(existed ? "--- " + f.path() : "added: " + f.path()).append('\n');
            out.append(lineDiff(before, f.content()));
        }
        old.forEach(gone -> out.append("removed: ").append(gone).append('\n'));
        return out.toString();
    }

    /** A longest-common-subsequence line diff: "-N: line" from the old text, "+N: line" from the new one. */
    static String lineDiff(String before, String after) {
        String[] a = before.isEmpty() ? new String[0] : before.split("\n", -1);
        String[] b = after.isEmpty() ? new String[0] : after.split("\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                i++;
                j++;
            } else if (j < b.length && (i == a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
                out.append('+').append(j + 1).append(": ").append(b[j++]).append('\n');
            } else {
                out.append('-').append(i + 1).append(": ").append(a[i++]).append('\n');
            }
        }
        return out.toString();
    }

    private static TreeSet<String> relativeFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
