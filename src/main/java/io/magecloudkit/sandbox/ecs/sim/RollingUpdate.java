package io.magecloudkit.sandbox.ecs.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rolling-update decisions of the ECS service scheduler, as pure functions over what
 * one scheduler step observes. ECS stops old tasks (and surplus new ones) while at least
 * minimumHealthyPercent of the desired count stays healthy, unhealthy ones first, and starts
 * new ones up to the desired count without exceeding maximumPercent.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html">Rolling update</a>
 */
public final class RollingUpdate {

    /** A task whose desired status is RUNNING, as the scheduler sees it. */
    public record Candidate(String id, boolean primary, boolean healthy, long createdAt) {
    }

    /** The service's desired count and deployment bounds. */
    public record Limits(int desired, int minimumHealthyPercent, int maximumPercent) {
        /** The fewest healthy tasks the service may go down to (rounded up, as AWS does). */
        public int minimumHealthy() {
            return (int) Math.ceil(desired * minimumHealthyPercent / 100.0);
        }

        /** The most tasks that may be active at once (rounded down, as AWS does). */
        public int maximumTotal() {
            return (int) Math.floor(desired * maximumPercent / 100.0);
        }
    }

    /** What one scheduler step does: the tasks to stop (by id, in order) and how many to start. */
    public record Step(List<String> stop, int start) {
        public Step {
            stop = List.copyOf(stop);
        }
    }

    /** A deployment other than the primary one. */
    public record OtherDeployment(boolean failed, boolean hasLiveTasks) {
    }

    private RollingUpdate() {
    }

    /**
     * @param active    every task of the service whose desired status is RUNNING, in launch order
     * @param launching false once the primary deployment has failed: it starts no more tasks
     */
    public static Step step(Limits limits, boolean launching, List<Candidate> active) {
        int healthy = (int) active.stream().filter(Candidate::healthy).count();
        List<Candidate> primary = active.stream().filter(Candidate::primary).toList();
        List<Candidate> candidates = new ArrayList<>(active.stream().filter(c -> !c.primary()).toList());
        if (primary.size() > limits.desired()) {
            // Surplus new tasks: the unhealthy ones, then the youngest, go first.
            List<Candidate> surplus = new ArrayList<>(primary);
            surplus.sort(Comparator.comparing(Candidate::healthy).thenComparing(c -> -c.createdAt()));
            candidates.addAll(surplus.subList(0, primary.size() - limits.desired()));
        }
        candidates.sort(Comparator.comparing(Candidate::healthy));
        List<String> stop = new ArrayList<>();
        int stoppedPrimary = 0;
        for (Candidate c : candidates) {
            if (!c.healthy() || healthy - 1 >= limits.minimumHealthy()) {
                stop.add(c.id());
                stoppedPrimary += c.primary() ? 1 : 0;
                healthy -= c.healthy() ? 1 : 0;
            }
        }
        int activeAfter = active.size() - stop.size();
        int primaryAfter = primary.size() - stoppedPrimary;
        int start = launching ? Math.min(limits.desired() - primaryAfter, limits.maximumTotal() - activeAfter) : 0;
        return new Step(stop, Math.max(0, start));
    }

    /**
     * Whether the service has settled on its primary deployment: exactly the desired count of
     * primary tasks, all healthy, and no other deployment left with running tasks.
     *
     * @param primaryHealthy one entry per active task of the primary deployment: whether it is healthy
     * @param others         the deployments other than the primary still listed on the service
     */
    public static boolean settled(int desired, List<Boolean> primaryHealthy, List<OtherDeployment> others) {
        boolean allHealthy = primaryHealthy.size() == desired && primaryHealthy.stream().allMatch(h -> h);
        boolean alone = others.stream().allMatch(d -> d.failed() && !d.hasLiveTasks());
        return allHealthy && alone;
    }

    /**
     * Whether an old deployment leaves the service's list: once its last task is gone; a failed
     * one stays while the rollback that replaced it is in progress, so that callers can see why
     * their deployment ended.
     */
    public static boolean retires(boolean primaryCompleted, OtherDeployment old) {
        return !old.hasLiveTasks() && (primaryCompleted || !old.failed());
    }
}
