package io.magecloudkit.provision;

import io.magecloudkit.cfnspec.CfnSpec;
import io.magecloudkit.cfnspec.PropertySpec;
import io.magecloudkit.cfnspec.ResourceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses a change set that would replace or remove a resource holding data (the spec's
 * {@code stateful} resources: databases, caches, file systems, search domains, repositories),
 * unless the user named it with {@code --allow-replacement}. Pure.
 */
public final class ReplacementGuard {
    private final CfnSpec spec;

    public ReplacementGuard(CfnSpec spec) {
        this.spec = spec;
    }

    /** One refused change: what, why, and what would be lost. */
    public record Refusal(String stack, String logicalId, String type, String action, List<String> causes) {
        public String message() {
            String what = "Remove".equals(action) ? "would be removed"
                    : "would be replaced" + (causes.isEmpty() ? "" : " (" + String.join(", ", causes) + " changed)");
            return stack + ": " + logicalId + " (" + type + ") " + what + ", losing the data it holds;"
                    + " allow it with --allow-replacement " + logicalId;
        }
    }

    public List<Refusal> check(String stack, List<ResourceChange> changes, Set<String> allowed) {
        List<Refusal> refusals = new ArrayList<>();
        for (ResourceChange c : changes) {
            boolean destructive = "Remove".equals(c.action()) || ("Modify".equals(c.action()) && c.replaces());
            if (!destructive || allowed.contains(c.logicalId()) || !stateful(c.type())) {
                continue;
            }
            refusals.add(new Refusal(stack, c.logicalId(), c.type(), c.action(), causes(c)));
        }
        return refusals;
    }

    private boolean stateful(String type) {
        return spec.resource(type).map(ResourceSpec::stateful).orElse(false);
    }

    /**
     * The properties that force the replacement: CloudFormation's own when it names them, else
     * the changed properties the spec says cause a replacement.
     */
    List<String> causes(ResourceChange c) {
        if (!c.causes().isEmpty()) {
            return c.causes();
        }
        Optional<ResourceSpec> resource = spec.resource(c.type());
        return c.changed().stream()
                .filter(p -> resource.map(r -> r.properties().get(p)).map(PropertySpec::replacement)
                        .map(r -> r != PropertySpec.Replacement.NO).orElse(false))
                .toList();
    }
}
