package io.magecloudkit.sandbox.cloudformation;

import io.magecloudkit.sandbox.SandboxError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Every stack and change set of the region and what they see of it (exports, SSM parameters,
 * injected failures): the records the control plane works on and the simulation advances.
 */
final class CloudFormationRegion implements StackSimulation.Region {
    final String region;
    final String accountId;
    final List<StackState> stacks = new ArrayList<>();
    final List<ChangeSetState> changeSets = new ArrayList<>();
    final Map<String, String> injectedFailures = new HashMap<>();
    private Function<String, String> ssmParameters = name -> null;

    CloudFormationRegion(String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
    }

    void setSsmParameterLookup(Function<String, String> lookup) {
        this.ssmParameters = Objects.requireNonNull(lookup);
    }

    /** The value of an SSM parameter, or null. */
    String ssmParameter(String name) {
        return ssmParameters.apply(name);
    }

    String arn(String kind, String name, String id) {
        return "arn:aws:cloudformation:" + region + ":" + accountId + ":" + kind + "/" + name + "/" + id;
    }

    /** A live stack by name, or any stack (deleted ones too) by id, as DescribeStacks finds them. */
    StackState stack(String nameOrId) {
        StackState stack = findStack(nameOrId);
        if (stack == null) {
            throw validation("Stack with id " + nameOrId + " does not exist");
        }
        return stack;
    }

    /** A live stack by name, or any stack by id; null when there is none. */
    StackState findStack(String nameOrId) {
        return nameOrId.startsWith("arn:") ? stackById(nameOrId) : liveStack(nameOrId);
    }

    StackState liveStack(String name) {
        for (StackState stack : stacks) {
            if (stack.stackName.equals(name) && !stack.deleted()) {
                return stack;
            }
        }
        return null;
    }

    StackState stackById(String id) {
        for (StackState stack : stacks) {
            if (stack.stackId.equals(id)) {
                return stack;
            }
        }
        return null;
    }

    ChangeSetState changeSet(String nameOrArn, String stackName) {
        for (ChangeSetState cs : changeSets) {
            if (nameOrArn.startsWith("arn:") ? cs.id.equals(nameOrArn)
                    : cs.name.equals(nameOrArn) && stackName != null
                            && (cs.stackName.equals(stackName) || cs.stackId.equals(stackName))) {
                return cs;
            }
        }
        if (!nameOrArn.startsWith("arn:") && stackName == null) {
            throw validation("StackName must be specified if ChangeSetName is not specified as an ARN.");
        }
        throw new SandboxError(404, "ChangeSetNotFound", "ChangeSet [" + nameOrArn + "] does not exist");
    }

    @Override
    public CloudEnvironment environment() {
        return new CloudEnvironment(region, accountId, this::ssmParameter, this::exportValue);
    }

    private String exportValue(String name) {
        for (StackState stack : stacks) {
            if (!stack.deleted() && stack.exports.containsKey(name)) {
                return stack.exports.get(name);
            }
        }
        return null;
    }

    @Override
    public String exporterOf(String exportName, String exceptStackId) {
        for (StackState stack : stacks) {
            if (!stack.deleted() && !stack.stackId.equals(exceptStackId) && stack.exports.containsKey(exportName)) {
                return stack.stackName;
            }
        }
        return null;
    }

    @Override
    public List<String> importersOf(String exportName, String exceptStackId) {
        List<String> importers = new ArrayList<>();
        for (StackState stack : stacks) {
            if (!stack.deleted() && !stack.stackId.equals(exceptStackId) && stack.imports.contains(exportName)) {
                importers.add(stack.stackName);
            }
        }
        return importers;
    }

    @Override
    public String takeInjectedFailure(String logicalId, String operation) {
        return injectedFailures.remove(operation + ":" + logicalId);
    }

    @Override
    public void operationFinished(StackState stack, boolean succeeded) {
        for (ChangeSetState cs : changeSets) {
            if (cs.id.equals(stack.changeSetId) && cs.executionStatus == ChangeSetState.ExecutionStatus.EXECUTE_IN_PROGRESS) {
                cs.executionStatus = succeeded ? ChangeSetState.ExecutionStatus.EXECUTE_COMPLETE
                        : ChangeSetState.ExecutionStatus.EXECUTE_FAILED;
            }
        }
        if (stack.deleted()) {
            changeSets.removeIf(cs -> cs.stackId.equals(stack.stackId));
        }
    }

    static SandboxError validation(String message) {
        return new SandboxError(400, "ValidationError", message);
    }
}
