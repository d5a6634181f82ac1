package dev.railyard.engine.ssh;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Which server keys Railyard accepts. By default only keys known in advance: for cloud servers the
 * keys Railyard generated and handed to cloud-init ({@link HostKeys}); for existing servers the keys
 * the user confirmed. Trust on first use exists only as an explicit choice, and shows the fingerprint.
 */
public final class HostKeyPolicy {

    private final List<byte[]> known;
    private final Consumer<String> firstUseNotice;

    private HostKeyPolicy(List<byte[]> known, Consumer<String> firstUseNotice) {
        this.known = known;
        this.firstUseNotice = firstUseNotice;
    }

    /** Accepts only these keys, given as OpenSSH public key lines ("ssh-ed25519 AAAA..."). */
    public static HostKeyPolicy knownKeys(List<String> publicKeyLines) {
        if (publicKeyLines.isEmpty()) throw new IllegalArgumentException("knownKeys: at least one host key is needed");
        return new HostKeyPolicy(publicKeyLines.stream().map(PublicKeys::wire).toList(), null);
    }

    /**
     * Accepts whatever key the server shows, once, and reports its fingerprint to {@code notice} so the
     * person can compare it with the server's console. Only for a caller that asked the user.
     */
    public static HostKeyPolicy trustOnFirstUse(Consumer<String> notice) {
        return new HostKeyPolicy(List.of(), notice);
    }

    public boolean isTrustOnFirstUse() {
        return firstUseNotice != null;
    }

    /** Null when accepted, otherwise the reason to refuse (names host, port and both fingerprints). */
    String check(String host, int port, PublicKey presented) {
        return check(host, port, PublicKeys.wire(presented));
    }

    /** As {@link #check(String, int, PublicKey)}, for a key in its SSH wire form (what a connector without sshj sees). */
    public String check(String host, int port, byte[] wire) {
        if (firstUseNotice != null) {
            firstUseNotice.accept("trusting " + host + ":" + port + " on first use: " + PublicKeys.type(wire) + " "
                    + PublicKeys.fingerprint(wire));
            return null;
        }
        for (byte[] k : known) {
            if (Arrays.equals(k, wire)) return null;
        }
        return "the SSH host key of " + host + ":" + port + " is not the one Railyard expected: the server showed "
                + PublicKeys.type(wire) + " " + PublicKeys.fingerprint(wire) + ", expected "
                + String.join(" or ", known.stream().map(k -> PublicKeys.type(k) + " " + PublicKeys.fingerprint(k)).toList())
                + ". Railyard did not connect. If the server was rebuilt, export the plan again; otherwise someone may"
                + " be intercepting the connection";
    }
}
