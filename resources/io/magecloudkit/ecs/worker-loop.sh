# MageCloudKit worker loop (the command of the cron and consumer tasks, run as sh -c with
# $1 = interval in seconds and the rest = the command): runs the command every INTERVAL seconds,
# start to start, until SIGTERM. A run in progress when ECS stops the task is allowed to finish
# (ECS waits stopTimeout before SIGKILL), so cron:run never leaves half-written schedules; then
# the loop exits 0. A failed run is logged and the loop goes on: the next minute may succeed.
interval=$1
shift
stop=0
sleeper=
trap 'stop=1; [ -z "$sleeper" ] || kill "$sleeper" 2>/dev/null' TERM INT
echo "mck-worker: running '$*' every ${interval}s" >&2
while [ "$stop" = 0 ]; do
  started=$(date +%s)
  "$@" &
  job=$!
  # wait returns early when a trapped signal arrives: wait again until the run is over.
  while wait "$job"; status=$?; kill -0 "$job" 2>/dev/null; do :; done
  [ "$status" = 0 ] || echo "mck-worker: '$*' exited $status" >&2
  [ "$stop" = 0 ] || break
  # One second at a time: a SIGTERM that reaches a sleep before it has exec'd is lost (the forked
  # shell still has our trap), so the loop looks at $stop at least once a second.
  next=$((started + interval))
  while [ "$stop" = 0 ] && [ "$(date +%s)" -lt "$next" ]; do
    sleep 1 &
    sleeper=$!
    wait "$sleeper" 2>/dev/null
    sleeper=
  done
done
echo "mck-worker: stopped (SIGTERM)" >&2
exit 0
