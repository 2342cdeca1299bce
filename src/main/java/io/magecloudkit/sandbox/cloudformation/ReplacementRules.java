package io.magecloudkit.sandbox.cloudformation;

import io.magecloudkit.cfnspec.CfnSpec;
import io.magecloudkit.cfnspec.PropertySpec;
import io.magecloudkit.cfnspec.PropertySpec.Replacement;

/**
 * Which property changes make CloudFormation replace a resource, read from the CloudFormation
 * spec the engine checks templates against, so the sandbox and the checks cannot disagree.
 */
final class ReplacementRules {
    private static final ReplacementRules STANDARD = new ReplacementRules(CfnSpec.bundled());

    private final CfnSpec spec;

    ReplacementRules(CfnSpec spec) {
        this.spec = spec;
    }

    static ReplacementRules standard() {
        return STANDARD;
    }

    /** YES, NO or MAYBE (CloudFormation's "Conditional") for a change of one top-level property. */
    Replacement replacement(String type, String property) {
        return spec.resource(type).map(r -> r.properties().get(property)).map(PropertySpec::replacement)
                .orElse(Replacement.NO);
    }

    /** Whether the simulation replaces on this change: a "maybe" is judged an in-place update. */
    boolean requiresReplacement(String type, String property) {
        return replacement(type, property) == Replacement.YES;
    }
}
