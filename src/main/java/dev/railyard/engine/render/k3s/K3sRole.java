package dev.railyard.engine.render.k3s;

/** What k3s runs as on a host: a server (manager, control plane + etcd) or an agent (worker node). */
public enum K3sRole {
    SERVER("server", "k3s"),
    AGENT("agent", "k3s-agent");

    private final String command;
    private final String serviceName;

    K3sRole(String command, String serviceName) {
        this.command = command;
        this.serviceName = serviceName;
    }

    /** The k3s sub-command, passed to the install script as {@code INSTALL_K3S_EXEC}. */
    public String command() {
        return command;
    }

    /** The systemd unit k3s's install script creates for this sub-command. */
    public String serviceName() {
        return serviceName;
    }
}
