package io.magecloudkit.sandbox.cloudformation;

import io.magecloudkit.sandbox.server.QueryRequest;
import io.magecloudkit.sandbox.cloudformation.StackRequests.CreateChangeSet;
import io.magecloudkit.sandbox.cloudformation.StackRequests.CreateStack;
import io.magecloudkit.sandbox.cloudformation.StackRequests.ExecuteChangeSet;
import io.magecloudkit.sandbox.cloudformation.StackRequests.OnFailure;
import io.magecloudkit.sandbox.cloudformation.StackRequests.ParameterInput;
import io.magecloudkit.sandbox.cloudformation.StackRequests.TemplateInput;
import io.magecloudkit.sandbox.cloudformation.StackRequests.UpdateStack;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire layer's way in: CloudFormation query parameters to typed requests, checked against
 * the constraints of the API model (required members, patterns, lengths, enums, booleans) with
 * AWS's wording, so the control plane only sees well-formed values.
 */
final class CloudFormationRequestParser {
    /** CloudFormation's limit for a template passed in the request body, in bytes. */
    static final int MAX_TEMPLATE_BODY = 51_200;
    private static final String NAME_PATTERN = "[a-zA-Z][-a-zA-Z0-9]*";

    private enum Capability { CAPABILITY_IAM, CAPABILITY_NAMED_IAM, CAPABILITY_AUTO_EXPAND }

    private CloudFormationRequestParser() {
    }

    static CreateStack createStack(QueryRequest q) {
        String name = name(q, "StackName");
        if (q.has("DisableRollback") && q.has("OnFailure")) {
            throw CloudFormationRegion.validation("You cannot specify both DisableRollback and OnFailure.");
        }
        return new CreateStack(name, template(q), parameters(q), capabilities(q), tags(q),
                q.enumValue("OnFailure", OnFailure.class), q.flag("DisableRollback"), q.flag("EnableTerminationProtection"),
                q.get("ClientRequestToken"));
    }

    static UpdateStack updateStack(QueryRequest q) {
        return new UpdateStack(q.required("StackName"), template(q), parameters(q), capabilities(q),
                givesTags(q) ? tags(q) : null, q.bool("DisableRollback"), q.get("ClientRequestToken"));
    }

    static CreateChangeSet createChangeSet(QueryRequest q) {
        String stackName = q.required("StackName");
        String name = name(q, "ChangeSetName");
        String typeName = q.get("ChangeSetType") == null ? "UPDATE" : q.get("ChangeSetType");
        ChangeSetState.Type type = switch (typeName) {
            case "CREATE" -> ChangeSetState.Type.CREATE;
            case "UPDATE" -> ChangeSetState.Type.UPDATE;
            default -> throw CloudFormationRegion.validation("ChangeSetType " + typeName + " is not supported by the sandbox (CREATE or UPDATE)");
        };
        if (type == ChangeSetState.Type.CREATE) {
            checkName("StackName", stackName);
        }
        return new CreateChangeSet(stackName, name, type, q.get("Description"), template(q), parameters(q), capabilities(q),
                givesTags(q) ? tags(q) : null);
    }

    /** Tags arrive as Tags.member.N.Key / .Value, or as an empty "Tags" to clear them; absent means "keep". */
    private static boolean givesTags(QueryRequest q) {
        return q.has("Tags") || !q.structs("Tags").isEmpty();
    }

    static ExecuteChangeSet executeChangeSet(QueryRequest q) {
        return new ExecuteChangeSet(q.required("ChangeSetName"), q.get("StackName"), q.bool("DisableRollback"),
                q.get("ClientRequestToken"));
    }

    /** The template body, or none when the request asks for the previous template (checked against the stack later). */
    private static TemplateInput template(QueryRequest q) {
        if (q.flag("UsePreviousTemplate")) {
            return new TemplateInput(null, true);
        }
        return new TemplateInput(templateBody(q), false);
    }

    static String templateBody(QueryRequest q) {
        if (q.get("TemplateURL") != null) {
            throw CloudFormationRegion.validation("TemplateURL is not supported: the sandbox has no S3. Pass the template as TemplateBody.");
        }
        String body = q.get("TemplateBody");
        if (body == null) {
            throw CloudFormationRegion.validation("Either Template URL or Template Body must be specified.");
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_TEMPLATE_BODY) {
            throw CloudFormationRegion.validation("1 validation error detected: Value at 'templateBody' failed to satisfy constraint: "
                    + "Member must have length less than or equal to " + MAX_TEMPLATE_BODY);
        }
        return body;
    }

    private static List<ParameterInput> parameters(QueryRequest q) {
        List<ParameterInput> parameters = new ArrayList<>();
        List<Map<String, String>> structs = q.structs("Parameters");
        for (int i = 0; i < structs.size(); i++) {
            Map<String, String> parameter = structs.get(i);
            String key = QueryRequest.requiredField(parameter, "Parameters", i + 1, "ParameterKey");
            String usePrevious = parameter.get("UsePreviousValue");
            if (usePrevious != null && !usePrevious.equalsIgnoreCase("true") && !usePrevious.equalsIgnoreCase("false")) {
                throw QueryRequest.invalid("Parameters." + (i + 1) + ".member.UsePreviousValue", usePrevious,
                        "Member must be a boolean (true or false)");
            }
            parameters.add(new ParameterInput(key, parameter.getOrDefault("ParameterValue", ""), "true".equalsIgnoreCase(usePrevious)));
        }
        return parameters;
    }

    private static Map<String, String> tags(QueryRequest q) {
        Map<String, String> tags = new LinkedHashMap<>();
        List<Map<String, String>> structs = q.structs("Tags");
        for (int i = 0; i < structs.size(); i++) {
            tags.put(QueryRequest.requiredField(structs.get(i), "Tags", i + 1, "Key"), structs.get(i).getOrDefault("Value", ""));
        }
        return tags;
    }

    private static List<String> capabilities(QueryRequest q) {
        List<String> capabilities = q.list("Capabilities");
        for (String capability : capabilities) {
            if (Arrays.stream(Capability.values()).noneMatch(c -> c.name().equals(capability))) {
                throw QueryRequest.invalid("Capabilities", capabilities.toString(), "Member must satisfy constraint: "
                        + "[Member must satisfy enum value set: " + Arrays.toString(Capability.values()) + "]");
            }
        }
        return capabilities;
    }

    /** A stack or change set name, checked against the API's pattern. */
    private static String name(QueryRequest q, String member) {
        String name = q.required(member);
        checkName(member, name);
        return name;
    }

    private static void checkName(String member, String name) {
        if (!name.matches(NAME_PATTERN) || name.length() > 128) {
            throw QueryRequest.invalid(member, name, "Member must satisfy regular expression pattern: " + NAME_PATTERN);
        }
    }

    /** Where a page starts: the offset a previous page's NextToken carries. */
    static int pageStart(QueryRequest q) {
        String token = q.get("NextToken");
        if (token == null) {
            return 0;
        }
        try {
            int from = Integer.parseInt(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8));
            if (from < 0) {
                throw new IllegalArgumentException("negative offset");
            }
            return from;
        } catch (IllegalArgumentException e) {
            throw CloudFormationRegion.validation("Invalid NextToken");
        }
    }
}
