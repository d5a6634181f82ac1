package dev.railyard.engine.demo;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.run.Cancellation;
import dev.railyard.engine.ssh.HostKeyPolicy;
import dev.railyard.engine.ssh.PublicKeys;
import dev.railyard.engine.ssh.RemoteOutput;
import dev.railyard.engine.ssh.SshConnector;
import dev.railyard.engine.ssh.SshFailure;
import dev.railyard.engine.ssh.SshSession;
import dev.railyard.engine.ssh.SshTarget;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * SSH to the simulated servers. A connection shows the server's host key (the one Railyard generated and Terraform
 * handed to cloud-init) and is judged by Railyard's own {@link HostKeyPolicy}; the commands Railyard runs answer as
 * an Ubuntu 22.04 server would: cloud-init's output log and status, and k3s's kubeconfig (reading it is when the
 * simulated cluster is up).
 */
final class SimulatedServers implements SshConnector {

    private static final DateTimeFormatter CLOUD_INIT_TIME = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final ClusterPlan plan;
    private final Pace pace;
    private final SimulatedCloud cloud;
    private final SimulatedCluster cluster;
    private final String apiToken;

    SimulatedServers(ClusterPlan plan, Pace pace, SimulatedCloud cloud, SimulatedCluster cluster, String apiToken) {
        this.plan = plan;
        this.pace = pace;
        this.cloud = cloud;
        this.cluster = cluster;
        this.apiToken = apiToken;
    }

    @Override
    public SshSession connect(SshTarget target, HostKeyPolicy policy) throws SshFailure {
        SimulatedServer server = cloud.at(target.host()).orElseThrow(() -> new SshFailure(SshFailure.Reason.UNREACHABLE,
                "cannot reach " + target.host() + " port " + target.port() + ": no simulated server has this address", null));
        int port = plan.spec().network().sshPort() == null ? 22 : plan.spec().network().sshPort();
        if (target.port() != port) {
            throw new SshFailure(SshFailure.Reason.REFUSED, "connection to " + target.host() + " port " + target.port() + " refused", null);
        }
        String refused = policy.check(target.host(), target.port(), PublicKeys.wire(server.hostKeyLine()));
        if (refused != null) throw new SshFailure(SshFailure.Reason.HOST_KEY_MISMATCH, refused, null);
        return new Session(server, target);
    }

    private final class Session implements SshSession {
        private final SimulatedServer server;
        private final SshTarget target;

        Session(SimulatedServer server, SshTarget target) {
            this.server = server;
            this.target = target;
        }

        @Override
        public String hostKeyLine() {
            String[] parts = server.hostKeyLine().trim().split("\\s+");
            return parts[0] + " " + parts[1];
        }

        @Override
        public SshTarget target() {
            return target;
        }

        @Override
        public int exec(String command, Map<String, String> environment, RemoteOutput output, BooleanSupplier cancelled) throws IOException {
            if (command.contains("cloud-init status --wait")) return cloudInit(output, cancelled);
            output.line(true, "the simulated server " + server.name() + " does not run `" + command + "`");
            return 127;
        }

        @Override
        public int exec(String command, RemoteOutput output) throws IOException {
            return exec(command, Map.of(), output, () -> false);
        }

        @Override
        public String read(String command) throws IOException {
            if (command.contains("/etc/rancher/k3s/k3s.yaml") && server.manager()) {
                cluster.start(cloud.servers());
                return kubeconfig();
            }
            throw new IOException("`" + command + "` on " + target.describe() + " failed (exit 1): not simulated");
        }

        @Override
        public void upload(byte[] content, String remoteDir, String fileName) throws IOException {
            throw new IOException("cannot write " + remoteDir + "/" + fileName + " on " + target.describe() + ": not simulated");
        }

        @Override
        public void close() {
            // nothing is held open
        }

        private int cloudInit(RemoteOutput output, BooleanSupplier cancelled) {
            Cancellation stop = new Cancellation();
            String version = "24.4-0ubuntu1~22.04.1";
            String role = server.manager() ? "k3s" : "k3s-agent";
            int port = plan.spec().network().sshPort() == null ? 22 : plan.spec().network().sshPort();
            String k3s = plan.spec().k3s().version();
            List<Object[]> script = List.of(
                    new Object[] {0.5, "Cloud-init v. " + version + " running 'init-local' at " + now() + ". Up 4.87 seconds."},
                    new Object[] {1.5, "Cloud-init v. " + version + " running 'init' at " + now() + ". Up 6.02 seconds."},
                    new Object[] {0.2, "ci-info: ++++++++++++++++++++++++++++++++++++++Net device info+++++++++++++++++++++++++++++++++++++++"},
                    new Object[] {0.1, "ci-info: | eth0   | True |  " + server.address() + "  | 255.255.255.255 | global | 96:00:03:a1:2b:3c |"},
                    new Object[] {0.1, "ci-info: | enp7s0 | True |  " + server.privateAddress() + "  | 255.255.255.255 | global | 86:00:00:9f:41:0e |"},
                    new Object[] {1.0, "Generating locales (this might take a while)..."},
                    new Object[] {3.0, "Cloud-init v. " + version + " running 'modules:config' at " + now() + ". Up 11.40 seconds."},
                    new Object[] {0.5, "railyard-ssh-port: sshd moved from 22 to " + port + " (ssh.socket disabled)"},
                    new Object[] {6.0, "Cloud-init v. " + version + " running 'modules:final' at " + now() + ". Up 18.93 seconds."},
                    new Object[] {1.0, "[INFO]  Using " + k3s + " as release"},
                    new Object[] {2.0, "[INFO]  Downloading hash https://github.com/k3s-io/k3s/releases/download/" + k3s.replace("+", "%2B") + "/sha256sum-amd64.txt"},
                    new Object[] {6.0, "[INFO]  Downloading binary https://github.com/k3s-io/k3s/releases/download/" + k3s.replace("+", "%2B") + "/k3s"},
                    new Object[] {4.0, "[INFO]  Verifying binary download"},
                    new Object[] {0.5, "[INFO]  Installing k3s to /usr/local/bin/k3s"},
                    new Object[] {0.5, "[INFO]  systemd: Creating service file /etc/systemd/system/" + role + ".service"},
                    new Object[] {0.5, "[INFO]  systemd: Enabling " + role + " unit"},
                    new Object[] {9.0, "[INFO]  systemd: Starting " + role},
                    new Object[] {2.0, "Cloud-init v. " + version + " finished at " + now() + ". Datasource DataSourceHetzner.  Up 52.71 seconds"},
                    new Object[] {0.3, "status: done"},
                    new Object[] {0.0, "extended_status: done"},
                    new Object[] {0.0, "boot_status_code: enabled-by-generator"},
                    new Object[] {0.0, "detail:"},
                    new Object[] {0.0, "DataSource: DataSourceHetzner"},
                    new Object[] {0.0, "errors: []"},
                    new Object[] {0.0, "recoverable_errors: {}"});
            for (Object[] step : script) {
                if (cancelled.getAsBoolean()) return -1;
                try {
                    pace.pause((Double) step[0], stop);
                } catch (Cancellation.CancelledException e) {
                    return -1;
                }
                output.line(false, (String) step[1]);
            }
            return 0;
        }

        private String now() {
            return CLOUD_INIT_TIME.format(pace.now());
        }

        /** What k3s writes to /etc/rancher/k3s/k3s.yaml, with a bearer token instead of its client certificate. */
        private String kubeconfig() {
            return "apiVersion: v1\n"
                    + "clusters:\n"
                    + "- cluster:\n"
                    + "    insecure-skip-tls-verify: true\n"
                    + "    server: https://127.0.0.1:6443\n"
                    + "  name: default\n"
                    + "contexts:\n"
                    + "- context:\n"
                    + "    cluster: default\n"
                    + "    user: default\n"
                    + "  name: default\n"
                    + "current-context: default\n"
                    + "kind: Config\n"
                    + "preferences: {}\n"
                    + "users:\n"
                    + "- name: default\n"
                    + "  user:\n"
                    + "    token: " + apiToken + "\n";
        }
    }
}
