package dev.railyard.engine.validate;

import java.util.OptionalLong;
import java.util.regex.Pattern;

/** Dotted-quad IPv4 addresses, strictly: four decimal numbers 0-255 without leading zeros. */
final class Ipv4 {

    private static final Pattern OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");

    private Ipv4() {}

    /** The address as an unsigned 32-bit number, or empty when the text is not an IPv4 address. */
    static OptionalLong parse(String s) {
        if (s == null) return OptionalLong.empty();
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) return OptionalLong.empty();
        long value = 0;
        for (String part : parts) {
            if (!OCTET.matcher(part).matches()) return OptionalLong.empty();
            int octet = Integer.parseInt(part);
            if (octet > 255) return OptionalLong.empty();
            value = value << 8 | octet;
        }
        return OptionalLong.of(value);
    }

    static boolean isAddress(String s) {
        return parse(s).isPresent();
    }

    static String format(long address) {
        return (address >>> 24 & 255) + "." + (address >>> 16 & 255) + "." + (address >>> 8 & 255) + "." + (address & 255);
    }
}
