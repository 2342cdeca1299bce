package io.magecloudkit.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The preflight's verdict: what a deploy needs (images by digest, secret references, log groups, a
 * task that fits its instance type) against what was observed, every problem at once. Pure; the
 * observation never holds a secret's value, only whether it exists and which JSON keys it has.
 */
public final class PreflightCheck {
    private PreflightCheck() {
    }

    /** What one app's task definition needs. {@code fit} is config validation's problem with the task size, or null. */
    public record Needs(String app, List<String> images, Map<String, String> secrets, List<LogGroup> logGroups, String fit) {
        public Needs {
            images = List.copyOf(images);
            secrets = Map.copyOf(secrets);
            logGroups = List.copyOf(logGroups);
        }
    }

    public record LogGroup(String name, boolean createGroup) {
    }

    /** INACCESSIBLE: the registry could not be reached or refused the login, so whether the image exists is unknown. */
    public enum ImageState { FOUND, MISSING, UNCHECKED, INACCESSIBLE }

    /**
     * One image's lookup: FOUND, MISSING, UNCHECKED with a note (for instance: a registry the pipeline has no
     * business with), or INACCESSIBLE with the registry's refusal (never a credential).
     */
    public record ImageSeen(ImageState state, String note) {
    }

    /**
     * @param secretKeys secret id → the top-level JSON keys of its current value (empty when it is not a JSON object);
     *                   ids absent here do not exist
     */
    public record Observed(Map<String, ImageSeen> images, Set<String> parameters, Map<String, Set<String>> secretKeys,
            Set<String> logGroups) {
    }

    /** A reference of a task definition's {@code valueFrom}: an SSM parameter, or a secret with an optional JSON key. */
    public record SecretTarget(boolean ssm, String id, String jsonKey) {
        /** Parses an SSM parameter ARN or a Secrets Manager ARN ({@code …:secret:ID} or {@code …:secret:ID:key::}). */
        public static SecretTarget of(String valueFrom) {
            String[] p = valueFrom.split(":", -1);
            if (p.length >= 6 && "ssm".equals(p[2])) {
                String name = p[5].startsWith("parameter/") ? p[5].substring("parameter".length()) : p[5];
                return new SecretTarget(true, name.startsWith("//") ? name.substring(1) : name, null);
            }
            if (p.length >= 7 && "secretsmanager".equals(p[2])) {
                String id = String.join(":", List.of(p).subList(0, 7));
                String key = p.length >= 8 && !p[7].isEmpty() ? p[7] : null;
                return new SecretTarget(false, id, key);
            }
            // Not an ARN: a plain parameter name (ECS accepts one in the task's own region).
            return new SecretTarget(true, valueFrom.startsWith("/") ? valueFrom : "/" + valueFrom, null);
        }
    }

    /**
     * Every problem, in the order: task size, images, secrets, log groups; and notes on what was not checked.
     *
     * @param accessFailed a registry could not be reached or refused us (exit 3 rather than 2: access, not configuration)
     */
    public record Result(List<String> problems, List<String> notes, boolean accessFailed) {
        public Result {
            problems = List.copyOf(problems);
            notes = List.copyOf(notes);
        }

        public boolean passed() {
            return problems.isEmpty();
        }
    }

    public static Result judge(List<Needs> needs, Observed seen) {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean accessFailed = false;
        for (Needs n : needs) {
            String app = "app " + n.app() + ": ";
            if (n.fit() != null) {
                problems.add(app + n.fit());
            }
            for (String image : n.images()) {
                ImageSeen s = seen.images().get(image);
                if (s == null || s.state() == ImageState.UNCHECKED) {
                    notes.add(app + "image " + image + " not checked" + (s == null || s.note() == null ? "" : ": " + s.note()));
                } else if (s.state() == ImageState.INACCESSIBLE) {
                    accessFailed = true;
                    problems.add(app + "image " + image + " could not be checked: " + s.note());
                } else if (s.state() == ImageState.MISSING) {
                    problems.add(app + "image " + image + " does not exist in its registry"
                            + (s.note() == null ? "" : " (" + s.note() + ")"));
                }
            }
            n.secrets().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                SecretTarget t = SecretTarget.of(e.getValue());
                String what = app + "secret " + e.getKey() + ": ";
                if (t.ssm()) {
                    if (!seen.parameters().contains(t.id())) {
                        problems.add(what + "SSM parameter " + t.id() + " does not exist");
                    }
                } else if (!seen.secretKeys().containsKey(t.id())) {
                    problems.add(what + "Secrets Manager secret " + t.id() + " does not exist");
                } else if (t.jsonKey() != null && !seen.secretKeys().get(t.id()).contains(t.jsonKey())) {
                    problems.add(what + "Secrets Manager secret " + t.id() + " has no JSON key " + t.jsonKey());
                }
            });
            for (LogGroup g : n.logGroups()) {
                if (!g.createGroup() && !seen.logGroups().contains(g.name())) {
                    problems.add(app + "log group " + g.name() + " does not exist and awslogs-create-group is not set");
                }
            }
        }
        return new Result(problems, notes, accessFailed);
    }
}
