package io.magecloudkit.config;

/**
 * An IPv4 CIDR block with the arithmetic the network layout needs.
 * Pure value: parsing rejects anything AWS would reject, including host bits set.
 */
public record Cidr(long network, int prefix) {

    public Cidr {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix /" + prefix + " is outside /0../32");
        }
        if ((network & ~mask(prefix) & 0xFFFFFFFFL) != 0) {
            throw new IllegalArgumentException("host bits are set in " + format(network) + "/" + prefix);
        }
    }

    /**
     * Parses {@code a.b.c.d/n}.
     *
     * @throws IllegalArgumentException with a message fit for the user; when only the host
     *         bits are wrong it says which block was probably meant
     */
    public static Cidr parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("expected an IPv4 CIDR like 10.0.0.0/16");
        }
        String s = text.trim();
        int slash = s.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + s + "' is not a CIDR block: expected a.b.c.d/prefix, e.g. 10.0.0.0/16");
        }
        long address = parseAddress(s.substring(0, slash), s);
        String p = s.substring(slash + 1);
        if (!p.matches("[0-9]{1,2}") || (p.length() > 1 && p.startsWith("0"))) {
            throw new IllegalArgumentException("'" + s + "' has no valid prefix length: expected /0../32");
        }
        int prefix = Integer.parseInt(p);
        if (prefix > 32) {
            throw new IllegalArgumentException("'" + s + "' has prefix /" + prefix + ": IPv4 prefixes go up to /32");
        }
        long network = address & mask(prefix);
        if (network != address) {
            throw new IllegalArgumentException("'" + s + "' has host bits set (did you mean " + format(network) + "/" + prefix + "?)");
        }
        return new Cidr(network, prefix);
    }

    private static long parseAddress(String a, String whole) {
        String[] parts = a.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + whole + "' is not a CIDR block: expected four numbers a.b.c.d before the /");
        }
        long value = 0;
        for (String part : parts) {
            if (!part.matches("[0-9]{1,3}") || Integer.parseInt(part) > 255) {
                throw new IllegalArgumentException("'" + whole + "' is not a CIDR block: '" + part + "' is not a number 0..255");
            }
            if (part.length() > 1 && part.startsWith("0")) {
                // Some tools read 010 as octal 8, others as 10: AWS refuses it, and so do we.
                throw new IllegalArgumentException("'" + whole + "' has a leading zero in '" + part + "': write "
                        + Integer.parseInt(part));
            }
            value = (value << 8) | Integer.parseInt(part);
        }
        return value;
    }

    private static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    private static String format(long address) {
        return ((address >> 24) & 0xFF) + "." + ((address >> 16) & 0xFF) + "." + ((address >> 8) & 0xFF) + "." + (address & 0xFF);
    }

    /** Number of addresses in the block. */
    public long size() {
        return 1L << (32 - prefix);
    }

    public long last() {
        return network + size() - 1;
    }

    public boolean contains(Cidr other) {
        return other.network >= network && other.last() <= last();
    }

    public boolean overlaps(Cidr other) {
        return network <= other.last() && other.network <= last();
    }

    /**
     * The {@code index}-th block of prefix {@code newPrefix} inside this one.
     *
     * @throws IllegalArgumentException when it does not fit
     */
    public Cidr subnet(int newPrefix, int index) {
        if (newPrefix < prefix || newPrefix > 32) {
            throw new IllegalArgumentException("cannot cut /" + newPrefix + " blocks out of " + this);
        }
        long count = 1L << (newPrefix - prefix);
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException(this + " holds only " + count + " /" + newPrefix + " blocks");
        }
        return new Cidr(network + index * (1L << (32 - newPrefix)), newPrefix);
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefix;
    }
}
