package io.magecloudkit.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.yaml.snakeyaml.nodes.MappingNode;

/**
 * Loads and validates magecloudkit.yml: every problem of the file is reported at once, each
 * with file, line, column and key path.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /**
     * @throws ConfigException when the file cannot be read or is not a valid configuration
     */
    public static MckConfig load(Path file) {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new ConfigException(new ConfigError(name, 0, 0, "", "is a directory, not a magecloudkit.yml file"));
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(new ConfigError(name, 0, 0, "",
                    "no such file (give the path of your magecloudkit.yml, e.g. --config path/to/magecloudkit.yml)"));
        } catch (IOException e) {
            throw new ConfigException(new ConfigError(name, 0, 0, "", "cannot read: " + e.getMessage()));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(new ConfigError(name, 0, 0, "", "is not UTF-8 text"));
        }
        return parse(text, name);
    }

    /**
     * Validates YAML text as if it were read from {@code fileName} (which only appears in errors).
     *
     * @throws ConfigException listing every error, in file order
     */
    public static MckConfig parse(String yamlText, String fileName) {
        Problems problems = new Problems(fileName);
        MappingNode root = YamlDocument.parse(yamlText, problems);
        if (root == null) {
            throw new ConfigException(problems.sorted());
        }
        MckConfig config = ConfigReader.read(root, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.sorted(), problems.sortedWarnings());
        }
        return config;
    }
}
