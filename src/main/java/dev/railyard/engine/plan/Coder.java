package dev.railyard.engine.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Coder's settings: where it is served, its certificate (the same shape and meaning as Gitpod's), its
 * PostgreSQL database, the first owner account and how workspaces get Docker.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"domain", "tls", "database", "admin", "workspaces"})
public record Coder(String domain, Gitpod.Tls tls, Database database, Admin admin, Workspaces workspaces) {

    public Coder {
        tls = tls == null ? new Gitpod.Tls(null, null, null, null, null) : tls;
        database = database == null ? new Database(true, null) : database;
        admin = admin == null ? new Admin(null, null, null) : admin;
        workspaces = workspaces == null ? new Workspaces(null) : workspaces;
    }

    public Coder withDomain(String v) { return new Coder(v, tls, database, admin, workspaces); }
    public Coder withTls(Gitpod.Tls v) { return new Coder(domain, v, database, admin, workspaces); }
    public Coder withDatabase(Database v) { return new Coder(domain, tls, v, admin, workspaces); }
    public Coder withAdmin(Admin v) { return new Coder(domain, tls, database, v, workspaces); }
    public Coder withWorkspaces(Workspaces v) { return new Coder(domain, tls, database, admin, v); }

    /** In-cluster (CloudNativePG, the default) or an outside PostgreSQL server. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"inCluster", "external"})
    public record Database(Boolean inCluster, External external) {
        @JsonIgnore
        public boolean isInCluster() { return !Boolean.FALSE.equals(inCluster); }
    }

    /** An outside PostgreSQL server; the password is a secret reference, never the password. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"host", "port", "database", "username", "passwordRef", "sslMode"})
    public record External(String host, Integer port, String database, String username, String passwordRef, String sslMode) {
        public static final int DEFAULT_PORT = 5432;
        /** The sslmode values of lib/pq, the PostgreSQL driver coderd connects with. */
        public static final List<String> SSL_MODES = List.of("disable", "require", "verify-ca", "verify-full");
        public static final String DEFAULT_SSL_MODE = "require";

        @JsonIgnore
        public int portOrDefault() { return port == null ? DEFAULT_PORT : port; }
        @JsonIgnore
        public String sslModeOrDefault() { return sslMode == null || sslMode.isEmpty() ? DEFAULT_SSL_MODE : sslMode; }
    }

    /** The first user, who becomes Coder's owner; created through Coder's first-user API. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"username", "email", "passwordRef"})
    public record Admin(String username, String email, String passwordRef) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Workspaces(String docker) {
        /** Docker inside the workspace through coder/envbox: a privileged outer pod, unprivileged inner containers. */
        public static final String ENVBOX = "envbox";
        /** No Docker in workspaces: plain unprivileged pods. */
        public static final String NONE = "none";
        public static final List<String> DOCKER = List.of(ENVBOX, NONE);

        @JsonIgnore
        public boolean usesEnvbox() { return ENVBOX.equals(docker); }
    }
}
