package dev.railyard.engine.run;

import java.net.URI;
import java.util.Optional;

/**
 * The base URLs a system property may point elsewhere (tests point them at stand-ins on 127.0.0.1; a
 * user may point them at a mirror or a proxy). Tokens and passwords travel to them, so an override must
 * be https, or plain http only to this machine; anything else is refused naming the property.
 */
public final class EndpointOverrides {

    /**
     * Where Railyard reaches coderd's API instead of a port-forward to its pod (provision) or the plan's
     * access URL (health). Not a command-line option: users have no reason to set it.
     */
    public static final String CODER_URL_PROPERTY = "railyard.coder.url";

    private EndpointOverrides() {}

    /** {@value #CODER_URL_PROPERTY}, checked; empty when it is not set. */
    public static Optional<URI> coderUrl() {
        return Optional.ofNullable(checked(CODER_URL_PROPERTY, System.getProperty(CODER_URL_PROPERTY), null));
    }

    /** The override {@code value} of {@code property}, or {@code fallback} when it is blank. */
    public static URI checked(String property, String value, URI fallback) {
        if (value == null || value.isBlank()) return fallback;
        URI uri;
        try {
            uri = URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + ": '" + value + "' is not a URL", e);
        }
        String host = uri.getHost();
        boolean loopback = host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]")
                || host.equals("::1"));
        if ("https".equalsIgnoreCase(uri.getScheme()) && host != null) return uri;
        if ("http".equalsIgnoreCase(uri.getScheme()) && loopback) return uri;
        throw new IllegalArgumentException(property + ": '" + value + "' is refused; API tokens are sent there, so it must be an"
                + " https:// URL (plain http only to localhost or 127.0.0.1)");
    }
}
