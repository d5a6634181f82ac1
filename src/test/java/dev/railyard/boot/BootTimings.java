package dev.railyard.boot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Measured durations of the boot suite, logged and appended to {@code target/boot-timings.txt}. */
final class BootTimings {

    private static final Logger LOG = LoggerFactory.getLogger(BootTimings.class);

    private BootTimings() {}

    static void record(String what, long nanos) {
        String line = String.format(Locale.ROOT, "%-60s %7.1f s", what, nanos / 1e9);
        LOG.info("boot tests: {}", line);
        Path file = VmImage.projectDir().resolve("target/boot-timings.txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("cannot write {}: {}", file, e.getMessage());
        }
    }
}
