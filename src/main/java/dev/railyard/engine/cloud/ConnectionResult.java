package dev.railyard.engine.cloud;

import java.util.List;

/**
 * What "Test connection" found: whether the credentials work, one sentence for the user, and details
 * (for Hetzner the server types orderable in the chosen location). Never holds the credential.
 */
public record ConnectionResult(boolean ok, String message, List<String> details) {

    public ConnectionResult {
        details = details == null ? List.of() : List.copyOf(details);
    }

    public static ConnectionResult ok(String message, List<String> details) {
        return new ConnectionResult(true, message, details);
    }

    public static ConnectionResult failed(String message) {
        return new ConnectionResult(false, message, List.of());
    }
}
