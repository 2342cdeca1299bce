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
    /**
     * Our templates' timers as read from the target group and the running tasks: ELB check every 10 s, healthy after 2
     * (the first check may come at once: 10 s); container check every 10 s; 30 s drain and 2 s to stop; 25 s launch of
     * which 20 s pull.
     */
    static final RolloutTimers TIMERS = new RolloutTimers(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(2), Duration.ofSeconds(25), Duration.ofSeconds(5));
    /** The same as the service's events measured them on its last rollouts: 25 s launch, 20 s to healthy, 32 s drain and stop. */
    static final RolloutTimers EVENTS = new RolloutTimers(Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofSeconds(32),
            Duration.ZERO, Duration.ofSeconds(25), null);

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

    @ParameterizedTest(name = "{0} old {1} at {4} s, {6} stops left, timers from {7}: {5} ({8} s)")
    @CsvSource(delimiter = '|', value = {
        // ours              | old | running since | draining since | now  | phase      | stops left | timers | wait
        "4/0/0/0 IN_PROGRESS | 4   | -             | -              | 0    | LAUNCHING  | 2 | tasks  | 4",     // nothing can start before the launch less its pull
        "4/0/4/0 IN_PROGRESS | 4   | -             | -              | 4    | LAUNCHING  | 2 | tasks  | 10.5",  // closing in on the launch time by halves
        "4/0/4/0 IN_PROGRESS | 4   | -             | -              | 20   | LAUNCHING  | 2 | tasks  | 4",     // within a few seconds: straight to just before it
        "4/0/4/0 IN_PROGRESS | 4   | -             | -              | 23.9 | LAUNCHING  | 2 | tasks  | 1",
        "4/0/4/0 IN_PROGRESS | 4   | -             | -              | 24   | LAUNCHING  | 2 | tasks  | 1",
        "4/0/4/0 IN_PROGRESS | 4   | -             | -              | 35   | LAUNCHING  | 2 | tasks  | 2.5",   // a slower pull: backing off gently
        "4/0/4/0 IN_PROGRESS | 4   | -             | -              | 90   | LAUNCHING  | 2 | tasks  | 5",
        "4/0/4/0 IN_PROGRESS | 4   | -             | -              | 0    | LAUNCHING  | 2 | events | 26",    // pulls unknown: a second after the first can start
        "4/0/4/0 IN_PROGRESS | 4   | -             | -              | 26   | LAUNCHING  | 2 | events | 1",     // late: every second, then gently slower
        "4/0/4/0 IN_PROGRESS | 4   | -             | -              | 45   | LAUNCHING  | 2 | events | 5",
        "4/1/3/0 IN_PROGRESS | 4   | 26            | -              | 26   | STARTING   | 2 | tasks  | 1",     // three may crash unseen: too many
        "4/0/3/1 IN_PROGRESS | 4   | -             | -              | 27   | STARTING   | 1 | tasks  | 1",
        "4/2/2/0 IN_PROGRESS | 4   | 26            | -              | 27   | STARTING   | 2 | events | 22.5",  // two may crash unseen: wait for health
        "4/3/1/0 IN_PROGRESS | 4   | 26            | -              | 27   | STARTING   | 1 | tasks  | 12.5",
        "4/2/2/0 IN_PROGRESS | 4   | 26            | -              | 27   | STARTING   | 1 | events | 1",
        "4/4/0/0 IN_PROGRESS | 4   | 26            | -              | 27   | WARMING    | 2 | tasks  | 9.5",   // no target healthy before 10 s
        "4/4/0/0 IN_PROGRESS | 4   | 28            | -              | 29   | WARMING    | 2 | events | 19.5",  // the last rollout's tasks took 20 s
        "4/4/0/0 IN_PROGRESS | 2   | 26            | -              | 36   | WARMING    | 2 | tasks  | 1",
        "4/4/0/0 IN_PROGRESS | 2   | 26            | -              | 37   | WARMING    | 2 | tasks  | 5",     // past it: every 5 s
        "4/4/0/0 IN_PROGRESS | 0   | 26            | 46             | 47   | DRAINING   | 2 | tasks  | 31.5",  // drain and stop end at 78
        "4/4/0/0 IN_PROGRESS | 0   | 26            | 46             | 62   | DRAINING   | 2 | tasks  | 16.5",
        "4/4/0/0 IN_PROGRESS | 0   | 26            | 46             | 74.5 | DRAINING   | 2 | tasks  | 4",
        "4/4/0/0 IN_PROGRESS | 0   | 26            | 46             | 79   | DRAINING   | 2 | tasks  | 1",
        "4/4/0/0 IN_PROGRESS | 0   | 28            | 48             | 49   | DRAINING   | 2 | events | 31.5",
        "4/4/0/0 IN_PROGRESS | 0   | 26            | -              | 50   | DRAINING   | 2 | tasks  | 1",     // drain start unknown: look every second
        "4/4/0/0 COMPLETED   | -   | 26            | 46             | 78   | SETTLING   | 2 | tasks  | 1",
        "2/2/0/0 IN_PROGRESS | -   | 5             | -              | 6    | WARMING    | 2 | tasks  | 9.5",   // a service scaled from nothing: no old tasks
    })
    void waits(String ours, String old, String runningSince, String drainingSince, String now, PollSchedule.Phase phase,
            int stopsLeft, String timers, double wait) {
        Observation o = observation(ours.trim(), old.trim());
        assertEquals(phase, PollSchedule.phase(o, "new"));
        assertEquals(Duration.ofMillis((long) (wait * 1000)), PollSchedule.next(o, "new",
                new RolloutProgress(at(runningSince.trim()), at(drainingSince.trim())), "events".equals(timers.trim()) ? EVENTS : TIMERS,
                stopsLeft, at(now.trim()), Duration.ofMinutes(15)));
    }

    @Test
    void neverPastTheTimeout_andSteadyWithoutTimers() {
        Observation launching = observation("4/0/4/0 IN_PROGRESS", "4");
        assertEquals(Duration.ofSeconds(3), PollSchedule.next(launching, "new", RolloutProgress.NONE, TIMERS, 2, T0, Duration.ofSeconds(3)));
        assertEquals(Duration.ofSeconds(1), PollSchedule.next(launching, "new", RolloutProgress.NONE, TIMERS, 2, T0, Duration.ZERO));
        assertEquals(Duration.ofSeconds(2), PollSchedule.next(launching, "new", RolloutProgress.NONE, RolloutTimers.UNKNOWN, 2,
                T0.plusSeconds(4), Duration.ofMinutes(15)));
        Observation draining = observation("4/4/0/0 IN_PROGRESS", "0");
        RolloutTimers slowDrain = TIMERS.withDrain(Duration.ofSeconds(300), RolloutTimers.TASK_STOP);
        assertEquals(PollSchedule.LONGEST, PollSchedule.next(draining, "new", new RolloutProgress(T0, T0), slowDrain, 2, T0,
                Duration.ofMinutes(15)), "never longer than the safety net");
    }

    @Test
    void theFirstLook_waitsForTheLaunch() {
        assertEquals(Duration.ofSeconds(26), PollSchedule.first(T0, EVENTS, T0, Duration.ofMinutes(15)));
        assertEquals(Duration.ofSeconds(4), PollSchedule.first(T0, TIMERS, T0, Duration.ofMinutes(15)));
        assertEquals(Duration.ofSeconds(3), PollSchedule.first(T0, EVENTS, T0, Duration.ofSeconds(3)));
        assertEquals(Duration.ZERO, PollSchedule.first(T0, RolloutTimers.UNKNOWN, T0, Duration.ofMinutes(15)), "launch unknown");
        assertEquals(Duration.ZERO, PollSchedule.first(null, EVENTS, T0, Duration.ofMinutes(15)), "creation unknown: look now");
        assertEquals(Duration.ZERO, PollSchedule.first(T0, EVENTS, T0.plusSeconds(40), Duration.ofMinutes(15)),
                "a rerun joining a deployment under way: look now");
        assertEquals(PollSchedule.LONGEST, PollSchedule.first(T0, EVENTS.withLaunch(Duration.ofMinutes(5), null), T0,
                Duration.ofMinutes(15)), "never longer than the safety net");
    }

    @Test
    void eachPhase_needsItsTimer() {
        assertEquals(PollSchedule.Need.LAUNCH, PollSchedule.needs(PollSchedule.Phase.LAUNCHING));
        assertEquals(PollSchedule.Need.HEALTHY, PollSchedule.needs(PollSchedule.Phase.STARTING));
        assertEquals(PollSchedule.Need.HEALTHY, PollSchedule.needs(PollSchedule.Phase.WARMING));
        assertEquals(PollSchedule.Need.DRAIN, PollSchedule.needs(PollSchedule.Phase.DRAINING));
        assertNull(PollSchedule.needs(PollSchedule.Phase.SETTLING));
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
