package dev.railyard.engine.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** Gitpod's installer settings that Railyard exposes: the "railway tracks" choices. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"domain", "blockNewUsers", "tls", "database", "registry", "storage", "workspace", "installerImage", "repository"})
public record Gitpod(String domain, BlockNewUsers blockNewUsers, Tls tls, Database database, Registry registry,
                     Storage storage, Workspace workspace, String installerImage, String repository) {

    /**
     * Gitpod's last self-hosted release, 2022.11.3: the installer image its own KOTS manifest ran
     * (install/kots/manifests/gitpod-installer-job.yaml at tag 2022.11.3). A setting, because Gitpod no longer
     * publishes it; without one it follows {@link #repository}.
     */
    public static final String DEFAULT_INSTALLER_IMAGE = "eu.gcr.io/gitpod-core-dev/build/installer:release-2022.11.3";

    /** Without {@code repository}: Gitpod's images come from the installer's default registry. */
    public Gitpod(String domain, BlockNewUsers blockNewUsers, Tls tls, Database database, Registry registry,
                  Storage storage, Workspace workspace, String installerImage) {
        this(domain, blockNewUsers, tls, database, registry, storage, workspace, installerImage, null);
    }

    public Gitpod withRepository(String value) {
        return new Gitpod(domain, blockNewUsers, tls, database, registry, storage, workspace, installerImage, value);
    }

    public Gitpod {
        blockNewUsers = blockNewUsers == null ? new BlockNewUsers(false, null) : blockNewUsers;
        tls = tls == null ? new Tls(null, null, null, null, null) : tls;
        database = database == null ? new Database(true, null, null, null, null) : database;
        registry = registry == null ? new Registry(true, null, null, null) : registry;
        storage = storage == null ? new Storage(true, null, null, null, null, null) : storage;
        workspace = workspace == null ? new Workspace(null) : workspace;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"enabled", "passlist"})
    public record BlockNewUsers(Boolean enabled, List<String> passlist) {
        public BlockNewUsers {
            passlist = passlist == null ? List.of() : List.copyOf(passlist);
        }
        @JsonIgnore
        public boolean isEnabled() { return Boolean.TRUE.equals(enabled); }
    }

    /**
     * {@code cert-manager}: a wildcard certificate through Let's Encrypt DNS01; {@code upload}: the user's
     * own certificate and key, referenced like any other secret.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"mode", "email", "dns01", "certificateRef", "keyRef"})
    public record Tls(String mode, String email, Dns01 dns01, String certificateRef, String keyRef) {
        public static final String CERT_MANAGER = "cert-manager";
        public static final String UPLOAD = "upload";
        public static final List<String> MODES = List.of(CERT_MANAGER, UPLOAD);

        @JsonIgnore
        public boolean isCertManager() { return CERT_MANAGER.equals(mode); }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"provider", "tokenRef"})
    public record Dns01(String provider, String tokenRef) {
        public static final String CLOUDFLARE = "cloudflare";
        public static final List<String> PROVIDERS = List.of(CLOUDFLARE);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"inCluster", "host", "port", "username", "passwordRef"})
    public record Database(Boolean inCluster, String host, Integer port, String username, String passwordRef) {
        public static final int DEFAULT_PORT = 3306;
        @JsonIgnore
        public boolean isInCluster() { return !Boolean.FALSE.equals(inCluster); }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"inCluster", "url", "username", "passwordRef"})
    public record Registry(Boolean inCluster, String url, String username, String passwordRef) {
        @JsonIgnore
        public boolean isInCluster() { return !Boolean.FALSE.equals(inCluster); }
    }

    /** In-cluster (MinIO) or any S3-compatible store. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"inCluster", "endpoint", "region", "bucket", "accessKeyIdRef", "secretAccessKeyRef"})
    public record Storage(Boolean inCluster, String endpoint, String region, String bucket,
                          String accessKeyIdRef, String secretAccessKeyRef) {
        @JsonIgnore
        public boolean isInCluster() { return !Boolean.FALSE.equals(inCluster); }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Workspace(String fsShiftMethod) {
        public static final String SHIFTFS = "shiftfs";
        public static final String FUSE = "fuse";
        public static final List<String> METHODS = List.of(SHIFTFS, FUSE);
        @JsonIgnore
        public boolean usesShiftfs() { return SHIFTFS.equals(fsShiftMethod); }
    }
}
