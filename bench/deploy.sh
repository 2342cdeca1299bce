#!/usr/bin/env bash
# Benchmark of the health-gated deploy against the SDK's EcsWaiter.waitUntilServicesStable (at its
# default 15 s delay, and at 2 s for an answer as prompt as the gate's), all watching the same deploy
# on a sped-up sandbox whose target group has the timers resources/.../app-target.yml provisions: a
# healthy rolling deploy and a build whose tasks crash. Prints the delay from the sandbox's deployment
# COMPLETED / FAILED to each verdict, the new tasks stopped by then and the ECS/ELB calls each made
# while watching. Not part of `mvn verify`.
# Usage: bench/deploy.sh [SPEED (simulated s per real s, default 4)] [TASKS (default 4)]
# BENCH_LOG=1 also prints the gate's log of each deploy (simulated seconds since the update; every look).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# The fat jar carries every runtime dependency; the benchmark and the sandbox fixture are test classes.
mvn -B -q -DskipTests package
exec java -cp "target/test-classes:target/mck.jar" io.magecloudkit.deploy.DeployBenchmark "$@"
