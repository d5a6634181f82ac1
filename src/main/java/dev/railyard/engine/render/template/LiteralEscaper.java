package dev.railyard.engine.render.template;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The value shapes HCL, YAML and JSON share: {@code null}, bare numbers and booleans, and
 * {@code [a, b]} lists whose elements are escaped the same way. Each format supplies only how a
 * string (and a multi-line {@link Block}) is quoted.
 */
abstract class LiteralEscaper implements Escaper {

    private final String format;

    LiteralEscaper(String format) {
        this.format = format;
    }

    @Override
    public final String escape(Object value, int lineIndent) {
        if (value == null) return "null";
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long) return value.toString();
        if (value instanceof List<?> list) {
            return list.stream().map(v -> escape(v, lineIndent)).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Block b) return block(b.text(), lineIndent);
        if (value instanceof String s) return string(s);
        throw new IllegalArgumentException("cannot write a " + value.getClass().getSimpleName() + " into " + format);
    }

    /** A complete literal for one string, quotes included. */
    protected abstract String string(String s);

    /** A multi-line text; by default the same literal as any string. */
    protected String block(String text, int lineIndent) {
        return string(text);
    }
}
