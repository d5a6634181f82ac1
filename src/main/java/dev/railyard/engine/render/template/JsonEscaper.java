package dev.railyard.engine.render.template;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Values in JSON and HuJSON files (the Tailscale policy): strings become JSON string literals, so a
 * value can never close its string, start a comment or add a key; lists become JSON arrays.
 */
public final class JsonEscaper implements Escaper {

    public static final JsonEscaper INSTANCE = new JsonEscaper();

    @Override
    public String escape(Object value, int lineIndent) {
        if (value == null) return "null";
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long) return value.toString();
        if (value instanceof List<?> list) {
            return list.stream().map(v -> escape(v, lineIndent)).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Block b) return quote(b.text());
        if (value instanceof String s) return quote(s);
        throw new IllegalArgumentException("cannot write a " + value.getClass().getSimpleName() + " into JSON");
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
