package dev.railyard.engine.validate;

import dev.railyard.engine.plan.Gitpod;
import java.util.Optional;
import java.util.regex.Pattern;

/** Where Gitpod keeps its data: database, container registry and object storage, in-cluster or outside. */
final class GitpodServiceRules {

    private static final String BASE = "spec.gitpod";
    static final int MAX_USERNAME = 80;
    private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private GitpodServiceRules() {}

    static void check(Gitpod gitpod, PlanValidator.Problems out) {
        database(gitpod.database(), out);
        registry(gitpod.registry(), out);
        storage(gitpod.storage(), out);
    }

    private static void database(Gitpod.Database db, PlanValidator.Problems out) {
        String path = BASE + ".database";
        boolean external = !db.isInCluster();
        if (db.host() == null || db.host().isEmpty()) {
            if (external) out.error(path + ".host", "required for an external database: a DNS name or IPv4 address, e.g. db.example.com");
        } else if (!Endpoints.isHost(db.host())) {
            out.error(path + ".host", "must be a DNS name or an IPv4 address, without a port or scheme (the port goes in database.port)");
        }
        if (db.port() == null) {
            if (external) out.error(path + ".port", "required for an external database: the MySQL port, usually " + Gitpod.Database.DEFAULT_PORT);
        } else if (!Endpoints.isPort(db.port())) {
            out.error(path + ".port", "must be a port from 1 to 65535");
        } else if (db.port() != Gitpod.Database.DEFAULT_PORT) {
            out.warning(path + ".port", "is not MySQL's usual " + Gitpod.Database.DEFAULT_PORT + "; make sure the database listens on " + db.port());
        }
        username(path + ".username", db.username(), external, "the database user Gitpod logs in as", out);
        ref(external, path + ".passwordRef", db.passwordRef(), "the database password", out);
    }

    private static void registry(Gitpod.Registry registry, PlanValidator.Problems out) {
        String path = BASE + ".registry";
        boolean external = !registry.isInCluster();
        if (registry.url() == null || registry.url().isEmpty()) {
            if (external) out.error(path + ".url", "required for an external registry: " + Endpoints.REGISTRY_RULE);
        } else {
            Endpoints.whyNotRegistry(registry.url()).ifPresent(why -> out.error(path + ".url", why));
        }
        username(path + ".username", registry.username(), external, "the registry user", out);
        ref(external, path + ".passwordRef", registry.passwordRef(), "the registry password or token", out);
    }

    private static void storage(Gitpod.Storage storage, PlanValidator.Problems out) {
        String path = BASE + ".storage";
        boolean external = !storage.isInCluster();
        if (storage.endpoint() == null || storage.endpoint().isEmpty()) {
            if (external) out.error(path + ".endpoint", "required for external storage: the S3 endpoint, " + Endpoints.HOST_PORT_RULE);
        } else {
            Endpoints.whyNotHostPort(storage.endpoint()).ifPresent(why -> out.error(path + ".endpoint", why));
        }
        if (storage.region() == null || storage.region().isEmpty()) {
            if (external) out.error(path + ".region", "required for external storage: the S3 region, e.g. eu-central-1 or fsn1");
        } else if (storage.region().length() > 64 || !REGION.matcher(storage.region()).matches()) {
            out.error(path + ".region", "must be a region name of lower-case letters, digits and '-', e.g. eu-central-1");
        }
        if (storage.bucket() == null || storage.bucket().isEmpty()) {
            if (external) out.error(path + ".bucket", "required for external storage: the bucket Gitpod stores workspace backups in");
        } else {
            whyNotBucket(storage.bucket()).ifPresent(why -> out.error(path + ".bucket", why));
        }
        ref(external, path + ".accessKeyIdRef", storage.accessKeyIdRef(), "the S3 access key id", out);
        ref(external, path + ".secretAccessKeyRef", storage.secretAccessKeyRef(), "the S3 secret access key", out);
    }

    /** S3's bucket naming rules (general purpose buckets). */
    static Optional<String> whyNotBucket(String bucket) {
        String rule = " (S3 bucket names: 3-63 lower-case letters, digits, '.' and '-', starting and ending with a letter or digit)";
        if (!BUCKET.matcher(bucket).matches()) return Optional.of("is not a valid bucket name" + rule);
        if (bucket.contains("..") || bucket.contains(".-") || bucket.contains("-.")) return Optional.of("has '..', '.-' or '-.'" + rule);
        if (Ipv4.isAddress(bucket)) return Optional.of("looks like an IP address, which S3 does not allow as a bucket name");
        if (bucket.startsWith("xn--") || bucket.startsWith("sthree-")) return Optional.of("starts with a prefix S3 reserves (xn--, sthree-)");
        if (bucket.endsWith("-s3alias") || bucket.endsWith("--ol-s3")) return Optional.of("ends with a suffix S3 reserves (-s3alias, --ol-s3)");
        return Optional.empty();
    }

    /** User names are free text for the outside service; text safety keeps control characters out. */
    private static void username(String path, String value, boolean required, String what, PlanValidator.Problems out) {
        if (value == null || value.isEmpty()) {
            if (required) out.error(path, "required: " + what);
        } else if (value.length() > MAX_USERNAME) {
            out.error(path, "is longer than " + MAX_USERNAME + " characters");
        }
    }

    private static void ref(boolean required, String path, String value, String what, PlanValidator.Problems out) {
        if (required) SecretRefs.required(out, path, value, what);
        else SecretRefs.optional(out, path, value, what);
    }
}
