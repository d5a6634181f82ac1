package dev.railyard.engine.ssh;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * An SSH host key generated on the admin's machine before the server exists, so the first connection
 * is already verified (no trust on first use). The private half goes to the server through cloud-init
 * ({@code ssh_keys: {ed25519_private, ed25519_public}}, which makes cloud-init install it instead of
 * generating one); the public half is what {@link HostKeyPolicy#knownKeys} expects.
 *
 * <p>Ed25519 from the JDK (Java 15+), written in OpenSSH's own private key format, unencrypted, as
 * sshd reads it from {@code /etc/ssh/ssh_host_ed25519_key}.
 */
public record HostKeys(String publicKeyLine, String privateKeyPem) {

    @Override
    public String toString() {
        return "HostKeys[" + publicKeyLine + ", private key hidden]";
    }

    public String fingerprint() {
        return PublicKeys.fingerprint(PublicKeys.wire(publicKeyLine));
    }

    public static HostKeys generateEd25519(String comment) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] x509 = pair.getPublic().getEncoded();
            byte[] publicRaw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
            byte[] pkcs8 = pair.getPrivate().getEncoded();
            // PKCS#8 v1 of Ed25519 ends with OCTET STRING { OCTET STRING (32-byte seed) }
            byte[] seed = Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
            return fromRaw(publicRaw, seed, comment);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no Ed25519 (it is standard since Java 15)", e);
        }
    }

    /**
     * The key pair back from its private key file, as the secret store keeps it: OpenSSH's format carries the
     * public key unencrypted in its header, so nothing else needs storing. {@code comment} ends the public line.
     */
    public static HostKeys fromPrivateKey(String privateKeyPem, String comment) {
        String text = privateKeyPem.strip();
        String begin = "-----BEGIN OPENSSH PRIVATE KEY-----";
        String end = "-----END OPENSSH PRIVATE KEY-----";
        if (!text.startsWith(begin) || !text.endsWith(end)) {
            throw new IllegalArgumentException("not an OpenSSH private key: expected '" + begin + "' ... '" + end + "'");
        }
        ByteBuffer file = ByteBuffer.wrap(Base64.getMimeDecoder().decode(text.substring(begin.length(), text.length() - end.length())));
        byte[] magic = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
        byte[] head = new byte[magic.length];
        try {
            file.get(head);
            if (!Arrays.equals(head, magic)) throw new IllegalArgumentException("not an OpenSSH private key: no openssh-key-v1 header");
            readString(file); // cipher
            readString(file); // kdf
            readString(file); // kdf options
            if (file.getInt() != 1) throw new IllegalArgumentException("an OpenSSH host key file holds exactly one key");
            byte[] publicBlob = readString(file);
            if (!"ssh-ed25519".equals(PublicKeys.type(publicBlob))) {
                throw new IllegalArgumentException("expected an ssh-ed25519 key, found " + PublicKeys.type(publicBlob));
            }
            String publicLine = "ssh-ed25519 " + Base64.getEncoder().encodeToString(publicBlob) + (comment.isEmpty() ? "" : " " + comment);
            return new HostKeys(publicLine, privateKeyPem);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("not an OpenSSH private key: the file ends early", e);
        }
    }

    private static byte[] readString(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.getInt()];
        buffer.get(bytes);
        return bytes;
    }

    static HostKeys fromRaw(byte[] publicRaw, byte[] seed, String comment) {
        byte[] publicBlob = concat(string("ssh-ed25519"), string(publicRaw));
        String publicLine = "ssh-ed25519 " + Base64.getEncoder().encodeToString(publicBlob) + (comment.isEmpty() ? "" : " " + comment);

        int check = new SecureRandom().nextInt();
        ByteArrayOutputStream secret = new ByteArrayOutputStream();
        write(secret, uint32(check), uint32(check), string("ssh-ed25519"), string(publicRaw),
                string(concat(seed, publicRaw)), string(comment.getBytes(StandardCharsets.UTF_8)));
        for (int pad = 1; secret.size() % 8 != 0; pad++) secret.write(pad);

        ByteArrayOutputStream file = new ByteArrayOutputStream();
        write(file, "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII), string("none"), string("none"), string(new byte[0]),
                uint32(1), string(publicBlob), string(secret.toByteArray()));
        String body = Base64.getMimeEncoder(70, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(file.toByteArray());
        String pem = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + body + "\n-----END OPENSSH PRIVATE KEY-----\n";
        return new HostKeys(publicLine, pem);
    }

    private static byte[] string(String s) {
        return string(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] string(byte[] bytes) {
        return concat(uint32(bytes.length), bytes);
    }

    private static byte[] uint32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static void write(ByteArrayOutputStream out, byte[]... parts) {
        for (byte[] p : parts) out.writeBytes(p);
    }
}
