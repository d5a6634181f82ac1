package dev.railyard.engine.render.template;

/**
 * Values in JSON and HuJSON files (the Tailscale policy): strings become JSON string literals, so a
 * value can never close its string, start a comment or add a key; lists become JSON arrays.
 */
public final class JsonEscaper extends LiteralEscaper {

    public static final JsonEscaper INSTANCE = new JsonEscaper();

    private JsonEscaper() {
        super("JSON");
    }

    @Override
    protected String string(String s) {
        return quote(s);
    }

    /** A JSON string literal (RFC 8259); U+2028/U+2029 are escaped too, as JavaScript-based parsers choke on them. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029' || c == '\uFEFF'
                            || Character.isSurrogate(c) && !validSurrogateAt(s, i)) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
