package io.magecloudkit.image;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.magecloudkit.MckException;
import io.magecloudkit.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads and validates an {@code images.yml} layout; every problem is named with the image and field. */
public final class ImageLayoutLoader {
    /** Where the packaged layout lives on the class path. */
    public static final String CLASSPATH_LAYOUT = "/io/magecloudkit/docker/images.yml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Pattern MODE = Pattern.compile("[0-7]{3}");
    private static final Pattern TOP_LEVEL = Pattern.compile("\\*|[^/]+");

    private ImageLayoutLoader() {
    }

    /** Parses a layout; {@code name} says where it came from in error messages. */
    public static ImageLayout parse(InputStream in, String name) {
        ImageLayout layout;
        try {
            layout = YAML.readValue(in, ImageLayout.class);
        } catch (UnrecognizedPropertyException e) {
            throw new MckException(MckException.Kind.USAGE, name + ": unknown field '" + e.getPropertyName()
                    + "' at line " + e.getLocation().getLineNr());
        } catch (IOException e) {
            throw new MckException(MckException.Kind.USAGE, name + ": not a valid image layout: "
                    + Messages.firstLine(e instanceof com.fasterxml.jackson.core.JsonProcessingException jp ? jp.getOriginalMessage() : e.getMessage()));
        }
        List<String> errors = validate(layout);
        if (!errors.isEmpty()) {
            throw new MckException(MckException.Kind.USAGE, name + ": " + String.join("; ", errors));
        }
        return layout;
    }

    static List<String> validate(ImageLayout layout) {
        List<String> errors = new ArrayList<>();
        if (layout == null) {
            return List.of("empty layout");
        }
        if (!layout.appRoot().startsWith("/")) {
            errors.add("appRoot must be an absolute path, got '" + layout.appRoot() + "'");
        }
        if (layout.images().isEmpty()) {
            errors.add("no images defined");
        }
        for (Map.Entry<String, ImageLayout.ImageSpec> e : layout.images().entrySet()) {
            String image = "images." + e.getKey();
            ImageLayout.ImageSpec spec = e.getValue();
            if (spec == null) {
                errors.add(image + " is empty");
                continue;
            }
            if (spec.base() == null || spec.base().isBlank()) {
                errors.add(image + ".base is missing");
            }
            for (int i = 0; i < spec.files().size(); i++) {
                ImageLayout.FileCopy f = spec.files().get(i);
                String where = image + ".files[" + i + "]";
                if (f.from() == null || f.from().isBlank() || f.from().startsWith("/") || f.from().contains("..")) {
                    errors.add(where + ".from must be a path relative to resources/io/magecloudkit/, got '" + f.from() + "'");
                }
                if (f.to() == null || !f.to().startsWith("/")) {
                    errors.add(where + ".to must be an absolute path, got '" + f.to() + "'");
                }
                if (f.mode() != null && !MODE.matcher(f.mode()).matches()) {
                    errors.add(where + ".mode must be three octal digits, got '" + f.mode() + "'");
                }
            }
            for (String entry : spec.app()) {
                if (entry == null || !TOP_LEVEL.matcher(entry).matches() || entry.equals("..") || entry.equals(".")) {
                    errors.add(image + ".app entries must be top-level names of the Magento tree or \"*\", got '" + entry + "'");
                }
            }
            if (spec.workdir() != null && !spec.workdir().startsWith("/")) {
                errors.add(image + ".workdir must be an absolute path, got '" + spec.workdir() + "'");
            }
            for (Integer port : spec.ports()) {
                if (port == null || port < 1 || port > 65535) {
                    errors.add(image + ".ports: " + port + " is not a TCP port");
                }
            }
        }
        return errors;
    }

}
