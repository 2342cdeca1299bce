package io.magecloudkit.sandbox.ecs.control;

import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.PageRequest;
import io.magecloudkit.sandbox.ecs.control.EcsResults.Page;
import java.util.List;

/** ECS's List* paging: the next token is the offset of the next page. */
final class Pages {
    private Pages() {
    }

    static Page page(List<String> items, PageRequest request, int defaultMax) {
        int start = 0;
        if (request.nextToken() != null) {
            try {
                start = Integer.parseInt(request.nextToken());
            } catch (NumberFormatException e) {
                start = -1;
            }
            if (start < 0) {
                throw new SandboxError(400, "InvalidParameterException", "The nextToken is invalid.");
            }
        }
        int max = request.maxResults() == null ? defaultMax : request.maxResults();
        int end = Math.min(items.size(), start + max);
        List<String> page = start >= end ? List.of() : List.copyOf(items.subList(start, end));
        return new Page(page, end < items.size() ? Integer.toString(end) : null);
    }
}
