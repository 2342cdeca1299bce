package io.magecloudkit.cfnspec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One CloudFormation resource type as the spec describes it.
 *
 * @param properties the resource's top-level properties by name
 * @param types      its property types (the values of {@link TypeExpr.Named}) by name
 * @param attributes what {@code Fn::GetAtt} may ask for, by name, with their types
 * @param stateful   the spec marks it as holding data (a replacement loses it)
 */
public record ResourceSpec(String type, Map<String, PropertySpec> properties, Map<String, Map<String, PropertySpec>> types,
        Map<String, TypeExpr> attributes, boolean stateful) {

    public ResourceSpec {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** The properties of a named property type of this resource, empty when there is no such type. */
    public Optional<Map<String, PropertySpec>> propertyType(String name) {
        return Optional.ofNullable(types.get(name));
    }
}
