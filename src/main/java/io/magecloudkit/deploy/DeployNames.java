package io.magecloudkit.deploy;

/** The naming convention provision follows for what a deploy touches; pure. */
public final class DeployNames {
    private DeployNames() {
    }

    public static String family(String project, String env, String app) {
        return project + "-" + env + "-" + app;
    }

    /** The family of a task definition ARN ({@code .../family:revision}) or {@code family:revision}. */
    static String familyOf(String taskDefinition) {
        String revision = HealthGate.revision(taskDefinition);
        int colon = revision.lastIndexOf(':');
        return colon > 0 ? revision.substring(0, colon) : revision;
    }

    public static String service(String project, String env, String app) {
        return project + "-" + env + "-" + app;
    }

    public static String cluster(String project, String env, String cluster) {
        return project + "-" + env + "-" + cluster;
    }

    public static String logGroup(String project, String env) {
        return "/magecloudkit/" + project + "/" + env;
    }

    public static String role(String partition, String account, String project, String env, String which) {
        return "arn:" + partition + ":iam::" + account + ":role/" + project + "-" + env + "-" + which;
    }

    /** Where the deploy keeps its lease and history in SSM Parameter Store. */
    public static String parameterPrefix(String project, String env, String app) {
        return "/magecloudkit/" + project + "/" + env + "/" + app + "/";
    }
}
