#!/usr/bin/env bash
# Benchmark of `mck build-images` (Jib builder) against a local docker-registry: a Magento-sized
# tree (default 30,000 files), then a cold build, a no-change rebuild and a one-PHP-file change.
# Not part of `mvn verify`. Usage: bench/image-build.sh [FILES]
# Needs docker-registry and apache2-utils (htpasswd), as the tests do (./test installs them).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# The fat jar carries every runtime dependency; the benchmark and its fixture helpers are test classes.
mvn -B -q -DskipTests package
exec java -cp "target/test-classes:target/mck.jar" io.magecloudkit.image.ImageBuildBenchmark "$@"
