package dev.railyard.engine.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code spec} of a plan. Every section is present after loading (defaults filled in) except the
 * platform's: exactly one of {@code gitpod} and {@code coder} is set in a valid plan, the other is
 * {@code null} and is not written. {@link #platform()} says which one to read.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"provider", "size", "k3s", "sshKey", "network", "gitpod", "coder"})
public record Spec(Provider provider, Size size, K3s k3s, SshKey sshKey, Network network, Gitpod gitpod, Coder coder) {

    public Spec {
        provider = provider == null ? new Provider(null, null, null, null) : provider;
        size = size == null ? new Size(null, null, null, null, null, null) : size;
        k3s = k3s == null ? new K3s(null) : k3s;
        sshKey = sshKey == null ? new SshKey(null) : sshKey;
        network = network == null ? new Network(null, null, null, null, null, null) : network;
    }

    /** A Gitpod plan, as every plan was before Coder. */
    public Spec(Provider provider, Size size, K3s k3s, SshKey sshKey, Network network, Gitpod gitpod) {
        this(provider, size, k3s, sshKey, network, gitpod, null);
    }

    static Spec empty() {
        return new Spec(null, null, null, null, null, null, null);
    }

    /**
     * The platform this plan installs: Coder when only {@code coder} is set, Gitpod otherwise (a plan
     * with both or neither is invalid, and validation says so at {@code spec}).
     */
    @JsonIgnore
    public Platform platform() {
        return coder != null && gitpod == null ? Platform.CODER : Platform.GITPOD;
    }

    /** The chosen platform's domain (its address is https://domain), or {@code null} when unset. */
    @JsonIgnore
    public String platformDomain() {
        if (platform() == Platform.CODER) return coder.domain();
        return gitpod == null ? null : gitpod.domain();
    }

    /** The chosen platform's certificate settings (Gitpod and Coder share the shape), or {@code null} when unset. */
    @JsonIgnore
    public Gitpod.Tls platformTls() {
        if (platform() == Platform.CODER) return coder.tls();
        return gitpod == null ? null : gitpod.tls();
    }

    public Spec withProvider(Provider v) { return new Spec(v, size, k3s, sshKey, network, gitpod, coder); }
    public Spec withSize(Size v) { return new Spec(provider, v, k3s, sshKey, network, gitpod, coder); }
    public Spec withK3s(K3s v) { return new Spec(provider, size, v, sshKey, network, gitpod, coder); }
    public Spec withSshKey(SshKey v) { return new Spec(provider, size, k3s, v, network, gitpod, coder); }
    public Spec withNetwork(Network v) { return new Spec(provider, size, k3s, sshKey, v, gitpod, coder); }
    public Spec withGitpod(Gitpod v) { return new Spec(provider, size, k3s, sshKey, network, v, coder); }
    public Spec withCoder(Coder v) { return new Spec(provider, size, k3s, sshKey, network, gitpod, v); }

    /** This spec switched to {@code platform}: that platform's section kept or started empty, the other dropped. */
    public Spec withPlatform(Platform platform) {
        return switch (platform) {
            case GITPOD -> new Spec(provider, size, k3s, sshKey, network,
                    gitpod != null ? gitpod : new Gitpod(null, null, null, null, null, null, null, null), null);
            case CODER -> new Spec(provider, size, k3s, sshKey, network, null,
                    coder != null ? coder : new Coder(null, null, null, null, null));
        };
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record K3s(String version) {
        /** A current, pinned k3s release; new plans start here. */
        public static final String DEFAULT_VERSION = "v1.33.7+k3s1";
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
