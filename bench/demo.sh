#!/usr/bin/env bash
# Benchmark of `mck demo`: runs the whole rehearsal RUNS times (default 1) from the built jar and
# prints each run's phase timings (the demo's summary table) and wall time, plus the machine's
# load average, since the figures depend on what else the machine is doing. Not part of `mvn verify`.
# Usage: bench/demo.sh [RUNS] [-- extra mck demo options, e.g. --speed 60]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runs="${1:-1}"
shift || true
[ "${1:-}" = "--" ] && shift
mvn -B -q -o -DskipTests package
cores="$(nproc)"
for i in $(seq 1 "$runs"); do
    echo "run $i of $runs ($cores cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
    start=$(date +%s.%N)
    set +e
    java -jar target/mck.jar demo "$@" 2>/dev/null >"${TMPDIR:-/tmp}/mck-demo-bench.$$"
    code=$?
    set -e
    end=$(date +%s.%N)
    # The summary table: from its header line to the verdict.
    sed -n '/^phase /,/^demo: /p' "${TMPDIR:-/tmp}/mck-demo-bench.$$"
    printf 'exit %d, wall %.1f s (JVM start and jar load included), load average after: %s\n\n' "$code" \
        "$(echo "$end - $start" | bc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
    rm -f "${TMPDIR:-/tmp}/mck-demo-bench.$$"
done
