package dev.railyard.engine.render.template;

/**
 * Java strings can hold unpaired UTF-16 surrogates, which are not text: written to a UTF-8 file they
 * silently become '?'. Every escaper refuses them instead of changing the value.
 */
final class WellFormedText {

    private WellFormedText() {}

    static void require(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(String.format("the text has an unpaired surrogate U+%04X at index %d; it is not valid Unicode", (int) c, i));
            }
        }
    }
}
