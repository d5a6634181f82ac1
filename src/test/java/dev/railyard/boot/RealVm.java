package dev.railyard.boot;

import static org.junit.jupiter.api.Assertions.fail;

import dev.railyard.engine.ssh.HostKeyPolicy;
import dev.railyard.engine.ssh.HostKeys;
import dev.railyard.engine.ssh.SshFailure;
import dev.railyard.engine.ssh.SshSession;
import dev.railyard.engine.ssh.SshSessions;
import dev.railyard.engine.ssh.SshTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real Linux guest for the boot tests: QEMU with software emulation ({@code -accel tcg}; this
 * machine kind's nested KVM is hundreds of times slower), the cached {@link VmImage} under a
 * throw-away qcow2 overlay, a NoCloud seed volume labelled {@code cidata}, and two user-mode
 * networks that reach nothing outside this machine ({@code restrict=on}): a public one whose guest
 * ports are forwarded to 127.0.0.1, and a private one in the plan's private network. SSH goes through
 * Railyard's own {@link SshSessions} with a pinned host key, so a guest presenting any other key
 * fails the test.
 */
public final class RealVm implements AutoCloseable {

    /** The guest's address on the private network (inside the test plans' privateCidr 10.0.0.0/16). */
    public static final String PRIVATE_ADDRESS = "10.0.1.5";
    /** Hetzner's name for a cloud server's private interface; the seed's network config gives it to the second NIC. */
    public static final String PRIVATE_INTERFACE = "ens10";
    static final String PUBLIC_MAC = "52:54:00:76:00:10";
    static final String PRIVATE_MAC = "52:54:00:10:01:10";

    /** Lines the seed's vendor data prints to the serial console for a failure message (see BootSeeds.vendorData). */
    static final String DIAGNOSTIC = "railyard-boot-test:";
    /** cloud-init's last line on the console when it is done with a boot. */
    private static final String CLOUD_INIT_FINISHED = "Cloud-init v. ";
    /** How long SSH may stay silent after cloud-init finished before the test gives up on this boot. */
    private static final Duration SSH_AFTER_CLOUD_INIT = Duration.ofMinutes(3);

    private static final Logger LOG = LoggerFactory.getLogger(RealVm.class);
    // generous: the boot tests run their guests at the same time, on 2 cores shared with the build
    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(20);

    /** The NoCloud seed's files; vendorData may be null. */
    public record Seed(String userData, String metaData, String networkConfig, String vendorData) {}

    /** A command's exit status and its output (stdout and stderr interleaved). */
    public record Result(int exit, String output) {}

    private final String name;
    private final Path dir;
    private final Process qemu;
    private final Map<Integer, Integer> forwards;
    private final Path identity;
    private final String user;
    private final long started;

    private RealVm(String name, Path dir, Process qemu, Map<Integer, Integer> forwards, Path identity, String user, long started) {
        this.name = name;
        this.dir = dir;
        this.qemu = qemu;
        this.forwards = forwards;
        this.identity = identity;
        this.user = user;
        this.started = started;
    }

    /**
     * Boots the image with {@code seed}. {@code guestPorts} are forwarded from 127.0.0.1; {@code kernelArgs}
     * are appended to the kernel command line (how a test makes the Debian guest behave like Ubuntu).
     * {@code admin} is the key the seed's meta-data authorises for {@code user}.
     */
    public static RealVm boot(String name, VmImage image, Seed seed, List<Integer> guestPorts, List<String> kernelArgs,
            String user, HostKeys admin) {
        Tools.require("qemu-system-x86_64", "qemu-img", "genisoimage");
        try {
            Path dir = Files.createDirectories(VmImage.projectDir().resolve("target/boot")).resolve(name);
            deleteRecursively(dir);
            Files.createDirectories(dir);
            Path identity = dir.resolve("admin_ed25519");
            Files.writeString(identity, admin.privateKeyPem());
            Files.setPosixFilePermissions(identity, PosixFilePermissions.fromString("rw-------"));
            Path overlay = dir.resolve("disk.qcow2");
            run(dir, List.of("qemu-img", "create", "-q", "-f", "qcow2", "-b", image.rootImage().toString(), "-F", "raw", overlay.toString()));
            Path seedDir = Files.createDirectories(dir.resolve("seed"));
            Files.writeString(seedDir.resolve("user-data"), seed.userData());
            Files.writeString(seedDir.resolve("meta-data"), seed.metaData());
            Files.writeString(seedDir.resolve("network-config"), seed.networkConfig());
            List<String> iso = new ArrayList<>(List.of("genisoimage", "-quiet", "-output", dir.resolve("seed.iso").toString(),
                    "-volid", "cidata", "-joliet", "-rock", "user-data", "meta-data", "network-config"));
            if (seed.vendorData() != null) {
                Files.writeString(seedDir.resolve("vendor-data"), seed.vendorData());
                iso.add("vendor-data");
            }
            run(seedDir, iso);

            Map<Integer, Integer> forwards = new LinkedHashMap<>();
            StringBuilder hostfwd = new StringBuilder();
            for (int guestPort : guestPorts) {
                int hostPort = freePort();
                forwards.put(guestPort, hostPort);
                hostfwd.append(",hostfwd=tcp:127.0.0.1:").append(hostPort).append("-:").append(guestPort);
            }
            String append = String.join(" ", List.of("root=/dev/vda", "rw", "console=ttyS0", "net.ifnames=0"))
                    + (kernelArgs.isEmpty() ? "" : " " + String.join(" ", kernelArgs));
            List<String> command = List.of("qemu-system-x86_64", "-name", "railyard-" + name, "-accel", "tcg", "-m", "1536", "-smp", "2",
                    "-nodefaults", "-no-user-config", "-display", "none", "-monitor", "none",
                    "-serial", "file:" + dir.resolve("console.log"),
                    "-kernel", image.kernel().toString(), "-initrd", image.initrd().toString(), "-append", append,
                    "-drive", "file=" + overlay + ",if=virtio,format=qcow2",
                    "-drive", "file=" + dir.resolve("seed.iso") + ",if=virtio,format=raw,readonly=on",
                    "-netdev", "user,id=public,restrict=on,net=192.168.76.0/24" + hostfwd,
                    "-device", "virtio-net-pci,netdev=public,mac=" + PUBLIC_MAC,
                    "-netdev", "user,id=private,restrict=on,net=10.0.1.0/24",
                    "-device", "virtio-net-pci,netdev=private,mac=" + PRIVATE_MAC);
            Files.writeString(dir.resolve("qemu-command.txt"), String.join(" ", command) + "\n");
            LOG.info("boot tests: starting {} (console: {})", name, dir.resolve("console.log"));
            long started = System.nanoTime();
            Process qemu = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("qemu.log").toFile()).start();
            return new RealVm(name, dir, qemu, forwards, identity, user, started);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public int hostPort(int guestPort) {
        Integer port = forwards.get(guestPort);
        if (port == null) throw new IllegalArgumentException("guest port " + guestPort + " is not forwarded; forwarded: " + forwards.keySet());
        return port;
    }

    public Path identity() {
        return identity;
    }

    /** Connects once to the forwarded {@code guestPort}, checking the guest's host key with {@code policy}. */
    public SshSession connect(int guestPort, HostKeyPolicy policy) throws SshFailure {
        return new SshSessions(Duration.ofSeconds(20)).connect(
                new SshTarget(name, "127.0.0.1", hostPort(guestPort), user, identity), policy);
    }

    /**
     * Waits until sshd answers on one of {@code guestPorts} (tried in order) and accepts the admin key, then
     * until cloud-init has finished. Several ports: a guest whose sshd did not move is still reached (on 22),
     * so the test that checks the port is the one that fails, by name. A host key the policy refuses fails at
     * once: it will not change by waiting.
     */
    public SshSession awaitBooted(List<Integer> guestPorts, HostKeyPolicy policy, String what) {
        long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        long cloudInitFinished = 0;
        SshFailure last = null;
        while (System.nanoTime() < deadline) {
            if (!qemu.isAlive()) fail(name + ": QEMU exited (" + qemu.exitValue() + "); console:\n" + VmImage.tail(dir.resolve("console.log")));
            if (cloudInitFinished == 0 && consoleLines(CLOUD_INIT_FINISHED + "[^ ]+ finished at").size() > 0) cloudInitFinished = System.nanoTime();
            if (cloudInitFinished != 0 && System.nanoTime() - cloudInitFinished > SSH_AFTER_CLOUD_INIT.toNanos()) {
                fail(name + ": cloud-init finished, but " + SSH_AFTER_CLOUD_INIT.toMinutes() + " min later still no SSH on guest ports "
                        + guestPorts + " (last: " + (last == null ? "none" : last.getMessage()) + "); the guest said:\n"
                        + String.join("\n", consoleLines(DIAGNOSTIC + "|" + CLOUD_INIT_FINISHED + "|ssh")));
            }
            for (int guestPort : guestPorts) {
                try {
                    SshSession session = connect(guestPort, policy);
                    BootTimings.record(name + ": " + what + ", SSH answers on guest port " + guestPort, System.nanoTime() - started);
                    exec(session, "cloud-init status --wait >/dev/null 2>&1; true");
                    BootTimings.record(name + ": " + what + ", cloud-init finished", System.nanoTime() - started);
                    return session;
                } catch (SshFailure e) {
                    if (e.reason() == SshFailure.Reason.HOST_KEY_MISMATCH) {
                        fail(name + ": the guest presented a host key other than the one Railyard generated: " + e.getMessage());
                    }
                    last = e;
                }
            }
            sleep(Duration.ofSeconds(2));
        }
        fail(name + ": no SSH on guest ports " + guestPorts + " within " + BOOT_TIMEOUT.toMinutes() + " min (last: "
                + (last == null ? "none" : last.getMessage()) + "); console:\n" + VmImage.tail(dir.resolve("console.log")));
        throw new AssertionError("unreachable");
    }

    /** Reboots the guest from inside and waits for it to come back (a new boot id) on one of {@code guestPorts}. */
    public SshSession reboot(SshSession session, List<Integer> guestPorts, HostKeyPolicy policy) {
        String bootId = exec(session, "cat /proc/sys/kernel/random/boot_id").output().strip();
        exec(session, "sudo systemd-run --on-active=1 --timer-property=AccuracySec=100ms systemctl reboot");
        session.close();
        long rebootStarted = System.nanoTime();
        long deadline = rebootStarted + BOOT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            sleep(Duration.ofSeconds(3));
            for (int guestPort : guestPorts) {
                SshSession next = afterReboot(guestPort, policy, bootId);
                if (next != null) {
                    exec(next, "cloud-init status --wait >/dev/null 2>&1; true");
                    BootTimings.record(name + ": reboot until cloud-init finished", System.nanoTime() - rebootStarted);
                    return next;
                }
            }
        }
        fail(name + ": did not come back on guest ports " + guestPorts + " after a reboot; console:\n" + VmImage.tail(dir.resolve("console.log")));
        throw new AssertionError("unreachable");
    }

    /** A session on the guest when it answers with a boot id other than {@code oldBootId}; null otherwise. */
    private SshSession afterReboot(int guestPort, HostKeyPolicy policy, String oldBootId) {
        SshSession next = null;
        try {
            next = connect(guestPort, policy);
            if (!exec(next, "cat /proc/sys/kernel/random/boot_id").output().strip().equals(oldBootId)) return next;
        } catch (SshFailure e) {
            if (e.reason() == SshFailure.Reason.HOST_KEY_MISMATCH) fail(name + ": after the reboot: " + e.getMessage());
        } catch (RuntimeException e) {
            // the old boot going down under us: try again
        }
        if (next != null) next.close();
        return null;
    }

    /** Runs {@code command} in the guest; output of both streams, in order. */
    public static Result exec(SshSession session, String command) {
        StringBuilder out = new StringBuilder();
        try {
            int exit = session.exec(command, (error, line) -> {
                synchronized (out) {
                    out.append(line).append('\n');
                }
            });
            synchronized (out) {
                return new Result(exit, out.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name(session) + ": `" + command + "` failed: " + e.getMessage(), e);
        }
    }

    private static String name(SshSession session) {
        return session.target().name();
    }

    public Path console() {
        return dir.resolve("console.log");
    }

    /** The serial console's last 60 lines that match {@code regex} (somewhere in the line). */
    List<String> consoleLines(String regex) {
        Pattern pattern = Pattern.compile(regex);
        try {
            if (!Files.exists(console())) return List.of();
            String text = new String(Files.readAllBytes(console()), StandardCharsets.ISO_8859_1);
            List<String> lines = text.lines().filter(line -> pattern.matcher(line).find()).toList();
            return lines.subList(Math.max(0, lines.size() - 60), lines.size());
        } catch (IOException e) {
            return List.of("(cannot read " + console() + ": " + e.getMessage() + ")");
        }
    }

    /** Stops the guest (it is thrown away with its overlay) and records how long it ran. */
    @Override
    public void close() {
        qemu.destroy();
        try {
            if (!qemu.waitFor(10, TimeUnit.SECONDS)) qemu.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(dir.resolve("disk.qcow2"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", dir.resolve("disk.qcow2"), e.getMessage());
        }
        BootTimings.record(name + ": whole life of the guest", System.nanoTime() - started);
    }

    private static void run(Path dir, List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) fail(String.join(" ", command) + " failed: " + output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) return;
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
