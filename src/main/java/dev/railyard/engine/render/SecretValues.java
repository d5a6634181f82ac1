package dev.railyard.engine.render;

/**
 * Secret values for {@code generate --include-secrets}: the resolved value of a reference, and a fresh
 * Gitpod encryption key (32 random bytes, base64). Never a fixed key.
 */
public interface SecretValues {

    /** @throws IllegalStateException with a message naming the reference when it cannot be resolved */
    String value(String ref);

    String newEncryptionKeyMaterial();
}
