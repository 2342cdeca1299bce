package io.magecloudkit.sandbox.ecs.control;

import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.ecs.EcsState;
import io.magecloudkit.sandbox.ecs.EcsState.Cluster;
import io.magecloudkit.sandbox.ecs.EcsState.Service;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.Tag;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.TagResource;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.UntagResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tags of clusters, services, task definitions and tasks, by ARN. */
public final class TagOperations {
    private final EcsState state;

    TagOperations(EcsState state) {
        this.state = state;
    }

    public void tagResource(TagResource request) {
        requireExisting(request.resourceArn());
        put(request.resourceArn(), request.tags());
    }

    public void untagResource(UntagResource request) {
        requireExisting(request.resourceArn());
        Map<String, String> map = state.tags.get(request.resourceArn());
        if (map != null) {
            request.tagKeys().forEach(map::remove);
        }
    }

    public List<Tag> listTagsForResource(String resourceArn) {
        requireExisting(resourceArn);
        return of(resourceArn);
    }

    void put(String arn, List<Tag> tags) {
        if (tags.isEmpty()) {
            return;
        }
        Map<String, String> map = state.tags.computeIfAbsent(arn, k -> new LinkedHashMap<>());
        for (Tag tag : tags) {
            map.put(tag.key(), tag.value() == null ? "" : tag.value());
        }
    }

    List<Tag> of(String arn) {
        List<Tag> out = new ArrayList<>();
        state.tags.getOrDefault(arn, Map.of()).forEach((k, v) -> out.add(new Tag(k, v)));
        return out;
    }

    private void requireExisting(String arn) {
        if (arn == null || !exists(arn)) {
            throw new SandboxError(400, "InvalidParameterException", "The specified resource is not found.");
        }
    }

    private boolean exists(String arn) {
        if (state.taskDefinitions.containsKey(arn) || state.tasks.containsKey(arn)) {
            return true;
        }
        for (Cluster c : state.clusters.values()) {
            if (c.arn.equals(arn)) {
                return true;
            }
            for (Service s : c.services.values()) {
                if (s.arn.equals(arn)) {
                    return true;
                }
            }
        }
        return false;
    }
}
