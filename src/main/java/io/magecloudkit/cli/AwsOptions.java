package io.magecloudkit.cli;

import io.magecloudkit.aws.AwsSession;
import io.magecloudkit.aws.AwsSettings;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** Options of the commands that talk to AWS. */
public final class AwsOptions {
    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region (default: the configuration's, then AWS_REGION).")
    String region;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Named profile from ~/.aws/config for credentials (default: the SDK's default chain).")
    String profile;

    @Option(names = "--role-arn", paramLabel = "ARN",
            description = "Assume this IAM role; the session is named after the Jenkins BUILD_TAG when set.")
    String roleArn;

    @Option(names = "--external-id", paramLabel = "ID", description = "External id for --role-arn.")
    String externalId;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Send every AWS call to this endpoint (the sandbox, LocalStack); default AWS_ENDPOINT_URL.")
    String endpointUrl; // text, not URI: checked by AwsSession exactly like AWS_ENDPOINT_URL

    /** Not an option: mck demo sets the sandbox's keys here for the commands it runs; null for the profile or default chain. */
    AwsCredentialsProvider credentials;

    /** Settings with this run's flags; {@code configRegion} is used when --region is absent. */
    AwsSettings settings(String configRegion) {
        return AwsSettings.builder()
                .region(region != null ? region : configRegion)
                .profile(profile)
                .roleArn(roleArn)
                .externalId(externalId)
                .endpoint(endpointUrl == null ? null : AwsSession.parseEndpoint(endpointUrl))
                .credentials(credentials)
                .build();
    }
}
