package dev.railyard.engine.secrets;

import dev.railyard.engine.render.SecretValues;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secret values for {@code generate --include-secrets}: references resolved through the
 * {@link SecretResolver}, and Gitpod encryption keys made of 32 fresh bytes from {@link SecureRandom}.
 */
public final class ResolvingSecretValues implements SecretValues {

    private final SecretResolver resolver;
    private final SecureRandom random;

    public ResolvingSecretValues(SecretResolver resolver, SecureRandom random) {
        this.resolver = resolver;
        this.random = random;
    }

    @Override
    public String value(String ref) {
        SecretRef parsed = SecretRef.parse(ref)
                .orElseThrow(() -> new IllegalStateException("not a secret reference: '" + ref + "' (use " + SecretRef.FORMS + ")"));
        return resolver.require(parsed);
    }

    @Override
    public String newEncryptionKeyMaterial() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
