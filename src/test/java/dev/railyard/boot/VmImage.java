package dev.railyard.boot;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Debian 12 guest the boot tests run on: root file system (raw ext4), kernel and initrd, built by
 * {@code src/test/resources/boot/build-image.sh} from {@code guest-packages.txt} and kept in a cache
 * outside {@code target/} (so {@code mvn clean} keeps it): {@code -Drailyard.vm.cache=DIR}, else
 * {@code $RAILYARD_VM_CACHE}, else {@code ~/.cache/railyard-vm}. The cache key is the SHA-256 of the
 * package list and the build script, and for a variant (a directory under {@code variants/} whose
 * {@code customize.sh} the build runs on the root file system) the variant's name and files: changing any
 * of them builds a new image, and each variant is built once and cached beside the plain image.
 */
public record VmImage(Path rootImage, Path kernel, Path initrd, String key) {

    private static final Logger LOG = LoggerFactory.getLogger(VmImage.class);
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(15);

    /** The plain Debian 12 image, built unless the cache has it. */
    public static VmImage cached() {
        return cached(null);
    }

    /**
     * The image with {@code variant} ({@code src/test/resources/boot/variants/VARIANT/}) applied, or the plain one
     * when null; built unless the cache has it, one build at a time even when test classes ask at once.
     */
    public static synchronized VmImage cached(String variant) {
        Path resources = projectDir().resolve("src/test/resources/boot");
        Path packages = resources.resolve("guest-packages.txt");
        Path script = resources.resolve("build-image.sh");
        Path variantDir = variant == null ? null : resources.resolve("variants").resolve(variant);
        if (variantDir != null && !Files.isRegularFile(variantDir.resolve("customize.sh"))) {
            throw new IllegalArgumentException("no image variant " + variant + ": " + variantDir.resolve("customize.sh") + " is missing");
        }
        String key = key(packages, script, variant, variantDir);
        String name = variant == null ? "bookworm-" + key : "bookworm-" + variant + "-" + key;
        Path dir = cacheDir().resolve(name);
        VmImage image = new VmImage(dir.resolve("root.img"), dir.resolve("vmlinuz"), dir.resolve("initrd.img"), key);
        if (Files.isRegularFile(image.rootImage()) && Files.isRegularFile(image.kernel()) && Files.isRegularFile(image.initrd())) {
            LOG.info("boot tests: reusing the guest image {}", dir);
            return image;
        }
        Tools.require("mmdebstrap", "mkfs.ext4");
        long start = System.nanoTime();
        LOG.info("boot tests: building the guest image into {} (about 90 s and 140 MB of Debian packages)", dir);
        try {
            Files.createDirectories(dir.getParent());
            Path log = dir.getParent().resolve(name + ".build.log");
            List<String> command = new ArrayList<>(List.of("bash", script.toString(), packages.toString(), dir.toString()));
            if (variantDir != null) command.add(variantDir.toString());
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("building the guest image took over " + BUILD_TIMEOUT.toMinutes() + " min; see " + log);
            }
            if (p.exitValue() != 0) {
                fail("building the guest image failed (exit " + p.exitValue() + "); see " + log + ":\n" + tail(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        LOG.info("boot tests: guest image built in {} s", (System.nanoTime() - start) / 1_000_000_000);
        BootTimings.record("image build" + (variant == null ? "" : " (" + variant + ")"), System.nanoTime() - start);
        return image;
    }

    static Path cacheDir() {
        String configured = System.getProperty("railyard.vm.cache", System.getenv("RAILYARD_VM_CACHE"));
        if (configured != null && !configured.isBlank()) return Path.of(configured).toAbsolutePath();
        return Path.of(System.getProperty("user.home"), ".cache", "railyard-vm");
    }

    static Path projectDir() {
        return Path.of(System.getProperty("railyard.projectDir", ".")).toAbsolutePath();
    }

    private static String key(Path packages, Path script, String variant, Path variantDir) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Files.readAllBytes(packages));
            sha.update((byte) 0);
            sha.update(Files.readAllBytes(script));
            if (variantDir != null) {
                sha.update((byte) 0);
                sha.update(variant.getBytes(StandardCharsets.UTF_8));
                try (var files = Files.list(variantDir)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        sha.update((byte) 0);
                        sha.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                        sha.update((byte) 0);
                        sha.update(Files.readAllBytes(file));
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
