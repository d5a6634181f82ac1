package dev.railyard.engine.render.template;

/**
 * Values in YAML files. Strings are always double-quoted (so {@code yes}, {@code 0755}, {@code #} or
 * {@code : } never change type or meaning); {@link Block}s become literal block scalars when that is
 * safe and quoted strings otherwise.
 *
 * <p>{@link #forTerraformTemplate()} also escapes {@code ${} and {@code %{}: cloud-init files for
 * the clouds are passed through Terraform's {@code templatefile()}, and a value must not become an
 * interpolation there either.
 */
public final class YamlEscaper extends LiteralEscaper {

    private static final YamlEscaper PLAIN = new YamlEscaper(false);
    private static final YamlEscaper TERRAFORM_TEMPLATE = new YamlEscaper(true);

    private final boolean terraformTemplate;

    private YamlEscaper(boolean terraformTemplate) {
        super("YAML");
        this.terraformTemplate = terraformTemplate;
    }

    public static YamlEscaper plain() {
        return PLAIN;
    }

    public static YamlEscaper forTerraformTemplate() {
        return TERRAFORM_TEMPLATE;
    }

    @Override
    protected String string(String s) {
        return tf(quote(s));
    }

    private String tf(String s) {
        return terraformTemplate ? s.replace("${", "$${").replace("%{", "%%{") : s;
    }

    /** A YAML double-quoted scalar; every character that could end or bend it is escaped. */
    public static String quote(String s) {
        WellFormedText.require(s);
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (needsEscape(c)) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static boolean needsEscape(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\uFEFF'
                || c == '\uFFFE' || c == '\uFFFF';
    }

    @Override
    protected String block(String text, int lineIndent) {
        WellFormedText.require(text);
        if (!blockSafe(text)) return tf(quote(text));
        String indent = " ".repeat(lineIndent + 2);
        String chomp;
        String body = text;
        if (text.endsWith("\n\n")) {
            chomp = "+";
        } else if (text.endsWith("\n")) {
            chomp = "";
            body = text.substring(0, text.length() - 1);
        } else {
            chomp = "-";
        }
        if (chomp.equals("+")) body = text.substring(0, text.length() - 1);
        StringBuilder out = new StringBuilder("|").append(chomp);
        for (String line : body.split("\n", -1)) {
            out.append('\n');
            if (!line.isEmpty()) out.append(indent).append(line);
        }
        return tf(out.toString());
    }

    /** Literal blocks keep text verbatim, but they cannot hold every character or an empty text. */
    private static boolean blockSafe(String text) {
        if (text.isEmpty() || text.isBlank()) return false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\t') continue;
            if (c == '\r' || c == '\u0085' || needsEscape(c)) return false;
        }
        // A first line that starts with a space needs an indentation indicator, which is relative to
        // the parent node's indentation; parsers disagree on that inside "- key: |2", so quote instead.
        String firstContent = text.lines().filter(l -> !l.isEmpty()).findFirst().orElse("");
        return !text.strip().isEmpty() && !text.startsWith("\n") && !firstContent.startsWith(" ");
    }
}
