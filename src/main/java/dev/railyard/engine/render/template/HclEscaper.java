package dev.railyard.engine.render.template;

/**
 * Values in Terraform (HCL) files: strings become quoted template literals in which {@code ${} and
 * {@code %{} are escaped, so no value can start an interpolation or a directive.
 */
public final class HclEscaper extends LiteralEscaper {

    public static final HclEscaper INSTANCE = new HclEscaper();

    private HclEscaper() {
        super("HCL");
    }

    @Override
    protected String string(String s) {
        return quote(s);
    }

    public static String quote(String s) {
        WellFormedText.require(s);
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '$' -> out.append(next == '{' ? "$$" : "$");
                case '%' -> out.append(next == '{' ? "%%" : "%");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\uFEFF') {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
