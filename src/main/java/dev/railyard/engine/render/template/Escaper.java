package dev.railyard.engine.render.template;

/**
 * Turns a value into text that is safe at one place in one file format. Each generated format has
 * exactly one escaper; templates never build quoted strings themselves.
 */
public interface Escaper {

    /**
     * @param value      a String, Number, Boolean, a {@link Block} or a list of those
     * @param lineIndent the indentation (spaces) of the template line the value lands on
     */
    String escape(Object value, int lineIndent);
}
