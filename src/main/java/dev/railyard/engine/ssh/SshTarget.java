package dev.railyard.engine.ssh;

import java.nio.file.Path;
import java.util.Objects;

/** Where to connect and as whom. {@code identityFile}: the private key (OpenSSH format), not its .pub. */
public record SshTarget(String name, String host, int port, String user, Path identityFile) {

    public SshTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(identityFile, "identityFile");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port: 1 to 65535, not " + port);
        if (name == null || name.isBlank()) name = host;
    }

    public String describe() {
        return user + "@" + host + ":" + port;
    }

    public SshTarget withPort(int value) {
        return new SshTarget(name, host, value, user, identityFile);
    }
}
