package dev.railyard.engine.validate;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Network endpoints written without a scheme: {@code host}, {@code host:port} and, for container
 * registries, {@code host[:port]/path}. The host is a DNS name or an IPv4 address.
 */
final class Endpoints {

    static final String HOST_PORT_RULE = "a host name or IPv4 address with an optional :port (1-65535), without https://";
    static final String REGISTRY_RULE = "host[:port][/path] such as registry.example.com/gitpod, without https://; "
            + "path segments of lower-case letters, digits, '.', '_' and '-'";

    private static final Pattern PORT = Pattern.compile("[1-9][0-9]{0,4}");
    private static final Pattern PATH_SEGMENT = Pattern.compile("[a-z0-9]+([._-][a-z0-9]+)*");

    private Endpoints() {}

    static boolean isHost(String s) {
        return Ipv4.isAddress(s) || DnsNames.isName(s);
    }

    static Optional<String> whyNotHostPort(String s) {
        if (s == null || s.isEmpty()) return Optional.of("is empty");
        if (s.contains("://")) return Optional.of("has a scheme; write " + HOST_PORT_RULE);
        int colon = s.lastIndexOf(':');
        String host = colon < 0 ? s : s.substring(0, colon);
        if (colon >= 0 && !isPort(s.substring(colon + 1))) return Optional.of("has a port that is not 1-65535");
        if (!isHost(host)) return Optional.of("is not " + HOST_PORT_RULE);
        return Optional.empty();
    }

    static Optional<String> whyNotRegistry(String s) {
        if (s == null || s.isEmpty()) return Optional.of("is empty");
        if (s.contains("://")) return Optional.of("has a scheme; write " + REGISTRY_RULE);
        int slash = s.indexOf('/');
        String hostPort = slash < 0 ? s : s.substring(0, slash);
        Optional<String> host = whyNotHostPort(hostPort);
        if (host.isPresent()) return Optional.of("is not " + REGISTRY_RULE);
        if (slash >= 0) {
            for (String segment : s.substring(slash + 1).split("/", -1)) {
                if (!PATH_SEGMENT.matcher(segment).matches()) return Optional.of("has a path that is not allowed; write " + REGISTRY_RULE);
            }
        }
        return Optional.empty();
    }

    static boolean isPort(String s) {
        return PORT.matcher(s).matches() && Integer.parseInt(s) <= 65535;
    }

    static boolean isPort(Integer port) {
        return port != null && port >= 1 && port <= 65535;
    }
}
