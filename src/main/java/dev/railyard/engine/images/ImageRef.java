package dev.railyard.engine.images;

/**
 * An image reference split the way the distribution project's {@code reference} package normalises it:
 * the first path component is a registry only when it has a '.' or ':' or is {@code localhost}; otherwise
 * the image is on Docker Hub, where a one-component path lives under {@code library/}.
 *
 * @param registry  the registry as written ({@code docker.io} for Docker Hub)
 * @param path      the repository path inside that registry
 * @param reference the tag or digest the manifest is asked for ({@code latest} when neither is given)
 */
public record ImageRef(String registry, String path, String reference) {

    public static final String DOCKER_HUB = "docker.io";
    /** Docker Hub's distribution API is served from this host, not from docker.io. */
    public static final String DOCKER_HUB_API = "registry-1.docker.io";

    public static ImageRef parse(String image) {
        String s = image.strip();
        String reference = null;
        int at = s.indexOf('@');
        if (at >= 0) {
            reference = s.substring(at + 1);
            s = s.substring(0, at);
        }
        int slash = s.lastIndexOf('/');
        int colon = s.lastIndexOf(':');
        if (colon > slash) {
            if (reference == null) reference = s.substring(colon + 1);
            s = s.substring(0, colon);
        }
        String registry = DOCKER_HUB;
        String path = s;
        int first = s.indexOf('/');
        if (first > 0) {
            String head = s.substring(0, first);
            if (head.contains(".") || head.contains(":") || head.equals("localhost")) {
                registry = head;
                path = s.substring(first + 1);
            }
        }
        if (registry.equals(DOCKER_HUB) && !path.contains("/")) path = "library/" + path;
        if (path.isEmpty()) throw new IllegalArgumentException("not an image reference: " + image);
        return new ImageRef(registry, path, reference == null ? "latest" : reference);
    }

    /** The host (and port) the distribution API is asked at. */
    public String apiHost() {
        return registry.equals(DOCKER_HUB) ? DOCKER_HUB_API : registry;
    }

    @Override
    public String toString() {
        return registry + "/" + path + (reference.startsWith("sha256:") ? "@" : ":") + reference;
    }
}
