package dev.railyard.ui.export;

import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.AtomicFiles;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.PlanRenderer;
import dev.railyard.engine.render.RenderInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Renders the plan with the engine (no secret values: placeholders) into a temporary folder beside
 * the target and moves it into place, so a failed export leaves nothing half-written. Refuses a
 * target folder that already has files in it.
 */
public final class AtomicFolderExporter implements PlanExporter {

    private final PlanRenderer renderer;
    private final Catalog catalog;

    public AtomicFolderExporter(PlanRenderer renderer, Catalog catalog) {
        this.renderer = renderer;
        this.catalog = catalog;
    }

    @Override
    public List<String> export(ClusterPlan plan, Path folder) throws IOException {
        Path target = folder.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException("the folder " + target + " is not empty; choose an empty or new folder");
                }
            }
        }
        List<GeneratedFile> files = renderer.render(RenderInput.withoutSecrets(plan, catalog));
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".export-");
        try {
            for (GeneratedFile f : files) {
                Path out = tmp.resolve(f.path());
                Files.createDirectories(out.getParent());
                Files.write(out, f.bytes());
                if (AtomicFiles.isPosix()) {
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(
                            f.secret() ? (f.executable() ? "rwx------" : "rw-------") : f.executable() ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
            if (AtomicFiles.isPosix()) Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            if (Files.isDirectory(target)) Files.delete(target);
            AtomicFiles.move(tmp, target);
        } finally {
            if (Files.exists(tmp)) {
                try (Stream<Path> walk = Files.walk(tmp)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
                }
            }
        }
        return files.stream().map(GeneratedFile::path).toList();
    }
}
