package io.magecloudkit.sandbox.ssm;

import java.util.Map;

/**
 * The public parameters AWS publishes under /aws/service/ that the project's templates read
 * (latest AMIs). They exist in every region out of the box and nobody may write them; the
 * values are fixed, plausible AMI ids, since the sandbox launches no machine images.
 */
public final class AwsPublicParameters {
    private static final Map<String, String> VALUES = Map.of(
            "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id", "ami-0a3c14e1ddbe7f23c",
            "/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id", "ami-04b4f1a9cf54c11d0",
            "/aws/service/canonical/ubuntu/server/24.04/stable/current/arm64/hvm/ebs-gp3/ami-id", "ami-0a7a4e87939439934");

    private AwsPublicParameters() {
    }

    /** The parameter as AWS publishes it, or null when it is not one of the public parameters the sandbox has. */
    static SsmApi.Parameter get(String name) {
        String value = VALUES.get(name);
        if (value == null) {
            return null;
        }
        SsmApi.Parameter p = new SsmApi.Parameter();
        p.name = name;
        p.type = "String";
        p.value = value;
        p.version = 1;
        return p;
    }
}
