package dev.railyard.engine.validate;

import java.util.regex.Pattern;

/**
 * Container image references in the grammar of the distribution project's {@code reference}
 * package: {@code [registry[:port]/]path[:tag][@sha256:digest]}, path components in lower case.
 */
final class ImageReferences {

    static final String RULE = "an image reference such as registry.example.com/gitpod/installer:release-2022.11.3.1 "
            + "([registry[:port]/]path[:tag][@sha256:digest], path in lower case)";

    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN = DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*(?::[0-9]{1,5})?";
    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String TAG = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
    private static final String DIGEST = "sha256:[a-f0-9]{64}";
    private static final Pattern REFERENCE = Pattern.compile(
            "(?:" + DOMAIN + "/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*(?::" + TAG + ")?(?:@" + DIGEST + ")?");

    static final String REPOSITORY_RULE = "a registry and an optional path, such as registry.example.com/gitpod or 10.0.0.5:5000/mirror"
            + " (no https://, no tag; path in lower case)";

    /** A registry host (with a '.' or ':', or localhost) and optional path components: what the installer prefixes images with. */
    private static final Pattern REPOSITORY = Pattern.compile(
            "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")+(?::[0-9]{1,5})?|" + DOMAIN_COMPONENT + ":[0-9]{1,5}|localhost)"
                    + "(?:/" + PATH_COMPONENT + ")*");

    private ImageReferences() {}

    static boolean isRepositoryPrefix(String s) {
        return s != null && s.length() <= 200 && REPOSITORY.matcher(s).matches();
    }

    static boolean isReference(String s) {
        return s != null && s.length() <= 255 && REFERENCE.matcher(s).matches();
    }
}
