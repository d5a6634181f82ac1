package dev.railyard.engine.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** The example plans bundled with Railyard, usable offline (demos, templates for new projects). */
public final class Examples {

    public record Example(String name, String title, String description) {}

    public static final List<Example> ALL = List.of(
            new Example("hetzner-small", "Hetzner, small",
                    "One manager and one node (cx43) in Falkenstein, external MySQL, cert-manager with Cloudflare DNS01."),
            new Example("hetzner-medium", "Hetzner, medium",
                    "Three tainted managers with embedded etcd and three workspace nodes in Nuremberg, all in-cluster."),
            new Example("hetzner-large-autoscale", "Hetzner, large with autoscaling",
                    "Three managers and a node pool of 2 to 20 cx53 that cluster-autoscaler grows, external MySQL, registry and S3."),
            new Example("azure-small", "Azure, small",
                    "One manager and one node (Standard_D4s_v5) in West Europe, everything in-cluster."),
            new Example("existing-raspberry-pi-tailscale", "Raspberry Pis over Tailscale",
                    "Two existing Raspberry Pis joined over k3s's built-in Tailscale, with the tailnet policy it needs."),
            new Example("hetzner-small-coder", "Hetzner, small, with Coder",
                    "The small Hetzner cluster running Coder instead of Gitpod: in-cluster PostgreSQL, Docker in workspaces through envbox."),
            new Example("existing-raspberry-pi-tailscale-coder", "Raspberry Pis over Tailscale, with Coder",
                    "The two Raspberry Pis (arm64, where Gitpod never ran) running Coder, in-cluster PostgreSQL, workspaces without Docker."));

    private Examples() {}

    public static Optional<Example> find(String name) {
        return ALL.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The YAML text of an example, exactly as {@code railyard init} writes it. */
    public static String text(String name) {
        find(name).orElseThrow(() -> new IllegalArgumentException("no example named '" + name + "'"));
        try (InputStream in = Examples.class.getResourceAsStream("/examples/" + name + ".yaml")) {
            if (in == null) throw new IllegalStateException("example missing from the build: " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ClusterPlan load(PlanFormat format, String name) {
        try {
            return format.read(text(name), "example " + name);
        } catch (PlanLoadException e) {
            throw new IllegalStateException("a bundled example does not load: " + e.getMessage(), e);
        }
    }
}
