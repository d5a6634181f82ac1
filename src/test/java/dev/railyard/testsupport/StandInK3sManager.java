package dev.railyard.testsupport;

import dev.railyard.engine.ssh.HostKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A stand-in for a cloud server after its first boot with k3s, as the SSH steps of a provision see it: a real
 * {@link OpenSshServer} on 127.0.0.1 whose only host key is the one Railyard generated for that server (cloud-init
 * would have written it), which lets the admin's key in, and these stand-ins first on every session's PATH:
 * <ul>
 *   <li>{@code cloud-init}: answers {@code status --wait --long} as a first boot that finished without errors;</li>
 *   <li>{@code cat}: answers for {@code /etc/rancher/k3s/k3s.yaml} with a kubeconfig in k3s's shape (names
 *       "default", a token) whose server is the fabric8 mock API server instead of https://127.0.0.1:6443; any other
 *       file goes to the real cat. The tests run as root, and SshSteps reads k3s.yaml with a bare {@code cat} as root,
 *       so a stand-in {@code cat} on the session's PATH is the nearest honest way to serve that file without writing
 *       {@code /etc/rancher} on the machine that runs the tests;</li>
 *   <li>{@code sudo}: passwordless, for a login that is not root (then SshSteps reads k3s.yaml through {@code sudo -n cat}).</li>
 * </ul>
 */
public final class StandInK3sManager implements AutoCloseable {

    public static final String K3S_YAML = "/etc/rancher/k3s/k3s.yaml";

    public final OpenSshServer sshd;

    private StandInK3sManager(OpenSshServer sshd) {
        this.sshd = sshd;
    }

    /**
     * {@code hostKey}: the key Railyard made for the server; {@code port}: where the stand-in terraform says SSH is;
     * {@code adminPublicKey}: the plan's SSH key; {@code apiServerPort}: the mock API server's port on 127.0.0.1;
     * {@code token}: the credential in the kubeconfig (a canary for the redaction checks).
     */
    public static StandInK3sManager start(Path dir, HostKeys hostKey, int port, Path adminPublicKey, int apiServerPort, String token)
            throws Exception {
        OpenSshServer sshd = OpenSshServer.start(Files.createDirectories(dir), hostKey, port);
        try {
            sshd.authorize(adminPublicKey);
            install(sshd, apiServerPort, token);
            return new StandInK3sManager(sshd);
        } catch (Exception | Error e) {
            sshd.close();
            throw e;
        }
    }

    /** The folder of the sshd: its host key and the stand-in kubeconfig are there (0600), as on a server. */
    public Path dir() {
        return sshd.dir;
    }

    public String log() throws IOException {
        return sshd.log();
    }

    private static void install(OpenSshServer sshd, int apiServerPort, String token) throws IOException {
        Path k3sYaml = sshd.dir.resolve("k3s.yaml");
        Files.writeString(k3sYaml, """
                apiVersion: v1
                clusters:
                - cluster:
                    server: http://127.0.0.1:%d
                  name: default
                contexts:
                - context:
                    cluster: default
                    user: default
                  name: default
                current-context: default
                kind: Config
                preferences: {}
                users:
                - name: default
                  user:
                    token: %s
                """.formatted(apiServerPort, token));
        Files.setPosixFilePermissions(k3sYaml, PosixFilePermissions.fromString("rw-------"));
        sshd.installTool("cloud-init", """
                #!/bin/sh
                # stand-in for cloud-init (StandInK3sManager): a first boot that finished without errors
                if [ "$*" = "status --wait --long" ]; then
                  printf 'status: done\\nextended_status: done\\nboot_status_code: enabled-by-generator\\ndetail:\\nDataSourceHetzner\\nerrors: []\\nrecoverable_errors: {}\\n'
                  exit 0
                fi
                echo "stand-in cloud-init: only 'status --wait --long' is stood in, not: $*" >&2
                exit 64
                """);
        sshd.installTool("cat", """
                #!/bin/sh
                # stand-in for k3s's %s (StandInK3sManager); every other file goes to the real cat
                if [ "$#" = 1 ] && [ "$1" = %s ]; then exec /bin/cat '%s'; fi
                exec /bin/cat "$@"
                """.formatted(K3S_YAML, K3S_YAML, k3sYaml));
        sshd.installTool("sudo", """
                #!/bin/sh
                # stand-in for passwordless sudo (StandInK3sManager): runs the command as the login user
                [ "$1" = -n ] && shift
                exec "$@"
                """);
    }

    @Override
    public void close() throws Exception {
        sshd.close();
    }
}
