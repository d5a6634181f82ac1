package dev.railyard.engine.render.template;

/**
 * A multi-line text (a script, a nested file) that an escaper embeds whole, e.g. as a YAML block
 * scalar. The text itself was produced by its own template and escaper.
 */
public record Block(String text) {}
