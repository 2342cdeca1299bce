package io.magecloudkit.sandbox.cloudformation;

import java.util.List;
import java.util.Map;

/** The typed requests of the CloudFormation control plane, as the wire layer parses them. */
final class StackRequests {
    private StackRequests() {
    }

    /** The constant names are AWS's OnFailure values. */
    enum OnFailure { DO_NOTHING, ROLLBACK, DELETE }

    /** One member of a request's Parameters list. */
    record ParameterInput(String key, String value, boolean usePreviousValue) {
    }

    /** Where the template comes from: the given body, or the stack's current template. */
    record TemplateInput(String body, boolean usePrevious) {
    }

    record CreateStack(String stackName, TemplateInput template, List<ParameterInput> parameters, List<String> capabilities,
            Map<String, String> tags, OnFailure onFailure, boolean disableRollback, boolean terminationProtection,
            String clientRequestToken) {
    }

    /** @param tags null keeps the stack's tags; @param disableRollback null keeps the stack's setting */
    record UpdateStack(String stackName, TemplateInput template, List<ParameterInput> parameters, List<String> capabilities,
            Map<String, String> tags, Boolean disableRollback, String clientRequestToken) {
    }

    /** @param tags null takes the stack's tags */
    record CreateChangeSet(String stackName, String changeSetName, ChangeSetState.Type type, String description,
            TemplateInput template, List<ParameterInput> parameters, List<String> capabilities, Map<String, String> tags) {
    }

    record ExecuteChangeSet(String changeSetName, String stackName, Boolean disableRollback, String clientRequestToken) {
    }

    /** One export of the region. */
    record Export(String exportingStackId, String name, String value) {
    }

    /** The resources DescribeStackResources selected, with the stack they belong to. */
    record StackResources(StackState stack, List<StackState.Resource> resources) {
    }
}
