package io.magecloudkit.aws;

/** The ARN partition a region belongs to, for ARNs the engine writes itself. Pure. */
public final class Partition {
    private Partition() {
    }

    /** aws-cn for the China regions, aws-us-gov for GovCloud, aws everywhere else. */
    public static String of(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }
}
