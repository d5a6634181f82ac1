package dev.railyard.engine.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The {@code spec} of a plan: every section is present after loading (defaults filled in). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"provider", "size", "k3s", "sshKey", "network", "gitpod"})
public record Spec(Provider provider, Size size, K3s k3s, SshKey sshKey, Network network, Gitpod gitpod) {

    public Spec {
        provider = provider == null ? new Provider(null, null, null, null) : provider;
        size = size == null ? new Size(null, null, null, null, null, null) : size;
        k3s = k3s == null ? new K3s(null) : k3s;
        sshKey = sshKey == null ? new SshKey(null) : sshKey;
        network = network == null ? new Network(null, null, null, null, null, null) : network;
        gitpod = gitpod == null ? new Gitpod(null, null, null, null, null, null, null, null) : gitpod;
    }

    static Spec empty() {
        return new Spec(null, null, null, null, null, null);
    }

    public Spec withProvider(Provider v) { return new Spec(v, size, k3s, sshKey, network, gitpod); }
    public Spec withSize(Size v) { return new Spec(provider, v, k3s, sshKey, network, gitpod); }
    public Spec withK3s(K3s v) { return new Spec(provider, size, v, sshKey, network, gitpod); }
    public Spec withSshKey(SshKey v) { return new Spec(provider, size, k3s, v, network, gitpod); }
    public Spec withNetwork(Network v) { return new Spec(provider, size, k3s, sshKey, v, gitpod); }
    public Spec withGitpod(Gitpod v) { return new Spec(provider, size, k3s, sshKey, network, v); }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record K3s(String version) {
        /** A current, pinned k3s release (containerd 2): for platforms that run on current Kubernetes. */
        public static final String DEFAULT_VERSION = "v1.33.7+k3s1";

        /**
         * For Gitpod 2022.11: the newest k3s 1.30 release, the last line on containerd 1.7 (k3s moved to containerd 2
         * in v1.31.6 and the 1.32 line). Released 2025-07-26, read 2026-12-03 in docs.k3s.io/release-notes/v1.30.X; the
         * same date is in the catalog. Kubernetes 1.30 gets no upstream fixes any more: the price of Gitpod 2022.11.
         */
        public static final String GITPOD_VERSION = "v1.30.14+k3s2";

        /**
         * The k3s release a new plan of this spec starts with: the one place that decides it by platform. Gitpod
         * plans get {@link #GITPOD_VERSION}; a platform on current Kubernetes (Coder) returns {@link #DEFAULT_VERSION} here.
         */
        public static String defaultFor(Spec spec) {
            return GITPOD_VERSION;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SshKey(String publicKeyFile) {

        /**
         * The private key beside the public one (the same path without {@code .pub}; ~/.ssh/id_ed25519 when the
         * plan names none), with a leading {@code ~/} resolved against {@code home}: what SSH sessions log in with.
         */
        public java.nio.file.Path privateKeyFile(java.nio.file.Path home) {
            String pub = publicKeyFile == null || publicKeyFile.isBlank() ? null : publicKeyFile.strip();
            String file = pub == null ? "~/.ssh/id_ed25519" : pub.endsWith(".pub") ? pub.substring(0, pub.length() - 4) : pub;
            return file.startsWith("~/") ? home.resolve(file.substring(2)) : java.nio.file.Path.of(file);
        }
    }
}
