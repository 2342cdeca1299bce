package io.magecloudkit.sandbox.botocore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * One AWS service model as botocore ships it ({@code botocore/data/<service>/<api-version>/service-2.json},
 * from the Debian package python3-botocore): the protocol, the operations with their output and
 * error shapes, and the shapes themselves. Only what response validation needs is kept.
 */
public final class BotocoreModel {
    /** Overrides where the models are looked for (a {@code botocore/data} folder). */
    public static final String DATA_DIR_PROPERTY = "magecloudkit.botocore.data";

    static final List<Path> STANDARD_DATA_DIRS = List.of(
            Path.of("/usr/lib/python3/dist-packages/botocore/data"),
            Path.of("/usr/share/python3/dist-packages/botocore/data"),
            Path.of("/usr/local/lib/python3/dist-packages/botocore/data"));

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Map<String, BotocoreModel> CACHE = new ConcurrentHashMap<>();
    private static volatile Path dataDirectory;

    /** The wire protocols this validator understands; anything else is OTHER. */
    public enum Protocol { JSON, QUERY, OTHER }

    /**
     * An operation.
     *
     * @param outputShape   the output shape, null when the operation answers nothing
     * @param resultWrapper the query protocol's {@code <XResult>} element, null when none
     * @param errorShapes   the declared error shapes, in model order
     */
    public record Operation(String name, String outputShape, String resultWrapper, List<String> errorShapes) {
        public boolean hasOutput() {
            return outputShape != null;
        }
    }

    /**
     * A reference from a structure member, list member or map key/value to a shape, with its
     * serialization traits.
     */
    public record MemberRef(String shape, String locationName, boolean flattened, String timestampFormat) {
        /** The name on the wire: {@code locationName} when the model gives one. */
        public String wireName(String declaredName) {
            return locationName != null ? locationName : declaredName;
        }
    }

    /**
     * A shape. Fields that do not apply to the shape's type are empty or null.
     *
     * @param min            declared minimum (string length, list/map size, number value), null when none
     * @param max            declared maximum, null when none
     * @param errorCode      the query protocol's {@code error.code}, null when the model gives none
     * @param httpStatusCode the {@code error.httpStatusCode}, null when none
     */
    public record Shape(
            String name,
            String type,
            Map<String, MemberRef> members,
            Set<String> required,
            List<String> enumValues,
            BigDecimal min,
            BigDecimal max,
            MemberRef member,
            MemberRef key,
            MemberRef value,
            boolean flattened,
            String timestampFormat,
            boolean exception,
            String errorCode,
            Integer httpStatusCode,
            boolean senderFault) {

        /** The code an error of this shape carries on the wire. */
        public String wireErrorCode() {
            return errorCode != null ? errorCode : name;
        }
    }

    private final String service;
    private final String apiVersion;
    private final Protocol protocol;
    private final String protocolName;
    private final String xmlNamespace;
    private final String defaultTimestampFormat;
    private final Map<String, Operation> operations;
    private final Map<String, Shape> shapes;

    private BotocoreModel(String service, JsonNode root) {
        JsonNode metadata = root.path("metadata");
        this.service = service;
        this.apiVersion = text(metadata, "apiVersion");
        this.protocolName = text(metadata, "protocol");
        this.protocol = switch (String.valueOf(protocolName)) {
            case "json" -> Protocol.JSON;
            case "query" -> Protocol.QUERY;
            default -> Protocol.OTHER;
        };
        this.xmlNamespace = text(metadata, "xmlNamespace");
        this.defaultTimestampFormat = text(metadata, "timestampFormat");

        Map<String, Shape> parsedShapes = new LinkedHashMap<>();
        root.path("shapes").fields().forEachRemaining(e -> parsedShapes.put(e.getKey(), shape(e.getKey(), e.getValue())));
        this.shapes = Collections.unmodifiableMap(parsedShapes);

        Map<String, Operation> parsedOps = new LinkedHashMap<>();
        root.path("operations").fields().forEachRemaining(e -> {
            JsonNode op = e.getValue();
            List<String> errors = new ArrayList<>();
            op.path("errors").forEach(err -> errors.add(err.path("shape").asText()));
            JsonNode output = op.path("output");
            parsedOps.put(e.getKey(), new Operation(e.getKey(),
                    text(output, "shape"), text(output, "resultWrapper"), List.copyOf(errors)));
        });
        this.operations = Collections.unmodifiableMap(parsedOps);
        if (operations.isEmpty() || shapes.isEmpty()) {
            throw new IllegalArgumentException("not a botocore service model (no operations or shapes): " + service);
        }
    }

    /**
     * The newest model of a service, by botocore's folder name ({@code ecs}, {@code elbv2}, ...).
     * Loaded once per JVM.
     *
     * @throws IllegalStateException when python3-botocore is not installed or has no such service
     */
    public static BotocoreModel load(String service) {
        return CACHE.computeIfAbsent(service, s -> read(s, modelFile(s)));
    }

    /**
     * The extract of a newer botocore model (test resource {@code botocore-supplements/<service>.json})
     * holding the operations the installed model predates, with their shapes; empty when there is none.
     */
    public static Optional<BotocoreModel> supplement(String service) {
        try (InputStream in = BotocoreModel.class.getResourceAsStream("/botocore-supplements/" + service + ".json")) {
            return in == null ? Optional.empty() : Optional.of(new BotocoreModel(service, JSON.readTree(in)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the botocore supplement for " + service + ": " + e.getMessage(), e);
        }
    }

    /** Reads a model file, plain or gzip-compressed ({@code service-2.json.gz}). */
    public static BotocoreModel read(String service, Path file) {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return new BotocoreModel(service, JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read botocore model " + file + ": " + e.getMessage(), e);
        }
    }

    /** The model file of a service's newest API version under {@link #dataDirectory()}. */
    public static Path modelFile(String service) {
        return newestModelIn(dataDirectory().resolve(service));
    }

    /** The model file of the newest API version in one service's folder. */
    static Path newestModelIn(Path serviceDir) {
        String service = serviceDir.getFileName().toString();
        if (!Files.isDirectory(serviceDir)) {
            throw new IllegalStateException("python3-botocore has no model for service '" + service
                    + "' (no folder " + serviceDir + ")");
        }
        List<Path> versions = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(serviceDir, Files::isDirectory)) {
            dirs.forEach(versions::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // API versions are ISO dates: the greatest name is the newest.
        versions.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
        for (Path version : versions) {
            for (String name : List.of("service-2.json", "service-2.json.gz")) {
                Path file = version.resolve(name);
                if (Files.isRegularFile(file)) {
                    return file;
                }
            }
        }
        throw new IllegalStateException("no service-2.json(.gz) under " + serviceDir);
    }

    /**
     * botocore's {@code data} folder: the system property {@value #DATA_DIR_PROPERTY} when set,
     * else the standard Debian locations, else wherever the system python3 imports botocore from.
     *
     * @throws IllegalStateException naming the places searched when none has the models
     */
    public static Path dataDirectory() {
        Path found = dataDirectory;
        if (found == null) {
            String override = System.getProperty(DATA_DIR_PROPERTY);
            if (override != null && !override.isBlank()) {
                Path dir = Path.of(override);
                if (!Files.isDirectory(dir)) {
                    throw new IllegalStateException("-D" + DATA_DIR_PROPERTY + "=" + override + " is not a folder");
                }
                found = dir;
            } else {
                found = findDataDirectory(STANDARD_DATA_DIRS, List.of("/usr/bin/python3", "python3"));
            }
            dataDirectory = found;
        }
        return found;
    }

    /** Searches the given folders, then asks each python for botocore's location. */
    static Path findDataDirectory(List<Path> candidates, List<String> pythons) {
        List<String> searched = new ArrayList<>();
        for (Path dir : candidates) {
            searched.add(dir.toString());
            if (Files.isDirectory(dir)) {
                return dir;
            }
        }
        for (String python : pythons) {
            searched.add("`" + python + " -c 'import botocore'`");
            Optional<Path> dir = askPython(python);
            if (dir.isPresent() && Files.isDirectory(dir.get())) {
                return dir.get();
            }
        }
        throw new IllegalStateException("botocore service models not found (searched " + String.join(", ", searched)
                + "): install the Debian package python3-botocore (the repository's ./test script does)");
    }

    private static Optional<Path> askPython(String python) {
        Process process = null;
        try {
            process = new ProcessBuilder(python, "-c",
                    "import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), 'data'))")
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            String line = new String(out, StandardCharsets.UTF_8).trim();
            return line.isEmpty() ? Optional.empty() : Optional.of(Path.of(line));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }

    public String service() {
        return service;
    }

    public String apiVersion() {
        return apiVersion;
    }

    public Protocol protocol() {
        return protocol;
    }

    /** The protocol as the model names it ({@code json}, {@code query}, {@code rest-json}, ...). */
    public String protocolName() {
        return protocolName;
    }

    /** The query protocol's response namespace, null for JSON services. */
    public String xmlNamespace() {
        return xmlNamespace;
    }

    /**
     * How timestamps are written when neither the member nor the shape says: the model's metadata,
     * else the protocol's default (epoch seconds for JSON, ISO-8601 for query).
     */
    public String defaultTimestampFormat() {
        if (defaultTimestampFormat != null) {
            return defaultTimestampFormat;
        }
        return protocol == Protocol.JSON ? "unixTimestamp" : "iso8601";
    }

    public Set<String> operationNames() {
        return operations.keySet();
    }

    public Optional<Operation> operation(String name) {
        return Optional.ofNullable(operations.get(name));
    }

    /** @throws IllegalArgumentException for a name the model does not declare */
    public Shape shape(String name) {
        Shape shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalArgumentException(service + " model has no shape " + name);
        }
        return shape;
    }

    /** The error shape an operation may answer with under a wire error code, if it declares one. */
    public Optional<Shape> declaredError(Operation operation, String code) {
        return operation.errorShapes().stream()
                .map(this::shape)
                .filter(s -> s.wireErrorCode().equals(code))
                .findFirst();
    }

    @Override
    public String toString() {
        return service + " " + apiVersion + " (" + protocolName + ")";
    }

    private static Shape shape(String name, JsonNode node) {
        Map<String, MemberRef> members = new LinkedHashMap<>();
        node.path("members").fields().forEachRemaining(e -> members.put(e.getKey(), ref(e.getValue())));
        Set<String> required = new LinkedHashSet<>();
        node.path("required").forEach(r -> required.add(r.asText()));
        List<String> enumValues = new ArrayList<>();
        node.path("enum").forEach(v -> enumValues.add(v.asText()));
        JsonNode error = node.path("error");
        return new Shape(
                name,
                Objects.requireNonNull(text(node, "type"), () -> "shape " + name + " has no type"),
                Collections.unmodifiableMap(members),
                Collections.unmodifiableSet(required),
                List.copyOf(enumValues),
                number(node, "min"),
                number(node, "max"),
                node.has("member") ? ref(node.get("member")) : null,
                node.has("key") ? ref(node.get("key")) : null,
                node.has("value") ? ref(node.get("value")) : null,
                node.path("flattened").asBoolean(false),
                text(node, "timestampFormat"),
                node.path("exception").asBoolean(false),
                text(error, "code"),
                error.has("httpStatusCode") ? error.get("httpStatusCode").asInt() : null,
                error.path("senderFault").asBoolean(false));
    }

    private static MemberRef ref(JsonNode node) {
        return new MemberRef(text(node, "shape"), text(node, "locationName"),
                node.path("flattened").asBoolean(false), text(node, "timestampFormat"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static BigDecimal number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isNumber() ? v.decimalValue() : null;
    }
}
