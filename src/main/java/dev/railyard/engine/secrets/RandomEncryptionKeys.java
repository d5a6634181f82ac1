package dev.railyard.engine.secrets;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * Fresh key material for Gitpod's database encryption key: 32 bytes from a {@link SecureRandom},
 * base64-encoded. Community set-ups reused one publicly known key; every call here makes a new one.
 */
public final class RandomEncryptionKeys {

    /** Gitpod encrypts with AES-256: the key is exactly 32 bytes. */
    public static final int KEY_BYTES = 32;

    private final SecureRandom random;

    public RandomEncryptionKeys() {
        this(new SecureRandom());
    }

    public RandomEncryptionKeys(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    public String newMaterial() {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
