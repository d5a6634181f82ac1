package dev.railyard.engine.render;

import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.ClusterPlan;
import java.util.Objects;
import java.util.Optional;

/**
 * What renderers read: the (valid) plan, the catalog, and, only when the user asked for files with
 * secrets in them, the secret values.
 */
public record RenderInput(ClusterPlan plan, Catalog catalog, Optional<SecretValues> secrets) {

    public RenderInput {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(secrets, "secrets");
    }

    public static RenderInput withoutSecrets(ClusterPlan plan, Catalog catalog) {
        return new RenderInput(plan, catalog, Optional.empty());
    }

    /** The value to write for a secret reference: the real one with secrets, a visible placeholder without. */
    public String secretOrPlaceholder(String ref) {
        return secrets.map(s -> s.value(ref)).orElseGet(() -> placeholder(ref));
    }

    /** A placeholder that says where the real value comes from; valid in every format as a plain string. */
    public static String placeholder(String ref) {
        return "REPLACE_ME_FROM_" + ref.replaceAll("[^A-Za-z0-9]+", "_").toUpperCase(java.util.Locale.ROOT);
    }
}
