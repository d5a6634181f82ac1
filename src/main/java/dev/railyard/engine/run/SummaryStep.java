package dev.railyard.engine.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The end of a provisioning run: where Gitpod is, and the DNS records the person must still create. */
public final class SummaryStep {

    private SummaryStep() {}

    public static Step create(String domain, SshSteps.HostsSource hosts, Path exportDir, Path kubeconfig) {
        return new SimpleStep("summary", "Gitpod's address and the DNS records to create", ctx -> {
            Hosts h = hosts.hosts(ctx);
            ctx.info("Gitpod: https://" + domain);
            ctx.info("DNS records still to create (A records, at your DNS provider):");
            for (String name : new String[] {domain, "*." + domain, "*.ws." + domain}) {
                ctx.info("  " + name + "  A  " + h.ingressAddress());
            }
            Path dns = exportDir.resolve("dns");
            if (Files.isDirectory(dns)) {
                try (var files = Files.list(dns)) {
                    for (Path f : files.sorted().toList()) ctx.info("  (also written to " + f + ")");
                }
            }
            ctx.info("kubeconfig: " + kubeconfig + " (add it to ~/.kube/config as a new context with `railyard kubeconfig PLAN --merge`"
                    + " or the run screen's button)");
        });
    }

    static String read(Path file) throws java.io.IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
