package dev.railyard.engine.render.readme;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plan values inside the export README: as code spans in prose, as single shell words in commands. */
final class Markdown {

    private static final Pattern BACKTICK_RUN = Pattern.compile("`+");

    private Markdown() {}

    /**
     * A CommonMark code span that shows the value literally: the fence is one backtick longer than the
     * longest run inside it, and line breaks (which would end a table row) become spaces.
     */
    static String code(String value) {
        String text = value.replaceAll("[\\r\\n\\u0085\\u2028\\u2029]", " ").replaceAll("\\p{Cntrl}", "?");
        int longest = 0;
        Matcher m = BACKTICK_RUN.matcher(text);
        while (m.find()) longest = Math.max(longest, m.group().length());
        String fence = "`".repeat(longest + 1);
        boolean pad = text.startsWith("`") || text.endsWith("`");
        return fence + (pad ? " " : "") + text + (pad ? " " : "") + fence;
    }

    /** One shell word for a command in a fenced block; a value with a line break could end the fence. */
    static String shell(String value) {
        if (value.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029)) {
            throw new IllegalStateException("a plan value with a line break cannot go into the README's commands: validate the plan first");
        }
        return dev.railyard.engine.render.template.ShellEscaper.quote(value);
    }
}
