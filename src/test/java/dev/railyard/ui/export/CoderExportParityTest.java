package dev.railyard.ui.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.cli.RailyardCli;
import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.Generator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Coder plan exported by the app (its {@link EngineExporter}) and by {@code railyard generate} gives the
 * same tree, byte for byte and mode for mode; only the files that hold secrets or their placeholders are 0600.
 */
class CoderExportParityTest {

    @ParameterizedTest
    @ValueSource(strings = {"hetzner-small-coder", "existing-raspberry-pi-tailscale-coder"})
    void appAndCliExportTheSameBytesAndModes(String example, @TempDir Path temp) throws Exception {
        PlanFormat format = new PlanFormat();
        ClusterPlan plan = Examples.load(format, example);
        Path saved = temp.resolve("railyard.yaml");
        format.save(plan, saved);

        Generator generator = Generator.standard(Catalog.bundled());
        new EngineExporter(generator).export(format.read(saved), temp.resolve("app"));
        StringWriter out = new StringWriter();
        int code = RailyardCli.run(new String[] {"generate", saved.toString(), "-o", temp.resolve("cli").toString()},
                new PrintWriter(out), new PrintWriter(out));
        assertThat(code).as(out.toString()).isZero();

        Map<String, String> app = tree(temp.resolve("app"));
        assertThat(app).isNotEmpty().isEqualTo(tree(temp.resolve("cli")));
        assertThat(app.keySet()).anyMatch(p -> p.startsWith("coder/")).noneMatch(p -> p.startsWith("gitpod/"));

        for (GeneratedFile f : generator.generate(plan, Optional.empty())) {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(temp.resolve("app").resolve(f.path()));
            boolean ownerOnly = !mode.contains(PosixFilePermission.GROUP_READ) && !mode.contains(PosixFilePermission.OTHERS_READ);
            assertThat(ownerOnly).as("%s is 0600 exactly when it holds secrets (%s)", f.path(), mode).isEqualTo(f.secret());
        }
    }

    /** Path to mode and content of every file (the export marker included: both writers leave one). */
    private static Map<String, String> tree(Path dir) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString().replace('\\', '/'),
                        Files.getPosixFilePermissions(p) + "\n" + Files.readString(p));
            }
        }
        return files;
    }
}
