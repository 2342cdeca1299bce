package io.magecloudkit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.magecloudkit.deploy.Observation.DeploymentView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The gate's wait between looks, from where the rollout stands and its timers. */
class PollScheduleTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /** Our templates' timers: ELB check every 10 s, healthy after 2; container check every 10 s; 30 s drain; 25 s launch of which 20 s pull. */
    static final RolloutTimers TIMERS = new RolloutTimers(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(25), Duration.ofSeconds(5));

    /**
     * @param ours   desired/running/pending/failed rolloutState of the watched deployment
     * @param old    running tasks of the old deployment; - when it is no longer listed
     */
    static Observation observation(String ours, String old) {
        String[] p = ours.split("[/ ]");
        List<DeploymentView> deployments = new ArrayList<>();
        deployments.add(new DeploymentView("new", "PRIMARY", "td:2", p[4], null, Integer.parseInt(p[0]), Integer.parseInt(p[1]),
                Integer.parseInt(p[2]), Integer.parseInt(p[3]), T0));
        if (!"-".equals(old)) {
            deployments.add(new DeploymentView("old", "ACTIVE", "td:1", "COMPLETED", null, 4, Integer.parseInt(old), 0, 0,
                    T0.minusSeconds(3600)));
        }
        return new Observation(T0, deployments, List.of(), null, null);
    }

    static Instant at(String seconds) {
        return "-".equals(seconds) ? null : T0.plusMillis((long) (Double.parseDouble(seconds) * 1000));
    }

    @ParameterizedTest(name = "{0} old {1} at {4} s: {5} ({6} s)")
    @CsvSource(delimiter = '|', value = {
        // ours                  | old | running since | draining since | now  | phase      | wait
        "4/0/0/0 IN_PROGRESS     | 4   | -             | -              | 0    | LAUNCHING  | 4",     // nothing can start before the launch less its pull
        "4/0/4/0 IN_PROGRESS     | 4   | -             | -              | 4    | LAUNCHING  | 10.5",  // closing in on the launch time by halves
        "4/0/4/0 IN_PROGRESS     | 4   | -             | -              | 20   | LAUNCHING  | 4",     // within a few seconds: straight to just before it
        "4/0/4/0 IN_PROGRESS     | 4   | -             | -              | 23.9 | LAUNCHING  | 1",
        "4/0/4/0 IN_PROGRESS     | 4   | -             | -              | 24   | LAUNCHING  | 1",
        "4/0/4/0 IN_PROGRESS     | 4   | -             | -              | 35   | LAUNCHING  | 2.5",   // a slower pull: backing off gently
        "4/0/4/0 IN_PROGRESS     | 4   | -             | -              | 90   | LAUNCHING  | 5",
        "4/1/3/0 IN_PROGRESS     | 4   | 26            | -              | 26   | STARTING   | 1",     // crashes come now
        "4/0/3/1 IN_PROGRESS     | 4   | -             | -              | 27   | STARTING   | 1",
        "4/4/0/0 IN_PROGRESS     | 4   | 26            | -              | 27   | WARMING    | 8",     // no target healthy before 10 s
        "4/4/0/0 IN_PROGRESS     | 2   | 26            | -              | 36   | WARMING    | 5",
        "4/4/0/0 IN_PROGRESS     | 0   | 26            | 46             | 47   | DRAINING   | 15",    // the drain ends at 76: the longest sleep
        "4/4/0/0 IN_PROGRESS     | 0   | 26            | 46             | 62   | DRAINING   | 13",
        "4/4/0/0 IN_PROGRESS     | 0   | 26            | 46             | 74.5 | DRAINING   | 1",
        "4/4/0/0 IN_PROGRESS     | 0   | 26            | -              | 50   | DRAINING   | 1",     // drain start unknown: look every second
        "4/4/0/0 COMPLETED       | -   | 26            | 46             | 78   | SETTLING   | 1",
        "2/2/0/0 IN_PROGRESS     | -   | 5             | -              | 6    | WARMING    | 8",     // a service scaled from nothing: no old tasks
    })
    void waits(String ours, String old, String runningSince, String drainingSince, String now, PollSchedule.Phase phase,
            double wait) {
        Observation o = observation(ours.trim(), old.trim());
        assertEquals(phase, PollSchedule.phase(o, "new"));
        assertEquals(Duration.ofMillis((long) (wait * 1000)), PollSchedule.next(o, "new",
                new RolloutProgress(at(runningSince.trim()), at(drainingSince.trim())), TIMERS, at(now.trim()), Duration.ofMinutes(15)));
    }

    @Test
    void neverPastTheTimeout_andSteadyWithoutTimers() {
        Observation launching = observation("4/0/4/0 IN_PROGRESS", "4");
        assertEquals(Duration.ofSeconds(3), PollSchedule.next(launching, "new", RolloutProgress.NONE, TIMERS, T0, Duration.ofSeconds(3)));
        assertEquals(Duration.ofSeconds(1), PollSchedule.next(launching, "new", RolloutProgress.NONE, TIMERS, T0, Duration.ZERO));
        assertEquals(Duration.ofSeconds(2), PollSchedule.next(launching, "new", RolloutProgress.NONE, RolloutTimers.UNKNOWN,
                T0.plusSeconds(4), Duration.ofMinutes(15)));
    }

    @Test
    void progress_timesTheNewTasksComingUp_andTheOldOnesLeavingService() {
        Observation launching = observation("4/0/4/0 IN_PROGRESS", "4");
        Observation twoUp = observation("4/2/2/0 IN_PROGRESS", "4");
        Observation allUp = observation("4/4/0/0 IN_PROGRESS", "4");
        Observation oneLeft = observation("4/4/0/0 IN_PROGRESS", "1");
        Observation drained = observation("4/4/0/0 IN_PROGRESS", "0");
        RolloutProgress p = RolloutProgress.NONE.next(null, launching, "new", T0);
        assertNull(p.runningSince());
        p = p.next(launching, twoUp, "new", at("26"));
        assertEquals(at("26"), p.runningSince());
        p = p.next(twoUp, allUp, "new", at("28"));
        assertEquals(at("28"), p.runningSince(), "the newest task's start counts");
        p = p.next(allUp, oneLeft, "new", at("47"));
        assertNull(p.drainingSince());
        p = p.next(oneLeft, drained, "new", at("49"));
        assertEquals(at("49"), p.drainingSince(), "the last old task leaving service starts the wait for the drain");
        assertEquals(p, p.next(drained, drained, "new", at("60")));
    }
}
