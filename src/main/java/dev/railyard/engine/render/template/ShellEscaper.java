package dev.railyard.engine.render.template;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Values in bash scripts: one shell word each. Plain words stay bare; anything else is single-quoted
 * (nothing expands inside single quotes), and text with control characters uses bash's {@code $'...'}.
 */
public final class ShellEscaper implements Escaper {

    public static final ShellEscaper INSTANCE = new ShellEscaper();

    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_./:@%+,][A-Za-z0-9_./:@%+,=-]*");

    @Override
    public String escape(Object value, int lineIndent) {
        if (value == null) throw new IllegalArgumentException("no value for a shell word");
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long) return value.toString();
        if (value instanceof List<?> list) {
            return list.stream().map(v -> escape(v, lineIndent)).collect(Collectors.joining(" "));
        }
        if (value instanceof Block b) return quote(b.text());
        if (value instanceof String s) return quote(s);
        throw new IllegalArgumentException("cannot write a " + value.getClass().getSimpleName() + " into a shell script");
    }

    public static String quote(String s) {
        WellFormedText.require(s);
        if (BARE.matcher(s).matches()) return s;
        boolean control = s.chars().anyMatch(c -> c != '\n' && c != '\t' && Character.isISOControl(c));
        if (!control) return "'" + s.replace("'", "'\\''") + "'";
        StringBuilder out = new StringBuilder("$'");
        for (char c : s.toCharArray()) {
            if (c == '\'' || c == '\\') {
                out.append('\\').append(c);
            } else if (Character.isISOControl(c)) {
                if (c == 0) throw new IllegalArgumentException("a shell word cannot contain a NUL character");
                // UTF-8 bytes as \xHH: bash expands its u-escapes only in a UTF-8 locale and keeps them literally under LC_ALL=C
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) out.append(String.format("\\x%02x", b & 0xFF));
            } else {
                out.append(c);
            }
        }
        return out.append('\'').toString();
    }
}
