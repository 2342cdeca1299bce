package io.magecloudkit.sandbox.cloudformation;

import java.util.ArrayList;
import java.util.List;

/** Fn::Cidr: consecutive subnets of an IPv4 block, as CloudFormation computes them. */
final class Cidr {
    private Cidr() {
    }

    static List<String> subnets(String block, int count, int hostBits) {
        String[] parts = block.split("/");
        if (parts.length != 2 || count < 1 || count > 256 || hostBits < 1 || hostBits > 32) {
            throw Template.error("Template error: Fn::Cidr cannot split " + block + " into " + count + " subnets of " + hostBits + " host bits");
        }
        long base = toLong(parts[0]);
        int prefix = Integer.parseInt(parts[1]);
        int subnetPrefix = 32 - hostBits;
        if (subnetPrefix < prefix || (1L << (subnetPrefix - prefix)) < count) {
            throw Template.error("Template error: Fn::Cidr cannot split " + block + " into " + count + " subnets of " + hostBits + " host bits");
        }
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        base &= mask;
        List<String> subnets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            subnets.add(toText(base + ((long) i << hostBits)) + "/" + subnetPrefix);
        }
        return subnets;
    }

    private static long toLong(String address) {
        String[] octets = address.trim().split("\\.");
        if (octets.length != 4) {
            throw Template.error("Template error: Fn::Cidr needs an IPv4 block, got " + address);
        }
        long value = 0;
        for (String octet : octets) {
            value = (value << 8) | Integer.parseInt(octet);
        }
        return value;
    }

    private static String toText(long value) {
        return ((value >> 24) & 255) + "." + ((value >> 16) & 255) + "." + ((value >> 8) & 255) + "." + (value & 255);
    }
}
