package io.magecloudkit.sandbox.ecs.wire;

import java.util.List;

/**
 * Typed reads of a request's members by their ECS API names, whatever carries them: a JSON 1.1
 * body, or a stack resource's properties (CloudFormation names the same members in PascalCase).
 * A member of the wrong type fails in the carrier's own terms; an absent member reads as null
 * (false, an empty list of strings).
 */
public interface RequestMembers {
    String string(String member);

    Integer integer(String member);

    boolean bool(String member);

    /** The nested structure, or null when absent. */
    RequestMembers object(String member);

    /** A list of structures; null when absent (callers tell "not given" from "empty"). */
    List<? extends RequestMembers> objects(String member);

    /** A list of strings; empty when absent. */
    List<String> strings(String member);
}
