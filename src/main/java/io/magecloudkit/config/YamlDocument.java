package io.magecloudkit.config;

import java.io.StringReader;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns YAML text into SnakeYAML's node graph (every node keeps its position) and rejects what
 * a data file has no business containing: custom tags, recursive aliases, several documents.
 */
final class YamlDocument {
    private static final Set<Tag> PLAIN_DATA = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP,
            Tag.SEQ, Tag.TIMESTAMP, Tag.MERGE);

    private YamlDocument() {
    }

    /** The root mapping, or null after reporting why there is none. */
    static MappingNode parse(String text, Problems problems) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported by Section with both positions
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(50);
        options.setCodePointLimit(2 * 1024 * 1024);
        options.setAllowRecursiveKeys(false);
        options.setMergeOnCompose(true);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? " (" + oneLine(e.getContext()) + ")" : "";
            problems.add(Location.of(mark), "", "YAML syntax error: " + oneLine(problem) + context);
            return null;
        } catch (YAMLException e) {
            problems.add(Location.UNKNOWN, "", "cannot read YAML: " + oneLine(e.getMessage()));
            return null;
        }
        if (root == null) {
            problems.add(new Location(1, 1), "", "the file is empty: expected a mapping with project, region,"
                    + " environments and apps");
            return null;
        }
        if (!(root instanceof MappingNode mapping)) {
            problems.add(root, "", "expected a mapping (key: value lines) at the top of the file, got "
                    + Section.describe(root));
            return null;
        }
        return checkPlainData(mapping, Collections.newSetFromMap(new IdentityHashMap<>()), problems) ? mapping : null;
    }

    private static boolean checkPlainData(Node node, Set<Node> ancestors, Problems problems) {
        if (!ancestors.add(node)) {
            problems.add(node, "", "recursive alias: a node may not contain itself");
            return false;
        }
        boolean ok = true;
        if (!PLAIN_DATA.contains(node.getTag())) {
            problems.add(node, "", "tag '" + node.getTag() + "' is not allowed: magecloudkit.yml holds plain data only");
            ok = false;
        }
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                ok &= checkPlainData(t.getKeyNode(), ancestors, problems);
                ok &= checkPlainData(t.getValueNode(), ancestors, problems);
            }
        } else if (node instanceof SequenceNode s) {
            for (Node item : s.getValue()) {
                ok &= checkPlainData(item, ancestors, problems);
            }
        }
        ancestors.remove(node);
        return ok;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\n\\s*", " ").trim();
    }
}
