package dev.railyard.engine.validate;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** IPv4 CIDR blocks: parsing with a reason, host bits, containment and overlap. */
final class Cidrs {

    static final String RULE = "an IPv4 CIDR block such as 10.42.0.0/16 (address/prefix, prefix 0-32)";

    private static final Pattern PREFIX = Pattern.compile("0|[1-9][0-9]?");

    /** A block as written; {@code address} may have host bits set, {@link #network()} never does. */
    record Cidr(long address, int prefix) {

        long mask() {
            return prefix == 0 ? 0 : 0xFFFFFFFFL << (32 - prefix) & 0xFFFFFFFFL;
        }

        long network() {
            return address & mask();
        }

        long last() {
            return network() | ~mask() & 0xFFFFFFFFL;
        }

        boolean hasHostBits() {
            return address != network();
        }

        boolean contains(long ip) {
            return (ip & mask()) == network();
        }

        boolean overlaps(Cidr other) {
            return network() <= other.last() && other.network() <= last();
        }

        /** The block written without host bits, e.g. 10.42.0.0/16 for 10.42.1.7/16. */
        String canonical() {
            return Ipv4.format(network()) + "/" + prefix;
        }

        boolean isEverything() {
            return prefix == 0;
        }
    }

    private Cidrs() {}

    static Optional<Cidr> parse(String s) {
        if (s == null) return Optional.empty();
        int slash = s.indexOf('/');
        if (slash < 0 || slash != s.lastIndexOf('/')) return Optional.empty();
        OptionalLong address = Ipv4.parse(s.substring(0, slash));
        String prefix = s.substring(slash + 1);
        if (address.isEmpty() || !PREFIX.matcher(prefix).matches()) return Optional.empty();
        int bits = Integer.parseInt(prefix);
        if (bits > 32) return Optional.empty();
        return Optional.of(new Cidr(address.getAsLong(), bits));
    }

    static boolean isCidr(String s) {
        return parse(s).isPresent();
    }
}
