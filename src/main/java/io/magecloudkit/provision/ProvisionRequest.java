package io.magecloudkit.provision;

import io.magecloudkit.aws.AwsSession;
import io.magecloudkit.cfnspec.CfnSpec;
import io.magecloudkit.config.MckConfig;
import java.time.Duration;
import java.util.Set;

/**
 * What a provision, plan or destroy run is asked to do.
 *
 * @param planOnly          compute and show change sets, then delete them: change nothing
 * @param allowReplacement  logical ids whose replacement or removal the user accepts, data and all
 * @param owner             who holds the lease while this runs (user, host, Jenkins build)
 * @param lockWait          how long to wait for another run of the same environment
 */
public record ProvisionRequest(MckConfig config, String environment, AwsSession aws, CfnSpec spec, boolean planOnly,
        Set<String> allowReplacement, String owner, Duration lockWait, Backoff backoff) {
    public ProvisionRequest {
        allowReplacement = Set.copyOf(allowReplacement);
    }
}
