#!/bin/sh
# MageCloudKit php-fpm entrypoint: writes app/etc/env.php from the environment, enables the
# Blackfire probe when asked, then replaces itself with php-fpm in the foreground.
# Extra arguments go to php-fpm. Never print a variable's value here: many are secrets.
set -eu

: "${MAGENTO_ROOT:=/var/www/magento}"
: "${PHP_BIN:=php}"
: "${PHP_FPM_BIN:=php-fpm}"
: "${PHP_FPM_CONF:=/usr/local/etc/magecloudkit/php-fpm.conf}"
: "${MCK_ENV_PHP_WRITER:=/usr/local/lib/magecloudkit/write-env-php.php}"
: "${MCK_BLACKFIRE_INI_DIR:=/usr/local/etc/php/blackfire.d}"
: "${MCK_BLACKFIRE_ENABLED:=false}"
# Pool defaults, expanded by php-fpm from the environment (php-fpm-pool.conf).
: "${PHP_FPM_LISTEN:=127.0.0.1:9000}"
: "${PHP_FPM_PM:=dynamic}"
: "${PHP_FPM_MAX_CHILDREN:=16}"
: "${PHP_FPM_START_SERVERS:=4}"
: "${PHP_FPM_MIN_SPARE_SERVERS:=2}"
: "${PHP_FPM_MAX_SPARE_SERVERS:=6}"
: "${PHP_FPM_MAX_REQUESTS:=1000}"
: "${PHP_FPM_SLOWLOG_TIMEOUT:=10s}"
: "${PHP_FPM_REQUEST_TERMINATE_TIMEOUT:=600s}"
export MAGENTO_ROOT PHP_FPM_LISTEN PHP_FPM_PM PHP_FPM_MAX_CHILDREN PHP_FPM_START_SERVERS \
  PHP_FPM_MIN_SPARE_SERVERS PHP_FPM_MAX_SPARE_SERVERS PHP_FPM_MAX_REQUESTS \
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
  *)
    echo "php-fpm entrypoint: MCK_BLACKFIRE_ENABLED must be true or false" >&2
    exit 1
    ;;
esac

exec "$PHP_FPM_BIN" --nodaemonize --fpm-config "$PHP_FPM_CONF" "$@"
