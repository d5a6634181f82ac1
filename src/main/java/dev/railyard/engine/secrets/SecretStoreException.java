package dev.railyard.engine.secrets;

/**
 * A secret store that failed to answer (a keychain error over D-Bus, a locked collection), as opposed
 * to one that answered "no such entry". The message is for the user: which store, which entry, why.
 */
public class SecretStoreException extends RuntimeException {
    public SecretStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public SecretStoreException(String message) {
        super(message);
    }
}
