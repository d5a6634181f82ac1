package dev.railyard.engine.render;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One file of the generated tree. {@code path} is relative and uses '/'; {@code secret} files are
 * written 0600 (they hold credentials, or the placeholders for them); {@code executable} files 0700/0755.
 */
public record GeneratedFile(String path, String content, boolean secret, boolean executable) {

    public GeneratedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        if (path.startsWith("/") || path.contains("..") || path.contains("\\") || path.isBlank()) {
            throw new IllegalArgumentException("generated paths are relative and stay inside the export folder: " + path);
        }
    }

    public static GeneratedFile text(String path, String content) {
        return new GeneratedFile(path, content, false, false);
    }

    public static GeneratedFile secret(String path, String content) {
        return new GeneratedFile(path, content, true, false);
    }

    public static GeneratedFile script(String path, String content) {
        return new GeneratedFile(path, content, false, true);
    }

    public byte[] bytes() {
        return content.getBytes(StandardCharsets.UTF_8);
    }
}
