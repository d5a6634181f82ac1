package dev.railyard.engine.cluster;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blanks out anything in exported text that looks like a credential. Deliberately greedy: a support
 * bundle with a hash redacted by mistake is fine; one with a live token is not.
 */
public final class CredentialPatternRedactor {

    public static final String MASK = "[REDACTED]";

    private record Rule(Pattern pattern, String replacement) {}

    private static final List<Rule> RULES = List.of(
            // PEM private keys of any kind, across lines
            new Rule(Pattern.compile("-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----.*?(-----END \\1PRIVATE KEY-----|\\z)", Pattern.DOTALL),
                    "-----BEGIN $1PRIVATE KEY-----" + MASK + "-----END $1PRIVATE KEY-----"),
            // Authorization headers
            new Rule(Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{8,}"), "$1 " + MASK),
            // JWTs such as service-account tokens
            new Rule(Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"), MASK),
            // Tailscale auth and API keys
            new Rule(Pattern.compile("\\btskey-[A-Za-z0-9_-]+"), "tskey-" + MASK),
            // k3s join tokens K10<hash>::server:<secret>
            new Rule(Pattern.compile("\\bK10[0-9a-fA-F]+::[A-Za-z0-9_]+:[A-Za-z0-9]+"), MASK),
            // key=value / key: value where the key names a secret (password=, token:, apiToken, client_secret ...)
            new Rule(Pattern.compile("(?i)([\"']?[A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|apikey|api[_-]key|credentials?|auth[_-]?key|joinkey)[\"']?\\s*[=:]\\s*[\"']?)([^\\s\"',;}&]+)"),
                    "$1" + MASK),
            // URLs with user:password@
            new Rule(Pattern.compile("(?i)([a-z][a-z0-9+.-]*://[^/\\s:@]+:)[^@\\s/]+@"), "$1" + MASK + "@"),
            // hcloud API tokens and other 64-character random tokens (not sha256 digests, which are hex after 'sha256:')
            new Rule(Pattern.compile("(?<![A-Za-z0-9:])(?<!sha256:)[A-Za-z0-9]{64}(?![A-Za-z0-9])"), MASK));

    private CredentialPatternRedactor() {}

    public static String redact(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = text;
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(out);
            out = m.replaceAll(rule.replacement());
        }
        return out;
    }
}
