package dev.railyard.engine.validate;

import dev.railyard.engine.plan.Coder;
import java.util.Optional;
import java.util.regex.Pattern;

/** Coder's domain, certificate, PostgreSQL database, first owner account and workspace Docker. */
final class CoderRules {

    private static final String BASE = "spec.coder";
    /** Apps and forwarded ports are served at {@code *.<domain>}, which must stay a valid DNS name. */
    private static final String WILDCARD_PREFIX = "*.";
    /** codersdk.UsernameValidRegex (codersdk/name.go): letters and digits, single hyphens between them. */
    static final Pattern USERNAME = Pattern.compile("[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*");
    /** codersdk.NameValid's length limit. */
    static final int MAX_USERNAME = 32;
    /** PostgreSQL's identifier limit (NAMEDATALEN - 1); Railyard keeps database names to plain identifiers. */
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    static final int MAX_DB_USERNAME = 63;

    private CoderRules() {}

    static void check(Coder coder, PlanValidator.Problems out) {
        domain(coder.domain(), out);
        GitpodRules.tls(BASE + ".tls", coder.tls(), "<domain> and *.<domain>", out);
        database(coder.database(), out);
        admin(coder.admin(), out);
        workspaces(coder.workspaces(), out);
    }

    private static void domain(String domain, PlanValidator.Problems out) {
        String path = BASE + ".domain";
        if (domain == null || domain.isEmpty()) {
            out.error(path, "required: the domain Coder is served at, e.g. coder.example.com");
            return;
        }
        Optional<String> why = DnsNames.whyNotName(domain, 2);
        if (why.isPresent()) {
            out.error(path, why.get() + " (the domain must be a DNS name such as coder.example.com: " + DnsNames.NAME_RULE + ")");
        } else if (WILDCARD_PREFIX.length() + domain.length() > DnsNames.MAX_NAME) {
            out.error(path, "is " + domain.length() + " characters long; apps and ports are served at *.<domain>, which must stay "
                    + "within 253, so the domain has at most " + (DnsNames.MAX_NAME - WILDCARD_PREFIX.length()));
        }
    }

    private static void database(Coder.Database db, PlanValidator.Problems out) {
        String path = BASE + ".database";
        Coder.External ext = db.external();
        if (db.isInCluster()) {
            if (ext != null) {
                out.warning(path + ".external", "is ignored while inCluster is true (CloudNativePG runs PostgreSQL in the cluster); "
                        + "set inCluster: false to use this server");
            }
            return;
        }
        if (ext == null) {
            out.error(path + ".external", "required when inCluster is false: host, port (5432), database, username, passwordRef and sslMode "
                    + "of your PostgreSQL server");
            return;
        }
        String at = path + ".external";
        if (ext.host() == null || ext.host().isEmpty()) {
            out.error(at + ".host", "required: a DNS name or IPv4 address, e.g. db.example.com");
        } else if (!Endpoints.isHost(ext.host())) {
            out.error(at + ".host", "must be a DNS name or an IPv4 address, without a port or scheme (the port goes in external.port)");
        }
        if (ext.port() != null) {
            if (!Endpoints.isPort(ext.port())) {
                out.error(at + ".port", "must be a port from 1 to 65535; PostgreSQL's usual port is " + Coder.External.DEFAULT_PORT);
            } else if (ext.port() != Coder.External.DEFAULT_PORT) {
                out.warning(at + ".port", "is not PostgreSQL's usual " + Coder.External.DEFAULT_PORT + "; make sure the database listens on "
                        + ext.port());
            }
        }
        if (ext.database() == null || ext.database().isEmpty()) {
            out.error(at + ".database", "required: the PostgreSQL database Coder owns, e.g. coder");
        } else if (!DATABASE_NAME.matcher(ext.database()).matches()) {
            out.error(at + ".database", "must be a plain PostgreSQL name: lower-case letters, digits and '_', starting with a letter or '_', "
                    + "at most 63 characters");
        }
        if (ext.username() == null || ext.username().isEmpty()) {
            out.error(at + ".username", "required: the PostgreSQL user Coder logs in as");
        } else if (ext.username().length() > MAX_DB_USERNAME) {
            out.error(at + ".username", "is longer than " + MAX_DB_USERNAME + " characters, PostgreSQL's limit for a role name");
        }
        SecretRefs.required(out, at + ".passwordRef", ext.passwordRef(), "the PostgreSQL password");
        String mode = ext.sslMode();
        if (mode != null && !mode.isEmpty() && !Coder.External.SSL_MODES.contains(mode)) {
            out.error(at + ".sslMode", "must be one of " + String.join(", ", Coder.External.SSL_MODES)
                    + " (the modes of lib/pq, Coder's PostgreSQL driver); leave it out for " + Coder.External.DEFAULT_SSL_MODE);
        } else if ("disable".equals(mode)) {
            out.warning(at + ".sslMode", "disable sends the database password and data unencrypted; use it only on a private network");
        }
    }

    private static void admin(Coder.Admin admin, PlanValidator.Problems out) {
        String path = BASE + ".admin";
        String name = admin.username();
        if (name == null || name.isEmpty()) {
            out.error(path + ".username", "required: the first user's name, who becomes Coder's owner, e.g. admin");
        } else if (name.length() > MAX_USERNAME) {
            out.error(path + ".username", "is " + name.length() + " characters long; Coder allows at most " + MAX_USERNAME);
        } else if (!USERNAME.matcher(name).matches()) {
            out.error(path + ".username", "must be letters and digits, with single '-' between them (Coder's user name rule), e.g. admin");
        } else if (name.equals("new") || name.equals("create")) {
            out.error(path + ".username", "cannot be '" + name + "': Coder reserves it for its own pages");
        }
        if (admin.email() == null || admin.email().isEmpty()) {
            out.error(path + ".email", "required: the owner's e-mail address, e.g. admin@example.com");
        } else if (!EmailDomains.isAddress(admin.email())) {
            out.error(path + ".email", "must be " + EmailDomains.ADDRESS_RULE);
        }
        SecretRefs.required(out, path + ".passwordRef", admin.passwordRef(), "the owner's password");
    }

    private static void workspaces(Coder.Workspaces workspaces, PlanValidator.Problems out) {
        String path = BASE + ".workspaces.docker";
        String docker = workspaces.docker();
        if (docker == null || docker.isEmpty()) {
            out.error(path, "required: envbox (Docker inside each workspace, in a privileged pod) or none");
        } else if (!Coder.Workspaces.DOCKER.contains(docker)) {
            out.error(path, "must be envbox (Docker inside each workspace, in a privileged pod) or none; no workspace ever gets the "
                    + "host's container runtime socket");
        }
    }
}
