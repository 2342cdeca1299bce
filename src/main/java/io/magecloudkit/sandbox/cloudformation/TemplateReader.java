package io.magecloudkit.sandbox.cloudformation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magecloudkit.sandbox.SandboxError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a template body (JSON or YAML) into plain maps, lists and scalars, turning YAML's
 * short-form intrinsics ({@code !Ref X}, {@code !GetAtt A.B}, ...) into their long forms so the
 * evaluator sees one shape only.
 */
final class TemplateReader {
    private static final List<String> FUNCTIONS = List.of("Ref", "Condition", "Sub", "GetAtt", "Join", "Select",
            "Split", "GetAZs", "If", "Equals", "And", "Or", "Not", "FindInMap", "ImportValue", "Base64", "Cidr",
            "Length", "ToJsonString");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TemplateReader() {
    }

    static Map<String, Object> read(String body) {
        if (body == null || body.isBlank()) {
            throw invalid("Template format error: the template body is empty");
        }
        Object root = body.stripLeading().startsWith("{") ? readJson(body) : readYaml(body);
        if (!(root instanceof Map<?, ?> map)) {
            throw invalid("Template format error: unsupported structure.");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> template = (Map<String, Object>) map;
        return template;
    }

    private static Object readJson(String body) {
        try {
            return JSON.readValue(body, LinkedHashMap.class);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw invalid("Template format error: JSON not well-formed. (line " + (loc == null ? 0 : loc.getLineNr())
                    + ", column " + (loc == null ? 0 : loc.getColumnNr()) + ")");
        }
    }

    private static Object readYaml(String body) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            return new Yaml(new IntrinsicConstructor(options)).load(body);
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            throw invalid("Template format error: YAML not well-formed. (line " + (mark == null ? 0 : mark.getLine() + 1)
                    + ", column " + (mark == null ? 0 : mark.getColumn() + 1) + ")");
        } catch (YAMLException e) {
            throw invalid("Template format error: YAML not well-formed. " + e.getMessage());
        }
    }

    private static SandboxError invalid(String message) {
        return new SandboxError(400, "ValidationError", message);
    }

    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor(LoaderOptions options) {
            super(options);
            for (String function : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + function), new ShortForm(function));
            }
            // CloudFormation reads "2010-09-09" as text, not as a YAML timestamp.
            yamlConstructors.put(Tag.TIMESTAMP, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    return constructScalar((ScalarNode) node);
                }
            });
        }

        private final class ShortForm extends AbstractConstruct {
            private final String function;

            ShortForm(String function) {
                this.function = function;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    value = constructScalar(scalar);
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                if (function.equals("GetAtt") && value instanceof String dotted) {
                    int dot = dotted.indexOf('.');
                    value = dot < 0 ? List.of(dotted) : List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
                }
                if (function.equals("GetAZs") && "".equals(value)) {
                    value = "";
                }
                String key = function.equals("Ref") || function.equals("Condition") ? function : "Fn::" + function;
                Map<String, Object> longForm = new LinkedHashMap<>();
                longForm.put(key, value);
                return longForm;
            }
        }
    }
}
