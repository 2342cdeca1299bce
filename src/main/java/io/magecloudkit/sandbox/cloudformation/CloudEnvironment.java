package io.magecloudkit.sandbox.cloudformation;

import java.util.List;
import java.util.function.Function;

/**
 * What a template sees of the account it runs in: region, account, availability zones,
 * SSM parameters (for AWS::SSM::Parameter::Value parameters) and the region's exports.
 */
record CloudEnvironment(String region, String accountId, Function<String, String> ssmParameters,
        Function<String, String> exports) {

    String partition() {
        return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    String urlSuffix() {
        return region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
    }

    /** us-east-1 has six zones (a to f), other regions three. */
    List<String> availabilityZones(String inRegion) {
        String letters = inRegion.equals("us-east-1") ? "abcdef" : "abc";
        return letters.chars().mapToObj(c -> inRegion + (char) c).toList();
    }
}
