package dev.railyard.engine.secrets;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A reference to a secret value, as written in a plan: {@code keychain:NAME} (Railyard's secret store),
 * {@code env:VAR} (an environment variable at run time) or {@code file:PATH} (a file the user keeps).
 * The plan holds only these; the value is looked up when it is needed, never stored beside the plan.
 */
public record SecretRef(Kind kind, String name) {

    public enum Kind {
        KEYCHAIN("keychain"), ENV("env"), FILE("file");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    private static final Pattern KEYCHAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    /** What a user may write, for messages. */
    public static final String FORMS = "keychain:NAME (letters, digits, '.', '_', '-'), env:VARIABLE or file:PATH";

    public static SecretRef keychain(String name) {
        return parse("keychain:" + name).orElseThrow(() -> new IllegalArgumentException("not a secret name: " + name));
    }

    /** Parses a reference; empty when the text is not one of the three well-formed forms. */
    public static Optional<SecretRef> parse(String text) {
        if (text == null) return Optional.empty();
        int colon = text.indexOf(':');
        if (colon < 0) return Optional.empty();
        String prefix = text.substring(0, colon);
        String rest = text.substring(colon + 1);
        switch (prefix) {
            case "keychain":
                return KEYCHAIN_NAME.matcher(rest).matches() ? Optional.of(new SecretRef(Kind.KEYCHAIN, rest)) : Optional.empty();
            case "env":
                return ENV_NAME.matcher(rest).matches() ? Optional.of(new SecretRef(Kind.ENV, rest)) : Optional.empty();
            case "file":
                return !rest.isBlank() && rest.chars().noneMatch(Character::isISOControl) && rest.length() <= 4096
                        ? Optional.of(new SecretRef(Kind.FILE, rest)) : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return kind.prefix() + ":" + name;
    }
}
