package dev.railyard.engine.validate;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * E-mail addresses and their domains, as Railyard accepts them. The local part is kept to the
 * characters real mailboxes use (letters, digits, '.', '_', '+', '-'): RFC 5322 would also allow
 * quotes, '$', '{', '#' and backticks, which have no business in a generated file.
 */
final class EmailDomains {

    static final String ADDRESS_RULE = "an e-mail address such as ops@example.com: letters, digits, '.', '_', '+' "
            + "and '-' before the '@', a DNS name after it";

    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9_+-]+(\\.[A-Za-z0-9_+-]+)*");

    private EmailDomains() {}

    /** Why {@code s} is not an e-mail domain (as Gitpod's passlist wants), or empty when it is one. */
    static Optional<String> whyNotDomain(String s) {
        if (s == null || s.isEmpty()) return Optional.of("is empty");
        if (s.contains("@")) {
            String domain = s.substring(s.lastIndexOf('@') + 1);
            return Optional.of("contains '@'; list the e-mail domain only" + (DnsNames.isDomain(domain) ? ", e.g. " + domain : ""));
        }
        return DnsNames.whyNotName(s, 2);
    }

    static boolean isDomain(String s) {
        return whyNotDomain(s).isEmpty();
    }

    static boolean isAddress(String s) {
        if (s == null || s.length() > 254) return false;
        int at = s.lastIndexOf('@');
        if (at <= 0 || at != s.indexOf('@')) return false;
        String local = s.substring(0, at);
        return local.length() <= 64 && LOCAL.matcher(local).matches() && DnsNames.isDomain(s.substring(at + 1).toLowerCase(java.util.Locale.ROOT));
    }
}
