package dev.railyard.engine.validate;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * RFC 1123 host names as Railyard accepts them: lower-case ASCII letters, digits and '-', labels of
 * 1-63 characters that neither start nor end with '-', at most 253 characters, no trailing dot and no
 * wildcard. The last label may not be all digits, so that a mistyped IPv4 address is never taken
 * for a name (RFC 3696, section 2).
 */
final class DnsNames {

    static final int MAX_NAME = 253;
    static final int MAX_LABEL = 63;
    static final String LABEL_RULE = "lower-case letters, digits and '-', starting and ending with a letter or digit";
    static final String NAME_RULE = "labels of " + LABEL_RULE + ", each at most 63 characters, joined by '.', "
            + "at most 253 characters in all";

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private DnsNames() {}

    /** A DNS-1123 label: what Kubernetes and Railyard use for names. */
    static boolean isLabel(String s) {
        return s != null && LABEL.matcher(s).matches();
    }

    static boolean isName(String s) {
        return whyNotName(s, 1).isEmpty();
    }

    /** A name with at least two labels, as public domains have. */
    static boolean isDomain(String s) {
        return whyNotName(s, 2).isEmpty();
    }

    /**
     * Why {@code s} is not a DNS name with at least {@code minLabels} labels, or empty when it is one.
     * The reason is a phrase that fits after "the value ..." style messages.
     */
    static Optional<String> whyNotName(String s, int minLabels) {
        if (s == null || s.isEmpty()) return Optional.of("is empty");
        if (s.contains("*")) return Optional.of("contains a wildcard '*'; give the plain name, Railyard adds the wildcards it needs");
        if (s.length() > MAX_NAME) return Optional.of("is " + s.length() + " characters long; a DNS name has at most 253");
        if (s.endsWith(".")) return Optional.of("ends with '.'; leave the trailing dot out");
        if (s.startsWith(".") || s.contains("..")) return Optional.of("has an empty label (two dots in a row or a leading dot)");
        String[] labels = s.split("\\.", -1);
        if (labels.length < minLabels) {
            return Optional.of("has " + labels.length + " label" + (labels.length == 1 ? "" : "s")
                    + "; a domain needs at least " + minLabels + ", e.g. gitpod.example.com");
        }
        for (String label : labels) {
            if (label.length() > MAX_LABEL) {
                return Optional.of("has the label '" + label.substring(0, 20) + "...' of " + label.length()
                        + " characters; each label has at most 63");
            }
        }
        boolean upper = s.chars().anyMatch(c -> c >= 'A' && c <= 'Z');
        if (upper) {
            String lower = s.toLowerCase(java.util.Locale.ROOT);
            if (whyNotName(lower, minLabels).isEmpty()) return Optional.of("has upper-case letters; write it in lower case: " + lower);
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.of("is not a DNS name: use " + NAME_RULE);
            }
        }
        if (DIGITS.matcher(labels[labels.length - 1]).matches()) {
            return Optional.of("ends in an all-digit label, so it is neither a DNS name nor an IPv4 address");
        }
        return Optional.empty();
    }
}
