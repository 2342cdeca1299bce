package io.magecloudkit.sandbox.cloudformation;

import java.util.ArrayList;
import java.util.List;

/** Fn::Cidr: consecutive subnets of an IPv4 block, as CloudFormation computes them. */
final class CidrFunction {
    private CidrFunction() {
    }

    static List<String> subnets(String block, int count, int hostBits) {
        String[] parts = block.split("/");
        if (parts.length != 2 || !parts[1].matches("\\d{1,2}") || Integer.parseInt(parts[1]) > 32) {
            throw Template.error("Template error: Fn::Cidr needs an IPv4 block, got " + block);
        }
        if ( count < 1 || count > 256 || hostBits < 1 || hostBits > 32) {
            throw Template.error("Template error: Fn::Cidr cannot split " + block + " into " + count + " subnets of " + hostBits + " host bits");
        }
        long base = toLong(parts[0], block);
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

    private static long toLong(String address, String block) {
        String[] octets = address.trim().split("\\.");
        if (octets.length != 4) {
            throw Template.error("Template error: Fn::Cidr needs an IPv4 block, got " + block);
        }
        long value = 0;
        for (String octet : octets) {
            if (!octet.matches("\\d{1,3}") || Integer.parseInt(octet) > 255) {
                throw Template.error("Template error: Fn::Cidr needs an IPv4 block, got " + block);
            }
            value = (value << 8) | Integer.parseInt(octet);
        }
        return value;
    }

    private static String toText(long value) {
        return ((value >> 24) & 255) + "." + ((value >> 16) & 255) + "." + ((value >> 8) & 255) + "." + (value & 255);
    }
}
