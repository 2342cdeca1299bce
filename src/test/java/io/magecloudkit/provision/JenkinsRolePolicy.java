package io.magecloudkit.provision;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Allow statements of the Jenkins role's inline policies in iam.yml, resolved for one environment,
 * and whether they allow an IAM action (on a resource). Statements under {@code Fn::If} count as when
 * their condition holds (the environment names secrets); a resource that is a {@code Ref} to a list
 * parameter takes the given value; {@code Fn::GetAtt} resources stay unresolved and match no ARN.
 * The managed policy (AmazonSSMManagedInstanceCore, for Session Manager) is not counted: the engine's
 * rights must not hang on it.
 */
public final class JenkinsRolePolicy {
    /** One Allow statement: action patterns, resource patterns (resolved; null where unresolvable), whether it has a Condition. */
    public record Statement(String sid, List<String> actions, List<String> resources, boolean conditional) {
        boolean allowsAction(String action) {
            return actions.stream().anyMatch(a -> wildcard(a, action));
        }

        boolean allows(String action, String arn) {
            return allowsAction(action) && resources.stream().anyMatch(r -> r != null && wildcard(r, arn));
        }
    }

    private static final Pattern SUB = Pattern.compile("\\$\\{([A-Za-z:]+)}");

    private final List<Statement> statements;

    private JenkinsRolePolicy(List<Statement> statements) {
        this.statements = List.copyOf(statements);
    }

    public List<Statement> statements() {
        return statements;
    }

    /**
     * Reads iam.yml from the classpath.
     *
     * @param values Project, Environment, AWS::Partition, AWS::Region, AWS::AccountId (strings) and the
     *               list parameters (SsmParameterArns, SecretArns) as lists
     */
    public static JenkinsRolePolicy read(Map<String, Object> values) {
        try (InputStream in = JenkinsRolePolicy.class.getResourceAsStream(CloudFormationTemplates.ROOT + "iam.yml")) {
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The role as provision renders it for this environment of this configuration, in this account. */
    public static JenkinsRolePolicy forEnvironment(io.magecloudkit.config.MckConfig config, String environment, String account) {
        var env = config.environments().get(environment);
        ExecutionRoleSecrets secrets = ExecutionRoleSecrets.of(config, env);
        return read(Map.of("Project", config.project(), "Environment", environment,
                "AWS::Partition", io.magecloudkit.aws.Partition.of(env.region()), "AWS::Region", env.region(), "AWS::AccountId", account,
                "SsmParameterArns", secrets.ssmParameters(), "SecretArns", secrets.secrets()));
    }

    @SuppressWarnings("unchecked")
    static JenkinsRolePolicy parse(String yaml, Map<String, Object> values) {
        Map<String, Object> template = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        Map<String, Object> role = (Map<String, Object>) ((Map<String, Object>) template.get("Resources")).get("JenkinsRole");
        List<Map<String, Object>> policies = (List<Map<String, Object>>) ((Map<String, Object>) role.get("Properties")).get("Policies");
        List<Statement> out = new ArrayList<>();
        for (Map<String, Object> policy : policies) {
            Map<String, Object> document = (Map<String, Object>) policy.get("PolicyDocument");
            for (Object s : (List<Object>) document.get("Statement")) {
                Map<String, Object> statement = (Map<String, Object>) whenTrue(s);
                if (statement == null || !"Allow".equals(statement.get("Effect"))) {
                    continue;
                }
                List<String> resources = new ArrayList<>();
                for (Object r : asList(statement.get("Resource"))) {
                    resolve(r, values, resources);
                }
                out.add(new Statement((String) statement.get("Sid"),
                        asList(statement.get("Action")).stream().map(String.class::cast).toList(), resources,
                        statement.containsKey("Condition")));
            }
        }
        return new JenkinsRolePolicy(out);
    }

    /** IAM's service prefix of each SDK client's service name. */
    private static final Map<String, String> PREFIXES = Map.of("Ecs", "ecs", "CloudFormation", "cloudformation", "Ssm", "ssm",
            "SecretsManager", "secretsmanager", "CloudWatchLogs", "logs", "Ecr", "ecr", "Sts", "sts",
            "ElasticLoadBalancingV2", "elasticloadbalancing");

    /**
     * The IAM action an SDK call needs: {@code <prefix>:<Operation>} (these services name their actions
     * after their operations); null for sts:GetCallerIdentity, which needs no permission.
     *
     * @throws IllegalArgumentException for a service this table does not know, so a new client is noticed
     */
    public static String iamAction(String sdkService, String operation) {
        String prefix = PREFIXES.get(sdkService);
        if (prefix == null) {
            throw new IllegalArgumentException("no IAM prefix known for SDK service " + sdkService + " (operation " + operation + ")");
        }
        return prefix.equals("sts") && operation.equals("GetCallerIdentity") ? null : prefix + ":" + operation;
    }

    /** True when an Allow statement names the action (whatever its resource). */
    public boolean allowsAction(String action) {
        return statements.stream().anyMatch(s -> s.allowsAction(action));
    }

    /** True when an unconditional Allow statement names the action and a resource pattern matching the ARN. */
    public boolean allows(String action, String arn) {
        return statements.stream().anyMatch(s -> !s.conditional() && s.allows(action, arn));
    }

    /** IAM's matching: case-insensitive for actions in practice, {@code *} any run of characters, {@code ?} one. */
    static boolean wildcard(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(value).matches();
    }

    /** The true branch of an {@code Fn::If}; null for {@code AWS::NoValue}. */
    @SuppressWarnings("unchecked")
    private static Object whenTrue(Object node) {
        if (node instanceof Map<?, ?> m && m.containsKey("Fn::If")) {
            return whenTrue(((List<Object>) m.get("Fn::If")).get(1));
        }
        if (node instanceof Map<?, ?> m && "AWS::NoValue".equals(m.get("Ref"))) {
            return null;
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static void resolve(Object resource, Map<String, Object> values, List<String> into) {
        Object r = whenTrue(resource);
        if (r == null) {
            return;
        }
        if (r instanceof String s) {
            into.add(s);
        } else if (r instanceof Map<?, ?> m && m.get("Fn::Sub") instanceof String template) {
            Matcher v = SUB.matcher(template);
            StringBuilder resolved = new StringBuilder();
            while (v.find()) {
                Object value = values.get(v.group(1));
                if (!(value instanceof String)) {
                    throw new IllegalArgumentException("no value for ${" + v.group(1) + "} in " + template);
                }
                v.appendReplacement(resolved, Matcher.quoteReplacement((String) value));
            }
            into.add(v.appendTail(resolved).toString());
        } else if (r instanceof Map<?, ?> m && m.get("Ref") instanceof String name && values.get(name) instanceof List<?> list) {
            list.forEach(item -> into.add((String) item));
        } else if (r instanceof List<?> list) {
            list.forEach(item -> resolve(item, values, into));
        } else {
            into.add(null); // Fn::GetAtt of a resource of the stack: not known before it exists
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object node) {
        if (node == null) {
            return List.of();
        }
        return node instanceof List<?> l ? (List<Object>) l : List.of(node);
    }
}
