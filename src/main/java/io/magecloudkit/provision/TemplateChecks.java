package io.magecloudkit.provision;

import com.fasterxml.jackson.databind.JsonNode;
import io.magecloudkit.cfnspec.CfnSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every check over a rendered plan: each template against the CloudFormation spec, its
 * references, MageCloudKit's house rules and CloudFormation's size limit; across stacks, that
 * every parameter a template declares without a default is given, and every value taken from
 * another stack is an output of an earlier stack.
 */
public final class TemplateChecks {
    private final SpecCheck specCheck;
    private final ReferenceCheck referenceCheck;
    private final HouseRules houseRules;

    public TemplateChecks(CfnSpec spec) {
        this.specCheck = new SpecCheck(spec);
        this.referenceCheck = new ReferenceCheck(spec);
        this.houseRules = new HouseRules(spec);
    }

    /** Every finding over the plan, stack by stack in plan order; empty when the plan passes. */
    public List<Finding> check(StackPlan plan) {
        List<Finding> findings = new ArrayList<>();
        Map<String, TemplateDocument> docs = new HashMap<>();
        for (RenderedStack stack : plan.stacks()) {
            docs.put(stack.name(), TemplateDocument.parse(label(stack), stack.body(), findings));
        }
        Map<String, Set<String>> loadBalancerGroups = loadBalancerGroups(plan, docs);
        List<String> earlier = new ArrayList<>();
        for (RenderedStack stack : plan.stacks()) {
            TemplateDocument doc = docs.get(stack.name());
            if (stack.bodyBytes() > RenderedStack.MAX_TEMPLATE_BODY_BYTES) {
                findings.add(doc.finding("(template)", stack.bodyBytes() + " bytes: over CloudFormation's "
                        + RenderedStack.MAX_TEMPLATE_BODY_BYTES + "-byte TemplateBody limit"));
            }
            specCheck.check(doc, findings);
            referenceCheck.check(doc, findings);
            houseRules.check(doc, loadBalancerGroups.getOrDefault(stack.name(), Set.of()), findings);
            parameters(stack, doc, docs, earlier, findings);
            earlier.add(stack.name());
        }
        return findings;
    }

    private static String label(RenderedStack stack) {
        return stack.name() + " (" + stack.template() + ")";
    }

    private static void parameters(RenderedStack stack, TemplateDocument doc, Map<String, TemplateDocument> docs,
            List<String> earlier, List<Finding> findings) {
        Map<String, JsonNode> declared = doc.section("Parameters");
        Set<String> given = new HashSet<>();
        for (StackParameter p : stack.parameters()) {
            given.add(p.key());
            String path = "Parameters." + p.key();
            if (!declared.containsKey(p.key())) {
                findings.add(doc.finding(path, "is given a value but the template declares no such parameter"));
            }
            OutputRef source = p.source();
            if (source == null) {
                if (HouseRules.holdsSecret(p.key()) && !HouseRules.isReference(p.value())) {
                    findings.add(doc.finding(path, "is given a secret in plain text; give a reference"
                            + " (an SSM parameter or Secrets Manager ARN, or {{resolve:...}})"));
                }
                continue;
            }
            if (!earlier.contains(source.stack())) {
                findings.add(doc.finding(path, "takes outputs of " + source.stack() + ", which is not an earlier stack of the plan"));
                continue;
            }
            TemplateDocument from = docs.get(source.stack());
            for (String output : source.outputs()) {
                if (!from.root.path("Outputs").has(output)) {
                    findings.add(doc.finding(path, "takes output '" + output + "' of " + from.label + ", which declares no such output"));
                }
            }
        }
        declared.forEach((name, p) -> {
            if (!p.has("Default") && !given.contains(name)) {
                findings.add(doc.finding("Parameters." + name, "has no default and the plan gives it no value"));
            }
        });
    }

    /**
     * The security groups that front a load balancer, by stack: named directly by a load balancer
     * of the same template, or passed to one as a parameter from another stack's output.
     */
    static Map<String, Set<String>> loadBalancerGroups(StackPlan plan, Map<String, TemplateDocument> docs) {
        Map<String, Set<String>> groups = new HashMap<>();
        for (RenderedStack stack : plan.stacks()) {
            TemplateDocument doc = docs.get(stack.name());
            doc.resources().forEach((name, resource) -> {
                if (!resource.path("Type").asText().equals("AWS::ElasticLoadBalancingV2::LoadBalancer")) {
                    return;
                }
                for (JsonNode g : resource.path("Properties").path("SecurityGroups")) {
                    String ref = g.path("Ref").asText("");
                    if (doc.resources().containsKey(ref)) {
                        groups.computeIfAbsent(stack.name(), k -> new HashSet<>()).add(ref);
                    }
                    Optional<StackParameter> param = stack.parameters().stream()
                            .filter(p -> p.key().equals(ref) && p.source() != null).findFirst();
                    param.ifPresent(p -> {
                        TemplateDocument from = docs.get(p.source().stack());
                        if (from == null) {
                            return;
                        }
                        for (String output : p.source().outputs()) {
                            String group = from.root.path("Outputs").path(output).path("Value").path("Ref").asText("");
                            if (!group.isEmpty()) {
                                groups.computeIfAbsent(p.source().stack(), k -> new HashSet<>()).add(group);
                            }
                        }
                    });
                }
            });
        }
        return groups;
    }
}
