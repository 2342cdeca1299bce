#!/usr/bin/env bash
# Benchmark of `mck provision` against the embedded sandbox (clock x2000): the example's staging
# environment created from nothing, then a run with nothing changed; prints wall times and the API
# calls per operation (the no-op run's calls per stack). Not part of `mvn verify`.
# Usage: bench/provision.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# The fat jar carries every runtime dependency; the benchmark and its fixture helpers are test classes.
mvn -B -q -o -DskipTests package
exec java -cp "target/test-classes:target/mck.jar" io.magecloudkit.provision.ProvisionBenchmark "$@"
