package dev.railyard.engine.project;

import dev.railyard.engine.plan.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The plans a person opened or saved lately, newest first, one absolute path a line. */
public final class RecentProjects {

    public static final int MAX = 10;
    private final Path file;

    public RecentProjects(Path file) {
        this.file = file;
    }

    public List<Path> list() {
        if (!Files.isRegularFile(file)) return List.of();
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(s -> !s.isBlank()).map(Path::of).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    public void add(Path plan) {
        Path abs = plan.toAbsolutePath().normalize();
        List<Path> paths = new ArrayList<>(list());
        paths.remove(abs);
        paths.add(0, abs);
        while (paths.size() > MAX) paths.remove(paths.size() - 1);
        StringBuilder text = new StringBuilder();
        for (Path p : paths) text.append(p).append('\n');
        try {
            AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
