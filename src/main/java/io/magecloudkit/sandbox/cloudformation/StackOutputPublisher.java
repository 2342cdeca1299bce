package io.magecloudkit.sandbox.cloudformation;

import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.cloudformation.StackState.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Publishes a stack's outputs and exports once its resources are in place, as the last step of create and update. */
final class StackOutputPublisher {
    private final StackSimulation.Region region;

    StackOutputPublisher(StackSimulation.Region region) {
        this.region = region;
    }

    /** Evaluates the outputs; returns the failure reason when an export clashes or is still in use, else null. */
    String publish(StackState stack) {
        Template template = Template.parse(stack.templateBody);
        StackContext context = LiveStackContext.of(stack, template, region.environment());
        List<Output> outputs = new ArrayList<>();
        Map<String, String> exports = new LinkedHashMap<>();
        try {
            // Evaluating the resources again records every export the stack imports.
            for (String logicalId : template.resources.keySet()) {
                if (context.included(logicalId) && stack.resources.containsKey(logicalId)) {
                    context.properties(logicalId);
                }
            }
            for (var entry : template.outputs.entrySet()) {
                if (!context.intrinsics.included(entry.getValue())) {
                    continue;
                }
                Output output = new Output();
                output.key = entry.getKey();
                output.value = Intrinsics.scalar(context.intrinsics.evaluate(entry.getValue().get("Value")));
                Object description = entry.getValue().get("Description");
                output.description = description == null ? null : String.valueOf(description);
                if (entry.getValue().get("Export") instanceof Map<?, ?> export && export.get("Name") != null) {
                    output.exportName = Intrinsics.scalar(context.intrinsics.evaluate(export.get("Name")));
                    if (exports.containsKey(output.exportName)) {
                        return "Template error: duplicate export name " + output.exportName;
                    }
                    exports.put(output.exportName, output.value);
                }
                outputs.add(output);
            }
        } catch (SandboxError e) {
            return e.getMessage();
        }
        String conflict = exportConflict(stack, exports);
        if (conflict != null) {
            return conflict;
        }
        stack.outputs = outputs;
        stack.exports = exports;
        stack.imports = context.imports;
        return null;
    }

    private String exportConflict(StackState stack, Map<String, String> exports) {
        for (String name : exports.keySet()) {
            String exporter = region.exporterOf(name, stack.stackId);
            if (exporter != null) {
                return "Export with name " + name + " is already exported by stack " + exporter;
            }
        }
        for (var entry : stack.exports.entrySet()) {
            List<String> importers = region.importersOf(entry.getKey(), stack.stackId);
            if (importers.isEmpty()) {
                continue;
            }
            if (!exports.containsKey(entry.getKey())) {
                return "Export " + entry.getKey() + " cannot be deleted as it is in use by " + String.join(", ", importers);
            }
            if (!exports.get(entry.getKey()).equals(entry.getValue())) {
                return "Cannot update export " + entry.getKey() + " as it is in use by " + String.join(", ", importers);
            }
        }
        return null;
    }
}
