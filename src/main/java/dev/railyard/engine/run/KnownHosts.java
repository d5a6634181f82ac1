package dev.railyard.engine.run;

import dev.railyard.engine.plan.AtomicFiles;
import dev.railyard.engine.ssh.HostKeyPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The host keys a run expects, in the run folder ({@code known_hosts}, OpenSSH's format with
 * {@code [address]:port}). Cloud servers: written before they exist, from the keys Railyard generated
 * for cloud-init. Existing servers: added after the user confirmed a fingerprint (trust on first use,
 * only when asked for); from then on every connection is checked against it.
 */
public final class KnownHosts {

    private final Path file;

    public KnownHosts(Path file) {
        this.file = file;
    }

    /** The words a failure because of an unknown host key starts with (the run screen offers to trust it). */
    public static final String UNKNOWN_KEY_MARK = "no known SSH host key for";

    public static String hostPattern(String address, int port) {
        return port == 22 ? address : "[" + address + "]:" + port;
    }

    public synchronized List<String> keysFor(String address, int port) throws IOException {
        if (!Files.exists(file)) return List.of();
        String pattern = hostPattern(address, port);
        List<String> keys = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] parts = line.trim().split("\\s+", 3);
            if (parts.length >= 3 && List.of(parts[0].split(",")).contains(pattern)) keys.add(parts[1] + " " + parts[2]);
        }
        return keys;
    }

    public synchronized void add(String address, int port, String publicKeyLine) throws IOException {
        String[] parts = publicKeyLine.trim().split("\\s+");
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        if (!text.isEmpty() && !text.endsWith("\n")) text += "\n";
        text += hostPattern(address, port) + " " + parts[0] + " " + parts[1] + "\n";
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8), false);
    }

    /**
     * Makes {@code publicKeyLine} the only key known for {@code address:port}: entries an earlier cluster left for
     * the same address (clouds hand out addresses again after a destroy) are dropped, other hosts' lines kept.
     * Returns whether the file changed.
     */
    public synchronized boolean pin(String address, int port, String publicKeyLine) throws IOException {
        String[] key = publicKeyLine.trim().split("\\s+");
        String pattern = hostPattern(address, port);
        String wanted = pattern + " " + key[0] + " " + key[1];
        List<String> kept = new ArrayList<>();
        boolean present = false;
        boolean changed = false;
        for (String line : Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.<String>of()) {
            String[] parts = line.trim().split("\\s+", 3);
            List<String> patterns = parts.length >= 3 ? new ArrayList<>(List.of(parts[0].split(","))) : List.of();
            if (!patterns.contains(pattern)) {
                kept.add(line);
            } else if (line.trim().equals(wanted) && !present) {
                kept.add(line);
                present = true;
            } else {
                // an older key for this address:port (or a duplicate): drop this address from the line
                patterns.remove(pattern);
                if (!patterns.isEmpty()) kept.add(String.join(",", patterns) + " " + parts[1] + " " + parts[2]);
                changed = true;
            }
        }
        if (!present) {
            kept.add(wanted);
            changed = true;
        }
        if (changed) AtomicFiles.write(file, (String.join("\n", kept) + "\n").getBytes(StandardCharsets.UTF_8), false);
        return changed;
    }

    /**
     * The policy for one host: its known keys; trust on first use (pinning what it saw) only when
     * {@code trustOnFirstUse}; otherwise a failure that says how to proceed.
     */
    public HostKeyPolicy policyFor(String address, int port, boolean trustOnFirstUse, Consumer<String> notice)
            throws IOException, StepFailedException {
        List<String> keys = keysFor(address, port);
        if (!keys.isEmpty()) return HostKeyPolicy.knownKeys(keys);
        if (trustOnFirstUse) return HostKeyPolicy.trustOnFirstUse(notice);
        throw new StepFailedException(UNKNOWN_KEY_MARK + " " + address + " port " + port + " in " + file
                + "; add the server's key there (ssh-keyscan on a trusted network, or compare `ssh-keygen -lf"
                + " /etc/ssh/ssh_host_ed25519_key.pub` on its console) or run again with --trust-on-first-use");
    }
}
