package io.magecloudkit.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which apps run where, and whether a cluster's sizes are possible. Pure functions. */
final class ClusterRules {
    /** An app named in a cluster's apps list, at its key path. */
    record Member(String app, String path) {
    }

    /** A cluster as written. */
    record Cluster(String name, String path, int minSize, int maxSize, int desiredCapacity, List<Member> apps) {
    }

    private ClusterRules() {
    }

    /** {@code minSize <= desiredCapacity <= maxSize}. */
    static List<Problem> checkSizes(Cluster c) {
        List<Problem> problems = new ArrayList<>();
        if (c.minSize() > c.maxSize()) {
            problems.add(new Problem(c.path() + ".minSize", "minSize " + c.minSize() + " is larger than maxSize " + c.maxSize()));
        } else if (c.desiredCapacity() < c.minSize() || c.desiredCapacity() > c.maxSize()) {
            problems.add(new Problem(c.path() + ".desiredCapacity", "desiredCapacity " + c.desiredCapacity()
                    + " is outside minSize..maxSize (" + c.minSize() + ".." + c.maxSize() + ")"));
        }
        return problems;
    }

    /** Every named app exists, and every app of the project runs on exactly one cluster. */
    static List<Problem> checkPlacement(String clustersPath, List<Cluster> clusters, Set<String> apps) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Cluster> placed = new LinkedHashMap<>();
        for (Cluster c : clusters) {
            for (Member m : c.apps()) {
                if (!apps.contains(m.app())) {
                    problems.add(new Problem(m.path(), "no app named '" + m.app() + "'" + Suggestions.didYouMean(m.app(), apps)
                            + "; apps: " + String.join(", ", apps)));
                    continue;
                }
                Cluster first = placed.putIfAbsent(m.app(), c);
                if (first != null) {
                    problems.add(new Problem(m.path(), "app '" + m.app() + "' already runs on cluster '" + first.name()
                            + "': an app runs on exactly one cluster per environment"));
                }
            }
        }
        for (String app : apps) {
            if (!placed.containsKey(app)) {
                problems.add(new Problem(clustersPath, "app '" + app + "' runs on no cluster: add it to the apps of one of "
                        + String.join(", ", clusters.stream().map(Cluster::name).toList())));
            }
        }
        return problems;
    }
}
