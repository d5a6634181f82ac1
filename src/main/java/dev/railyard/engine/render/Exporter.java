package dev.railyard.engine.render;

import dev.railyard.engine.plan.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a generated tree to a folder atomically: everything goes into a temporary folder beside the
 * target, then the folder is swapped in, so a reader sees the old tree or the new one, never half.
 * A folder Railyard did not write is never replaced unless the caller forces it.
 */
public final class Exporter {

    /** Marks a folder as Railyard's; holds the list of files so a reviewer sees what belongs to the export. */
    public static final String MARKER = ".railyard-export";

    /**
     * What Terraform and the runner leave in an export, which a re-export must carry over: losing the
     * state file would orphan every server the cluster runs on.
     */
    static final List<String> KEPT_ACROSS_EXPORTS = List.of(
            "terraform/terraform.tfstate", "terraform/terraform.tfstate.backup", "terraform/.terraform.lock.hcl",
            "terraform/.terraform", "terraform/tfplan");

    /** Thrown when the target holds files Railyard did not write. */
    public static final class RefusedOverwrite extends IOException {
        public RefusedOverwrite(Path dir) {
            super(dir + " already holds files that Railyard did not write; choose an empty folder or pass --force to replace it");
        }
    }

    public void export(List<GeneratedFile> files, Path target, boolean force) throws IOException {
        Path dir = target.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException(dir + " is a file, not a folder");
        }
        if (Files.isDirectory(dir) && !isEmpty(dir) && !Files.exists(dir.resolve(MARKER)) && !force) {
            throw new RefusedOverwrite(dir);
        }
        Path parent = dir.getParent();
        Files.createDirectories(parent);
        String stamp = ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path staging = parent.resolve("." + dir.getFileName() + ".new-" + stamp);
        Path old = parent.resolve("." + dir.getFileName() + ".old-" + stamp);
        try {
            Files.createDirectory(staging);
            for (GeneratedFile f : files) {
                write(staging, f);
            }
            write(staging, GeneratedFile.text(MARKER, marker(files)));
            if (Files.exists(dir)) {
                carryOver(dir, staging);
                Files.move(dir, old);
            }
            try {
                Files.move(staging, dir);
            } catch (IOException e) {
                if (Files.exists(old)) Files.move(old, dir);
                throw e;
            }
        } finally {
            deleteTree(staging);
            deleteTree(old);
        }
    }

    /**
     * Every state file Terraform may leave beside the fixed names: timestamped backups
     * ({@code terraform.tfstate.<n>.backup}), the lock info of a run, and workspaces' {@code terraform.tfstate.d/}.
     */
    static boolean isTerraformState(String fileName) {
        return fileName.startsWith("terraform.tfstate") || fileName.equals(".terraform.tfstate.lock.info");
    }

    private static void carryOver(Path from, Path to) throws IOException {
        List<String> kept = new java.util.ArrayList<>(KEPT_ACROSS_EXPORTS);
        Path terraform = from.resolve("terraform");
        if (Files.isDirectory(terraform)) {
            try (Stream<Path> entries = Files.list(terraform)) {
                entries.map(p -> p.getFileName().toString()).filter(Exporter::isTerraformState)
                        .map(name -> "terraform/" + name).filter(p -> !kept.contains(p)).sorted().forEach(kept::add);
            }
        }
        carryOver(from, to, kept);
    }

    private static void carryOver(Path from, Path to, List<String> keptPaths) throws IOException {
        for (String kept : keptPaths) {
            Path source = from.resolve(kept);
            if (!Files.exists(source, java.nio.file.LinkOption.NOFOLLOW_LINKS)) continue;
            Path target = to.resolve(kept);
            Files.createDirectories(target.getParent());
            Files.move(source, target);
        }
    }

    private static void write(Path root, GeneratedFile f) throws IOException {
        Path file = root.resolve(f.path()).normalize();
        if (!file.startsWith(root)) throw new IOException("refusing to write outside the export: " + f.path());
        Files.createDirectories(file.getParent());
        Files.write(file, f.bytes());
        if (AtomicFiles.isPosix()) {
            String mode = f.secret() ? (f.executable() ? "rwx------" : "rw-------") : (f.executable() ? "rwxr-xr-x" : "rw-r--r--");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        }
    }

    private static String marker(List<GeneratedFile> files) {
        StringBuilder sb = new StringBuilder("# Written by Railyard. Files in this export (regenerated as a whole):\n");
        files.forEach(f -> sb.append(f.path()).append(f.secret() ? "  (0600)" : "").append('\n'));
        return sb.toString();
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (DirectoryNotEmptyException e) {
                    throw new UncheckedIOException(e);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Reads a written export back (for tests and the UI's "compare with CLI"). */
    public static String read(Path dir, String path) throws IOException {
        return Files.readString(dir.resolve(path), StandardCharsets.UTF_8);
    }
}
