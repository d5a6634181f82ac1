package dev.railyard.engine.secrets;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.engine.plan.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets in one encrypted file, for machines without an OS keychain (servers, CI, Linux without a
 * Secret Service). Layout: magic "RYV1", 4-byte iteration count, 16-byte salt, 12-byte nonce, then
 * AES-256-GCM ciphertext of a JSON object name -> value. The key comes from the passphrase with
 * PBKDF2-HMAC-SHA256 (600,000 iterations, OWASP's 2023 figure); it is derived once per store and kept
 * in memory only. Every write uses a fresh random nonce, is atomic and creates the file 0600.
 */
public final class VaultSecretStore implements SecretStore {

    public static final int ITERATIONS = 600_000;
    /**
     * The iteration counts a vault file may name: a file is read before it is authenticated, so an
     * unbounded count would let a damaged or planted file stall the app for hours (or be trivially weak).
     */
    static final int MIN_ITERATIONS = 100_000;
    static final int MAX_ITERATIONS = 10_000_000;
    private static final byte[] MAGIC = "RYV1".getBytes(StandardCharsets.US_ASCII);
    private static final int SALT_BYTES = 16;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Path file;
    private final Supplier<char[]> passphrase;
    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json = new ObjectMapper();
    private SecretKeySpec key;
    private byte[] salt;
    private int iterations = ITERATIONS;
    private TreeMap<String, String> entries;

    /** The passphrase is asked for lazily, on the first read or write, and only once. */
    public VaultSecretStore(Path file, Supplier<char[]> passphrase) {
        this.file = file;
        this.passphrase = passphrase;
    }

    @Override
    public String describe() {
        return "encrypted vault (" + file + ")";
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized Optional<String> get(String name) {
        return Optional.ofNullable(open().get(name));
    }

    @Override
    public synchronized void put(String name, String value) {
        SecretRef.keychain(name); // the same names a plan can reference
        open().put(name, value);
        save();
    }

    @Override
    public synchronized void delete(String name) {
        if (open().remove(name) != null) save();
    }

    @Override
    public synchronized Set<String> names() {
        return Set.copyOf(open().keySet());
    }

    private TreeMap<String, String> open() {
        if (entries != null) return entries;
        try {
            if (!Files.exists(file)) {
                salt = new byte[SALT_BYTES];
                random.nextBytes(salt);
                key = derive(askPassphrase(), salt, iterations);
                entries = new TreeMap<>();
                return entries;
            }
            ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!Arrays.equals(magic, MAGIC)) throw new VaultException("not a Railyard vault: " + file);
            int stored = in.getInt();
            if (stored < MIN_ITERATIONS || stored > MAX_ITERATIONS) {
                throw new VaultException("the vault " + file + " names " + stored + " key derivation iterations; a Railyard vault uses "
                        + MIN_ITERATIONS + " to " + MAX_ITERATIONS + " (the file is damaged or not Railyard's)");
            }
            iterations = stored;
            salt = new byte[SALT_BYTES];
            in.get(salt);
            byte[] nonce = new byte[NONCE_BYTES];
            in.get(nonce);
            byte[] sealed = new byte[in.remaining()];
            in.get(sealed);
            key = derive(askPassphrase(), salt, iterations);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(header(iterations, salt));
            byte[] plain = cipher.doFinal(sealed);
            try {
                entries = json.readValue(plain, new TypeReference<TreeMap<String, String>>() {});
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
            return entries;
        } catch (AEADBadTagException e) {
            key = null;
            throw new VaultException("wrong passphrase for " + file + " (or the file was changed)");
        } catch (java.nio.BufferUnderflowException e) {
            throw new VaultException("the vault file is truncated: " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the vault " + file, e);
        } catch (GeneralSecurityException e) {
            throw new VaultException("cannot open the vault " + file + ": " + e.getMessage());
        }
    }

    private void save() {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] header = header(iterations, salt);
            cipher.updateAAD(header);
            byte[] plain = json.writeValueAsBytes(entries);
            byte[] sealed;
            try {
                sealed = cipher.doFinal(plain);
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
            ByteBuffer out = ByteBuffer.allocate(header.length + NONCE_BYTES + sealed.length);
            out.put(header).put(nonce).put(sealed);
            AtomicFiles.write(file, out.array(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the vault " + file, e);
        } catch (GeneralSecurityException e) {
            throw new VaultException("cannot encrypt the vault: " + e.getMessage());
        }
    }

    private static byte[] header(int iterations, byte[] salt) {
        return ByteBuffer.allocate(MAGIC.length + 4 + salt.length).put(MAGIC).putInt(iterations).put(salt).array();
    }

    private char[] askPassphrase() {
        char[] p = passphrase.get();
        if (p == null || p.length == 0) throw new VaultException("the vault needs a passphrase");
        return p;
    }

    private static SecretKeySpec derive(char[] passphrase, byte[] salt, int iterations) throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
        byte[] raw = null;
        try {
            raw = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return new SecretKeySpec(raw, "AES"); // copies raw
        } finally {
            if (raw != null) Arrays.fill(raw, (byte) 0);
            spec.clearPassword();
            Arrays.fill(passphrase, '\0');
        }
    }

    /** A vault that cannot be opened: wrong passphrase, not a vault, damaged. The message is for the user. */
    public static final class VaultException extends RuntimeException {
        public VaultException(String message) {
            super(message);
        }
    }
}
