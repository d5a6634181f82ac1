package dev.railyard.engine.render.existing;

import dev.railyard.engine.render.template.Escaper;
import dev.railyard.engine.render.template.ShellEscaper;

/**
 * Values in the existing-host install scripts: shell words through {@link ShellEscaper}, and
 * {@link HeredocBody} texts (already escaped for their own format, YAML or bash) inside quoted heredocs.
 */
final class HostScriptEscaper implements Escaper {

    static final HostScriptEscaper INSTANCE = new HostScriptEscaper();

    private HostScriptEscaper() {}

    @Override
    public String escape(Object value, int lineIndent) {
        if (value instanceof HeredocBody body) return heredoc(body.text(), lineIndent);
        return ShellEscaper.INSTANCE.escape(value, lineIndent);
    }

    private static String heredoc(String text, int lineIndent) {
        if (lineIndent != 0) throw new IllegalArgumentException("a heredoc body starts at the beginning of its line");
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (body.isEmpty()) throw new IllegalArgumentException("an empty heredoc body");
        for (String line : body.split("\n", -1)) {
            if (line.strip().equals(HeredocBody.DELIMITER)) {
                throw new IllegalArgumentException("a heredoc body contains its delimiter " + HeredocBody.DELIMITER + " on a line of its own");
            }
        }
        if (body.indexOf('\0') >= 0 || body.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a heredoc body contains a NUL or carriage return");
        }
        return body;
    }
}
