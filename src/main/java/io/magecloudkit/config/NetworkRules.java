package io.magecloudkit.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The VPC layout rules: sizes, derived subnets, containment, overlaps. Pure functions. */
final class NetworkRules {
    /** Subnet tiers, in the order they are cut from the VPC. */
    static final List<String> TIERS = List.of("public", "private", "data");
    /** AWS's smallest subnet. */
    static final int SMALLEST_SUBNET = 28;

    /** A CIDR as written at a key path. */
    record Placed(Cidr cidr, String path) {
    }

    /** One environment's VPC, for the cross-environment overlap check. */
    record Vpc(String environment, String region, Cidr cidr, String path) {
    }

    private NetworkRules() {
    }

    /** Ranges AWS refuses for a VPC, with what they are. */
    static final Map<Cidr, String> RESERVED = reserved();

    private static Map<Cidr, String> reserved() {
        Map<Cidr, String> r = new LinkedHashMap<>();
        r.put(Cidr.parse("0.0.0.0/8"), "\"this network\"");
        r.put(Cidr.parse("127.0.0.0/8"), "loopback");
        r.put(Cidr.parse("169.254.0.0/16"), "link-local, where the instance metadata service lives");
        r.put(Cidr.parse("224.0.0.0/4"), "multicast");
        r.put(Cidr.parse("240.0.0.0/4"), "reserved");
        return Map.copyOf(r);
    }

    /** The SSH allow-list wider than this (fewer prefix bits) is probably a mistake: a warning. */
    static final int WIDEST_SSH_PREFIX = 16;

    /** availabilityZones could not be read: skip the one-subnet-per-zone count. */
    static final int UNKNOWN_AZS = -1;

    /** Why the VPC cannot hold the layout, if it cannot. */
    static Optional<String> vpcProblem(Cidr vpc, int azs) {
        Optional<String> own = vpcProblem(vpc);
        if (own.isPresent()) {
            return own;
        }
        int subnets = TIERS.size() * azs;
        int prefix = vpc.prefix() + bitsFor(subnets);
        if (prefix > SMALLEST_SUBNET) {
            int needed = SMALLEST_SUBNET - bitsFor(subnets);
            return Optional.of("VPC CIDR " + vpc + " is too small for " + TIERS.size() + " tiers x " + azs
                    + " availability zones = " + subnets + " subnets of at least /" + SMALLEST_SUBNET
                    + ": use /" + needed + " or larger");
        }
        return Optional.empty();
    }

    /** Why AWS would refuse the VPC whatever the layout: a reserved range, or a size outside /16../24. */
    static Optional<String> vpcProblem(Cidr vpc) {
        for (Map.Entry<Cidr, String> reserved : RESERVED.entrySet()) {
            if (reserved.getKey().overlaps(vpc)) {
                return Optional.of("VPC CIDR " + vpc + " is in " + reserved.getKey() + " (" + reserved.getValue()
                        + "), which AWS does not allow for a VPC: use a private range such as 10.0.0.0/16");
            }
        }
        if (vpc.prefix() < 16 || vpc.prefix() > 24) {
            return Optional.of("VPC CIDR " + vpc + " has prefix /" + vpc.prefix() + ": use /16 to /24"
                    + " (AWS allows no larger VPC; smaller ones leave too few addresses for the app servers)");
        }
        return Optional.empty();
    }

    /**
     * The default layout: the VPC cut into equal blocks, enough for every tier in every AZ,
     * public first, then private, then data, AZ by AZ.
     */
    static SubnetsConfig derive(Cidr vpc, int azs) {
        int prefix = vpc.prefix() + bitsFor(TIERS.size() * azs);
        List<List<String>> tiers = new ArrayList<>();
        for (int t = 0; t < TIERS.size(); t++) {
            List<String> cidrs = new ArrayList<>();
            for (int az = 0; az < azs; az++) {
                cidrs.add(vpc.subnet(prefix, t * azs + az).toString());
            }
            tiers.add(cidrs);
        }
        return new SubnetsConfig(tiers.get(0), tiers.get(1), tiers.get(2));
    }

    /**
     * Explicit subnets: one per AZ in each tier, inside the VPC, at least /28, none overlapping another.
     *
     * @param tiers tier name → its subnets as written (missing tiers absent)
     * @param tiersPath the path of the {@code subnets} key
     */
    static List<Problem> checkSubnets(String tiersPath, Cidr vpc, int azs, Map<String, List<Placed>> tiers) {
        List<Problem> problems = new ArrayList<>();
        List<Placed> all = new ArrayList<>();
        for (String tier : TIERS) {
            List<Placed> subnets = tiers.get(tier);
            if (subnets == null) {
                problems.add(new Problem(tiersPath, "missing tier '" + tier + "': give all of public, private and data"
                        + " or leave subnets out to derive them from vpcCidr"));
                continue;
            }
            if (azs != UNKNOWN_AZS && subnets.size() != azs) {
                problems.add(new Problem(tiersPath + "." + tier, "has " + subnets.size() + " subnet(s) but availabilityZones is "
                        + azs + ": give one per availability zone"));
            }
            for (Placed s : subnets) {
                if (vpc != null && !vpc.contains(s.cidr())) {
                    problems.add(new Problem(s.path(), s.cidr() + " is outside the VPC CIDR " + vpc));
                }
                if (s.cidr().prefix() > SMALLEST_SUBNET) {
                    problems.add(new Problem(s.path(), s.cidr() + " is smaller than /" + SMALLEST_SUBNET + ", the smallest subnet AWS allows"));
                }
                for (Placed earlier : all) {
                    if (earlier.cidr().overlaps(s.cidr())) {
                        problems.add(new Problem(s.path(), s.cidr() + " overlaps " + earlier.path() + " (" + earlier.cidr() + ")"));
                    }
                }
                all.add(s);
            }
        }
        return problems;
    }

    /**
     * Environments in one region must not overlap: each VPC is peered with the Jenkins VPC, and
     * peered VPCs need distinct ranges.
     */
    static List<Problem> checkOverlaps(List<Vpc> vpcs) {
        List<Problem> problems = new ArrayList<>();
        Map<String, List<Vpc>> byRegion = new LinkedHashMap<>();
        for (Vpc vpc : vpcs) {
            for (Vpc earlier : byRegion.getOrDefault(vpc.region(), List.of())) {
                if (earlier.cidr().overlaps(vpc.cidr())) {
                    problems.add(new Problem(vpc.path(), "VPC CIDR " + vpc.cidr() + " of environment '" + vpc.environment()
                            + "' overlaps " + earlier.path() + " (" + earlier.cidr() + ") in the same region " + vpc.region()
                            + ": environments must not overlap so each can be peered with the Jenkins VPC"));
                }
            }
            byRegion.computeIfAbsent(vpc.region(), r -> new ArrayList<>()).add(vpc);
        }
        return problems;
    }

    /** Why an SSH allow-list is suspiciously wide (a warning, not an error), if it is. */
    static Optional<String> sshWarning(Cidr ssh) {
        if (ssh.prefix() >= WIDEST_SSH_PREFIX) {
            return Optional.empty();
        }
        return Optional.of("sshCidr " + ssh + " lets " + ssh.size() + " addresses reach SSH on the bastion: an office or VPN"
                + " range is usually /" + WIDEST_SSH_PREFIX + " or narrower (or leave sshCidr out and use Session Manager)");
    }

    /** Bits needed to number {@code n} blocks. */
    static int bitsFor(int n) {
        return 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1));
    }
}
