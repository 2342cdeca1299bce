package io.magecloudkit.provision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a plan as files users read, diff and lint: per stack, in order,
 * {@code NN-<module>.template.yml} (the body as sent) and {@code NN-<module>.parameters.json}
 * (the AWS CLI's {@code --parameters file://} format; a value still to come from an earlier
 * stack reads {@code <stack.Output>}).
 */
public final class RenderedFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The two files of one stack. */
    public record StackFiles(String stack, String template, String parameters, int templateBytes) {
    }

    private RenderedFiles() {
    }

    /** Writes every stack into {@code dir} (created when missing), replacing what an earlier render left there. */
    public static List<StackFiles> write(StackPlan plan, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "*.{template.yml,parameters.json}")) {
            for (Path p : old) {
                Files.delete(p);
            }
        }
        List<StackFiles> written = new ArrayList<>();
        int n = 1;
        for (RenderedStack stack : plan.stacks()) {
            String base = String.format("%02d-%s", n++, stack.module());
            Path template = dir.resolve(base + ".template.yml");
            Path parameters = dir.resolve(base + ".parameters.json");
            Files.writeString(template, stack.body(), StandardCharsets.UTF_8);
            Files.writeString(parameters, parametersJson(stack), StandardCharsets.UTF_8);
            written.add(new StackFiles(stack.name(), template.toString(), parameters.toString(), stack.bodyBytes()));
        }
        return written;
    }

    static String parametersJson(RenderedStack stack) throws IOException {
        List<Map<String, String>> list = new ArrayList<>();
        for (StackParameter p : stack.parameters()) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("ParameterKey", p.key());
            entry.put("ParameterValue", p.valueOrPlaceholder());
            list.add(entry);
        }
        return JSON.writeValueAsString(list) + "\n";
    }
}
