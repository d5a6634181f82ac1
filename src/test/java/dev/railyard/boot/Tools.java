package dev.railyard.boot;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** The host tools the boot tests need; a missing one fails the test with the command that installs it. */
final class Tools {

    static final String INSTALL = "apt-get install -y --no-install-recommends qemu-system-x86 qemu-utils mmdebstrap"
            + " cloud-image-utils genisoimage e2fsprogs (or run `bash .ci/run --tools-only`)";

    private Tools() {}

    static void require(String... commands) {
        for (String command : commands) {
            if (find(command) == null) fail(command + " is missing, and the boot tests need it: " + INSTALL);
        }
    }

    static Path find(String command) {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin").split(":")) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) return candidate;
        }
        return null;
    }
}
