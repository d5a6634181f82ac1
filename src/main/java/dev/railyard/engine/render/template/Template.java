package dev.railyard.engine.render.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small logic-less template (a subset of Mustache): {@code {{name}}} inserts a value through the
 * file format's {@link Escaper}, {@code {{#name}}...{{/name}}} repeats for a list or shows for true,
 * {@code {{^name}}...{{/name}}} shows for false/empty, {@code {{! comment}}} vanishes. A tag alone on
 * its line takes the line with it. There is no way to insert a value unescaped: that is the point.
 *
 * <p>Lookups are strict: a name that no context map defines is a bug in the renderer and fails loudly
 * instead of rendering an empty string.
 */
public final class Template {

    private static final Pattern TAG = Pattern.compile("\\{\\{([#^/!]?)\\s*([^{}]*?)\\s*}}");

    private sealed interface Node permits Text, Var, Section {}

    private record Text(String text) implements Node {}

    private record Var(String name, int lineIndent, int line) implements Node {}

    private record Section(String name, boolean inverted, List<Node> children, int line) implements Node {}

    private final String name;
    private final List<Node> nodes;

    private Template(String name, List<Node> nodes) {
        this.name = name;
        this.nodes = nodes;
    }

    /** Loads {@code /templates/<path>} from the classpath. */
    public static Template resource(String path) {
        String resource = "/templates/" + path;
        try (InputStream in = Template.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("template missing from the build: " + resource);
            return parse(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Template parse(String name, String source) {
        Deque<List<Node>> stack = new ArrayDeque<>();
        Deque<String> open = new ArrayDeque<>();
        Deque<Section> pending = new ArrayDeque<>();
        stack.push(new ArrayList<>());
        Matcher m = TAG.matcher(source);
        int pos = 0;
        while (m.find(pos)) {
            String sigil = m.group(1);
            String tagName = m.group(2);
            int start = m.start();
            int end = m.end();
            int lineStart = source.lastIndexOf('\n', start - 1) + 1;
            int lineEnd = source.indexOf('\n', end);
            if (lineEnd < 0) lineEnd = source.length();
            boolean standalone = !sigil.isEmpty()
                    && source.substring(lineStart, start).isBlank()
                    && source.substring(end, lineEnd).isBlank();
            int line = lineOf(source, start);
            if (standalone) {
                // drop the whole line: leading blanks, the tag, trailing blanks and the newline
                addText(stack.peek(), source.substring(pos, Math.max(pos, lineStart)));
                pos = Math.min(source.length(), lineEnd + 1);
            } else {
                addText(stack.peek(), source.substring(pos, start));
                pos = end;
            }
            switch (sigil) {
                case "!":
                    break;
                case "#":
                case "^": {
                    List<Node> children = new ArrayList<>();
                    Section section = new Section(tagName, sigil.equals("^"), children, line);
                    stack.peek().add(section);
                    stack.push(children);
                    open.push(tagName);
                    pending.push(section);
                    break;
                }
                case "/":
                    if (open.isEmpty() || !open.peek().equals(tagName)) {
                        throw new IllegalStateException(name + ":" + line + ": {{/" + tagName + "}} closes "
                                + (open.isEmpty() ? "nothing" : "{{#" + open.peek() + "}}"));
                    }
                    open.pop();
                    pending.pop();
                    stack.pop();
                    break;
                default:
                    // YAML's compact notation ("- key: {{x}}") nests the node after each "- ", so a block
                    // scalar there must be indented past the indicators, not just past the leading spaces
                    int indent = 0;
                    while (lineStart + indent < start && (source.charAt(lineStart + indent) == ' '
                            || source.startsWith("- ", lineStart + indent) && lineStart + indent + 2 <= start)) {
                        indent += source.charAt(lineStart + indent) == ' ' ? 1 : 2;
                    }
                    stack.peek().add(new Var(tagName, indent, line));
            }
        }
        addText(stack.peek(), source.substring(pos));
        if (!open.isEmpty()) {
            throw new IllegalStateException(name + ":" + pending.peek().line() + ": {{#" + open.peek() + "}} is never closed");
        }
        return new Template(name, List.copyOf(stack.pop()));
    }

    private static void addText(List<Node> into, String text) {
        if (!text.isEmpty()) into.add(new Text(text));
    }

    private static int lineOf(String s, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) if (s.charAt(i) == '\n') line++;
        return line;
    }

    public String render(Map<String, ?> context, Escaper escaper) {
        Objects.requireNonNull(escaper, "escaper");
        StringBuilder out = new StringBuilder();
        Deque<Object> stack = new ArrayDeque<>();
        stack.push(context);
        render(nodes, stack, escaper, out);
        return out.toString();
    }

    private void render(List<Node> list, Deque<Object> stack, Escaper escaper, StringBuilder out) {
        for (Node node : list) {
            if (node instanceof Text t) {
                out.append(t.text());
            } else if (node instanceof Var v) {
                Object value = lookup(stack, v.name(), v.line());
                try {
                    out.append(escaper.escape(value, v.lineIndent()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(name + ":" + v.line() + ": {{" + v.name() + "}}: " + e.getMessage(), e);
                }
            } else if (node instanceof Section s) {
                Object value = lookup(stack, s.name(), s.line());
                boolean truthy = truthy(value);
                if (s.inverted()) {
                    if (!truthy) render(s.children(), stack, escaper, out);
                } else if (truthy) {
                    if (value instanceof List<?> items) {
                        for (Object item : items) {
                            stack.push(item);
                            render(s.children(), stack, escaper, out);
                            stack.pop();
                        }
                    } else if (value instanceof Map<?, ?>) {
                        stack.push(value);
                        render(s.children(), stack, escaper, out);
                        stack.pop();
                    } else {
                        render(s.children(), stack, escaper, out);
                    }
                }
            }
        }
    }

    private static boolean truthy(Object value) {
        if (value == null) return false;
        if (value instanceof Boolean b) return b;
        if (value instanceof List<?> l) return !l.isEmpty();
        if (value instanceof String s) return !s.isEmpty();
        return true;
    }

    private Object lookup(Deque<Object> stack, String dotted, int line) {
        if (dotted.equals(".")) return stack.peek();
        String[] parts = dotted.split("\\.");
        for (Object frame : stack) {
            if (frame instanceof Map<?, ?> map && map.containsKey(parts[0])) {
                Object value = map.get(parts[0]);
                for (int i = 1; i < parts.length; i++) {
                    if (!(value instanceof Map<?, ?> inner) || !inner.containsKey(parts[i])) {
                        throw new IllegalStateException(name + ":" + line + ": no value for {{" + dotted + "}}");
                    }
                    value = inner.get(parts[i]);
                }
                return value;
            }
        }
        throw new IllegalStateException(name + ":" + line + ": no value for {{" + dotted + "}}");
    }

    public String name() {
        return name;
    }
}
