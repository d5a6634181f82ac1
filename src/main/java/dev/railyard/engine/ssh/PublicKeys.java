package dev.railyard.engine.ssh;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import net.schmizz.sshj.common.Buffer;

/** SSH public keys in their wire form: compared byte for byte, shown as OpenSSH shows them. */
public final class PublicKeys {

    private PublicKeys() {}

    /** The SSH wire encoding of a key sshj gives us. */
    public static byte[] wire(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }

    /** The wire blob of an OpenSSH public key line ("ssh-ed25519 AAAA... comment"). */
    public static byte[] wire(String authorizedKeysLine) {
        String[] parts = authorizedKeysLine.trim().split("\\s+");
        if (parts.length < 2) throw new IllegalArgumentException("not an OpenSSH public key line: expected 'TYPE BASE64 [comment]'");
        return Base64.getDecoder().decode(parts[1]);
    }

    /** "SHA256:..." as {@code ssh-keygen -l} prints it. */
    public static String fingerprint(byte[] wire) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(wire);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }

    /** The key type inside a wire blob ("ssh-ed25519"). */
    public static String type(byte[] wire) {
        int length = ((wire[0] & 0xff) << 24) | ((wire[1] & 0xff) << 16) | ((wire[2] & 0xff) << 8) | (wire[3] & 0xff);
        return new String(wire, 4, length, StandardCharsets.US_ASCII);
    }
}
