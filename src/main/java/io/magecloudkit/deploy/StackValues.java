package io.magecloudkit.deploy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a deploy needs from the environment's stacks: names and ids provision creates. Until
 * provision writes its outputs, the CLI fills this from options; every field left null takes the
 * naming convention's default (see {@link DeployNames}).
 *
 * @param apps             app name → where its service runs
 * @param taskRoleArn      the tasks' IAM role
 * @param executionRoleArn the role ECS pulls images, reads secrets and writes logs with
 * @param efsFileSystemId  the media file system ({@code fs-...}); null: no shared media volume
 * @param efsAccessPointId the access point for {@code pub/media}; null for none
 * @param logGroup         the awslogs group of the environment's tasks
 * @param domain           the shop's host name for the default smoke check URL (overrides the config's)
 */
public record StackValues(Map<String, ServiceTarget> apps, String taskRoleArn, String executionRoleArn,
        String efsFileSystemId, String efsAccessPointId, String logGroup, String domain) {

    public StackValues {
        apps = Collections.unmodifiableMap(new LinkedHashMap<>(apps));
    }

    public static StackValues none() {
        return new StackValues(Map.of(), null, null, null, null, null, null);
    }

    public ServiceTarget app(String name) {
        return apps.getOrDefault(name, ServiceTarget.NONE);
    }

    /**
     * One app's service.
     *
     * @param cluster        cluster name or ARN; null: {@code <project>-<env>-<cluster>}
     * @param service        service name or ARN; null: {@code <project>-<env>-<app>}
     * @param targetGroupArn the load balancer target group of the app; null: no target health in the gate
     */
    public record ServiceTarget(String cluster, String service, String targetGroupArn) {
        public static final ServiceTarget NONE = new ServiceTarget(null, null, null);
    }
}
