package io.magecloudkit.cfnspec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CloudFormation resource specification, read from the extract that ships in the jar
 * ({@value #RESOURCE}, made by {@link SpecExtractGenerator}). Immutable; load it once with
 * {@link #bundled()}.
 */
public final class CfnSpec {
    public static final String RESOURCE = "/io/magecloudkit/cfnspec/aws-service-spec.json";

    private static volatile CfnSpec bundled;

    private final String version;
    private final String dbSha256;
    private final Map<String, ResourceSpec> resources;

    private CfnSpec(String version, String dbSha256, Map<String, ResourceSpec> resources) {
        this.version = version;
        this.dbSha256 = dbSha256;
        this.resources = Collections.unmodifiableMap(resources);
    }

    /** The extract shipped in the jar. */
    public static CfnSpec bundled() {
        CfnSpec spec = bundled;
        if (spec == null) {
            try (InputStream in = CfnSpec.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the class path");
                }
                spec = parse(new ObjectMapper().readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
            bundled = spec;
        }
        return spec;
    }

    /** Reads an extract's text (what {@link SpecExtractGenerator#generate} returns). */
    public static CfnSpec parse(String extract) {
        try {
            return parse(new ObjectMapper().readTree(extract));
        } catch (IOException e) {
            throw new UncheckedIOException("not a spec extract", e);
        }
    }

    private static CfnSpec parse(JsonNode root) {
        Map<String, ResourceSpec> resources = new LinkedHashMap<>();
        root.path("resources").fields().forEachRemaining(r -> {
            JsonNode node = r.getValue();
            Map<String, Map<String, PropertySpec>> types = new LinkedHashMap<>();
            node.path("types").fields().forEachRemaining(t -> types.put(t.getKey(), properties(t.getValue())));
            Map<String, TypeExpr> attributes = new LinkedHashMap<>();
            node.path("attributes").fields().forEachRemaining(a -> attributes.put(a.getKey(), TypeExpr.parse(a.getValue().asText())));
            resources.put(r.getKey(), new ResourceSpec(r.getKey(), properties(node.path("properties")), types, attributes,
                    node.path("stateful").asBoolean(false)));
        });
        return new CfnSpec(root.path("version").asText(), root.path("dbJsonGzSha256").asText(), resources);
    }

    private static Map<String, PropertySpec> properties(JsonNode node) {
        Map<String, PropertySpec> props = new LinkedHashMap<>();
        node.fields().forEachRemaining(p -> props.put(p.getKey(), PropertySpec.parse(p.getKey(), p.getValue().asText())));
        return props;
    }

    /** The {@code @aws-cdk/aws-service-spec} version the extract was made from. */
    public String version() {
        return version;
    }

    /** The SHA-256 of the {@code db.json.gz} the extract was made from (hex). */
    public String dbSha256() {
        return dbSha256;
    }

    public Optional<ResourceSpec> resource(String type) {
        return Optional.ofNullable(resources.get(type));
    }

    public Set<String> resourceTypes() {
        return resources.keySet();
    }
}
