package dev.railyard.engine.cluster;

/** IPv4 range arithmetic, just enough to compare the ranges k3s and Tailscale use. */
public final class Cidrs {

    private Cidrs() {}

    /** Whether {@code outer} (a.b.c.d/n) contains all of {@code inner}; false for anything that is not IPv4 CIDR. */
    public static boolean contains(String outer, String inner) {
        long[] o = parse(outer);
        long[] i = parse(inner);
        if (o == null || i == null || o[1] > i[1]) return false;
        long mask = o[1] == 0 ? 0 : (0xFFFFFFFFL << (32 - o[1])) & 0xFFFFFFFFL;
        return (o[0] & mask) == (i[0] & mask);
    }

    public static boolean containsAddress(String cidr, String address) {
        return contains(cidr, address + "/32");
    }

    private static long[] parse(String cidr) {
        if (cidr == null) return null;
        String[] parts = cidr.split("/");
        if (parts.length != 2) return null;
        String[] octets = parts[0].split("\\.");
        if (octets.length != 4) return null;
        try {
            long address = 0;
            for (String octet : octets) {
                int value = Integer.parseInt(octet);
                if (value < 0 || value > 255) return null;
                address = (address << 8) | value;
            }
            int bits = Integer.parseInt(parts[1]);
            if (bits < 0 || bits > 32) return null;
            return new long[] {address, bits};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
