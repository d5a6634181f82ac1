package dev.railyard.cli;

import dev.railyard.engine.secrets.SecretStore;

/** The secret store the CLI reads {@code keychain:} references from. */
final class CliSecretStores {

    private CliSecretStores() {}

    /** No store yet: keychain references fail with a message saying how to provide the value. */
    static SecretStore open() {
        return null;
    }
}
