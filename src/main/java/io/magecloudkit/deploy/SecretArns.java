package io.magecloudkit.deploy;

import io.magecloudkit.aws.Partition;
import io.magecloudkit.config.SecretRef;

/**
 * Turns a secret reference of the configuration into the {@code valueFrom} ECS wants: a full ARN
 * in the environment's region and account. Pure.
 */
public final class SecretArns {
    private SecretArns() {
    }

    /**
     * @return an ARN; for one key of a JSON secret ECS's {@code <secret ARN>:<json-key>::} form
     */
    public static String valueFrom(SecretRef ref, String region, String account) {
        String partition = Partition.of(region);
        return switch (ref.store()) {
            case SSM -> ref.isArn() ? ref.id()
                    : "arn:" + partition + ":ssm:" + region + ":" + account + ":parameter/" + stripSlash(ref.id());
            case SECRETS_MANAGER -> {
                String arn = ref.isArn() ? ref.id()
                        : "arn:" + partition + ":secretsmanager:" + region + ":" + account + ":secret:" + ref.id();
                yield ref.jsonKey() == null ? arn : arn + ":" + ref.jsonKey() + "::";
            }
        };
    }

    private static String stripSlash(String name) {
        return name.startsWith("/") ? name.substring(1) : name;
    }
}
