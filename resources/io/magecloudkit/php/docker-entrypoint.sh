#!/bin/sh
# MageCloudKit php-fpm entrypoint: writes app/etc/env.php from the environment, enables the
# Blackfire probe when asked, sizes the pool, then replaces itself with
#   - php-fpm in the foreground: no arguments, arguments starting with "-" (passed to php-fpm),
#     or "php-fpm [args]";
#   - any other command, run from $MAGENTO_ROOT with its exit code passed through, e.g.
#     "bin/magento setup:db:status" (bin/magento and *.php run through PHP, so they need no
#     executable bit in the image).
# Never print a variable's value here: many are secrets.
set -eu

: "${MAGENTO_ROOT:=/var/www/magento}"
: "${PHP_BIN:=php}"
: "${PHP_FPM_BIN:=php-fpm}"
: "${PHP_FPM_CONF:=/usr/local/etc/magecloudkit/php-fpm.conf}"
: "${MCK_ENV_PHP_WRITER:=/usr/local/lib/magecloudkit/write-env-php.php}"
: "${MCK_BLACKFIRE_INI_DIR:=/usr/local/etc/php/blackfire.d}"
: "${MCK_BLACKFIRE_ENABLED:=false}"
: "${MCK_CGROUP_ROOT:=/sys/fs/cgroup}"
# php.ini reads memory_limit from here (${PHP_MEMORY_LIMIT}).
: "${PHP_MEMORY_LIMIT:=2G}"
# Pool defaults, expanded by php-fpm from the environment (php-fpm-pool.conf).
: "${PHP_FPM_LISTEN:=127.0.0.1:9000}"
: "${PHP_FPM_PM:=dynamic}"
: "${PHP_FPM_WORKER_MEMORY_MB:=150}"
: "${PHP_FPM_RESERVED_MEMORY_MB:=640}"
: "${PHP_FPM_MAX_REQUESTS:=1000}"
: "${PHP_FPM_SLOWLOG_TIMEOUT:=10s}"
: "${PHP_FPM_REQUEST_TERMINATE_TIMEOUT:=600s}"

fail() {
  echo "php-fpm entrypoint: $*" >&2
  exit 1
}

is_count() {
  case "$1" in
    '' | *[!0-9]*) return 1 ;;
    *) [ "$1" -gt 0 ] ;;
  esac
}

min() {
  if [ "$1" -lt "$2" ]; then echo "$1"; else echo "$2"; fi
}

# The container's memory limit in MiB from the cgroup (v2, else v1); nothing when unlimited.
container_memory_mb() {
  for file in "$MCK_CGROUP_ROOT/memory.max" "$MCK_CGROUP_ROOT/memory/memory.limit_in_bytes"; do
    [ -r "$file" ] || continue
    bytes=$(cat "$file")
    case "$bytes" in
      '' | *[!0-9]*) return 0 ;; # "max": no limit
    esac
    # cgroup v1 reports "no limit" as a number near 2^63.
    [ "$bytes" -lt 1099511627776 ] || return 0
    echo $((bytes / 1048576))
    return 0
  done
}

if [ "$PHP_MEMORY_LIMIT" != -1 ] && ! is_count "${PHP_MEMORY_LIMIT%[KMGkmg]}"; then
  fail "PHP_MEMORY_LIMIT must be -1 or a size such as 768M or 2G"
fi
is_count "$PHP_FPM_WORKER_MEMORY_MB" || fail "PHP_FPM_WORKER_MEMORY_MB must be a positive number"
case "$PHP_FPM_RESERVED_MEMORY_MB" in
  '' | *[!0-9]*) fail "PHP_FPM_RESERVED_MEMORY_MB must be a number" ;;
esac

# pm.max_children: given, else what the container's memory holds after OPcache and the master
# (PHP_FPM_RESERVED_MEMORY_MB), at PHP_FPM_WORKER_MEMORY_MB per worker; 16 without a limit.
if [ -n "${PHP_FPM_MAX_CHILDREN:-}" ]; then
  is_count "$PHP_FPM_MAX_CHILDREN" || fail "PHP_FPM_MAX_CHILDREN must be a positive number"
  sizing="set"
else
  memory_mb=$(container_memory_mb)
  if [ -n "$memory_mb" ]; then
    PHP_FPM_MAX_CHILDREN=$(((memory_mb - PHP_FPM_RESERVED_MEMORY_MB) / PHP_FPM_WORKER_MEMORY_MB))
    [ "$PHP_FPM_MAX_CHILDREN" -ge 1 ] || PHP_FPM_MAX_CHILDREN=1
    sizing="from $memory_mb MiB container memory"
  else
    PHP_FPM_MAX_CHILDREN=16
    sizing="default, no container memory limit found"
  fi
fi
# The spare-server bounds must lie within max_children, or php-fpm refuses to start.
: "${PHP_FPM_START_SERVERS:=$(min 4 "$PHP_FPM_MAX_CHILDREN")}"
: "${PHP_FPM_MIN_SPARE_SERVERS:=$(min 2 "$PHP_FPM_MAX_CHILDREN")}"
: "${PHP_FPM_MAX_SPARE_SERVERS:=$(min 6 "$PHP_FPM_MAX_CHILDREN")}"

export MAGENTO_ROOT PHP_MEMORY_LIMIT PHP_FPM_LISTEN PHP_FPM_PM PHP_FPM_MAX_CHILDREN \
  PHP_FPM_START_SERVERS PHP_FPM_MIN_SPARE_SERVERS PHP_FPM_MAX_SPARE_SERVERS PHP_FPM_MAX_REQUESTS \
  PHP_FPM_SLOWLOG_TIMEOUT PHP_FPM_REQUEST_TERMINATE_TIMEOUT

# -n: the writer needs no extension, and must not depend on the image's ini files.
"$PHP_BIN" -n "$MCK_ENV_PHP_WRITER"

case "$MCK_BLACKFIRE_ENABLED" in
  true | 1 | yes)
    # PHP reads several scan directories separated by ':'; an empty entry means the built-in one.
    PHP_INI_SCAN_DIR="${PHP_INI_SCAN_DIR:-}:$MCK_BLACKFIRE_INI_DIR"
    export PHP_INI_SCAN_DIR
    echo "php-fpm entrypoint: Blackfire probe enabled" >&2
    ;;
  false | 0 | no | "") ;;
  *) fail "MCK_BLACKFIRE_ENABLED must be true or false" ;;
esac

if [ "$#" -gt 0 ] && [ "$1" = php-fpm ]; then
  shift
fi
if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ]; then
  echo "php-fpm entrypoint: pm.max_children=$PHP_FPM_MAX_CHILDREN ($sizing)" >&2
  exec "$PHP_FPM_BIN" --nodaemonize --fpm-config "$PHP_FPM_CONF" "$@"
fi

cd "$MAGENTO_ROOT"
case "$1" in
  bin/magento | */bin/magento | *.php) exec "$PHP_BIN" "$@" ;;
  *) exec "$@" ;;
esac
