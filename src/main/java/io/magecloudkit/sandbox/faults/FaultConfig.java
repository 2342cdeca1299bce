package io.magecloudkit.sandbox.faults;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.magecloudkit.sandbox.ecs.CommandRule;
import io.magecloudkit.sandbox.ecs.LaunchTimings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The faults the sandbox injects, as written in the {@code --faults} file (YAML or JSON) and
 * exchanged with {@code GET/PUT /_sandbox/faults}.
 *
 * <pre>
 * seed: 42
 * requests:
 *   - service: ecs               # optional: ecs, ecr, ssm, sts, elasticloadbalancing, cloudformation
 *     operation: DescribeServices # optional ("*" or absent: every operation)
 *     throttleRate: 0.5          # ThrottlingException / Throttling (HTTP 400)
 *     errorRate: 0.0             # InternalFailure (HTTP 500)
 *     unavailableRate: 0.0       # ServiceUnavailable (HTTP 503)
 *     dropRate: 0.0              # close the connection without an answer
 *     latencyMs: 0               # real-time delay before answering
 * tasks:
 *   - image: registry/web:broken # and/or family: web
 *     crashOnStart: true
 *     exitCode: 1
 *     failHealthCheck: false
 *     unhealthyAfterSeconds: 120
 * resources:
 *   - logicalId: Database
 *     operation: CREATE          # or UPDATE
 *     reason: "Resource handler returned message: ..."
 * commands:                      # one-off tasks (RunTask): see {@link CommandRule}
 *   - command: setup:db:status   # and/or image, family, container
 *     exitCode: 2
 *     durationSeconds: 4
 *     output: ["Declarative Schema is not up to date", "Run 'setup:upgrade' to update your DB schema and data."]
 * launch:                        # task launch timings, see LaunchTimings
 *   pullSeconds: 20
 * answers:                       # what tasks answer through a load balancer ({@link AnswerRule})
 *   - image: registry/web:broken
 *     status: 500
 * </pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaultConfig(Long seed, List<RequestFault> requests, List<TaskFaultRule> tasks, List<ResourceFault> resources,
        List<CommandRule> commands, LaunchTimings launch, List<AnswerRule> answers) {
    public static final FaultConfig NONE = new FaultConfig(null, List.of(), List.of(), List.of());

    public FaultConfig(Long seed, List<RequestFault> requests, List<TaskFaultRule> tasks, List<ResourceFault> resources) {
        this(seed, requests, tasks, resources, List.of(), null, List.of());
    }

    /** Without launch timings or answers: the defaults. */
    public FaultConfig(Long seed, List<RequestFault> requests, List<TaskFaultRule> tasks, List<ResourceFault> resources,
            List<CommandRule> commands) {
        this(seed, requests, tasks, resources, commands, null, List.of());
    }

    /** Without command rules or answers: every one-off task's command succeeds. */
    public FaultConfig(Long seed, List<RequestFault> requests, List<TaskFaultRule> tasks, List<ResourceFault> resources,
            LaunchTimings launch) {
        this(seed, requests, tasks, resources, List.of(), launch, List.of());
    }

    /** Without launch timings: the defaults. */
    public FaultConfig(Long seed, List<RequestFault> requests, List<TaskFaultRule> tasks, List<ResourceFault> resources,
            List<CommandRule> commands, List<AnswerRule> answers) {
        this(seed, requests, tasks, resources, commands, null, answers);
    }

    public FaultConfig {
        commands = commands == null ? List.of() : List.copyOf(commands);
        requests = requests == null ? List.of() : List.copyOf(requests);
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        resources = resources == null ? List.of() : List.copyOf(resources);
        answers = answers == null ? List.of() : List.copyOf(answers);
    }

    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public record RequestFault(String service, String operation, double throttleRate, double errorRate, double unavailableRate,
            double dropRate, long latencyMs) {
        // Checked here, not in FaultConfig, so that a file's mistake is reported at the rule that has it.
        public RequestFault {
            for (double rate : new double[] {throttleRate, errorRate, unavailableRate, dropRate}) {
                if (rate < 0 || rate > 1) {
                    throw new IllegalArgumentException("requests: rates must be between 0 and 1, got " + rate);
                }
            }
            if (latencyMs < 0) {
                throw new IllegalArgumentException("requests: latencyMs must not be negative, got " + latencyMs);
            }
        }

        boolean matches(String svc, String op) {
            return (service == null || service.equalsIgnoreCase(svc)) && (operation == null || "*".equals(operation) || operation.equals(op));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    /** @param service only tasks of this ECS service (one-off tasks never match); null for any task */
    public record TaskFaultRule(String image, String family, boolean crashOnStart, Integer exitCode, boolean failHealthCheck,
            Integer unhealthyAfterSeconds, String service) {
        public TaskFaultRule {
            if (image == null && family == null) {
                throw new IllegalArgumentException("tasks: each rule needs an image or a family");
            }
        }

        public TaskFaultRule(String image, String family, boolean crashOnStart, Integer exitCode, boolean failHealthCheck,
                Integer unhealthyAfterSeconds) {
            this(image, family, crashOnStart, exitCode, failHealthCheck, unhealthyAfterSeconds, null);
        }
    }

    public record ResourceFault(String logicalId, String operation, String reason) {
        public ResourceFault {
            if (logicalId == null || !"CREATE".equals(operation) && !"UPDATE".equals(operation)) {
                throw new IllegalArgumentException("resources: each rule needs a logicalId and operation CREATE or UPDATE");
            }
        }
    }

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Reads YAML or JSON (JSON is YAML); errors are one line, {@code source:line:column: path: problem}. */
    public static FaultConfig parse(String text, String source) {
        try {
            FaultConfig c = YAML.readValue(text, FaultConfig.class);
            return c == null ? NONE : c;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(FaultFileError.describe(source, text, e), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": cannot read the faults: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    public static FaultConfig read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IllegalArgumentException("cannot read faults file " + file + ": permission denied", e);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": the faults file is not UTF-8 text", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read faults file " + file + ": " + e.getMessage(), e);
        }
    }
}
