package dev.railyard.engine.cluster;

/**
 * What a TCP connection to a host's port showed: whether anything answered and the first line it
 * sent (an SSH server greets with {@code SSH-2.0-<software>} before the client says anything).
 */
public record HostProbeResult(String host, int port, boolean answered, String banner, String detail) {

    public HostProbeResult {
        banner = banner == null ? "" : banner;
        detail = detail == null ? "" : detail;
    }

    public boolean isSsh() {
        return banner.startsWith("SSH-");
    }

    public boolean isOpenSsh() {
        return isSsh() && banner.contains("OpenSSH");
    }

    public String address() {
        return host + ":" + port;
    }
}
