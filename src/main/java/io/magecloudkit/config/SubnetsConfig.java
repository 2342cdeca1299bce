package io.magecloudkit.config;

import java.util.List;

/**
 * The subnet CIDRs of the three tiers, one per availability zone in AZ order: either written
 * in the file or derived from the VPC CIDR.
 */
public record SubnetsConfig(List<String> publicCidrs, List<String> privateCidrs, List<String> dataCidrs) {
    public SubnetsConfig {
        publicCidrs = List.copyOf(publicCidrs);
        privateCidrs = List.copyOf(privateCidrs);
        dataCidrs = List.copyOf(dataCidrs);
    }
}
