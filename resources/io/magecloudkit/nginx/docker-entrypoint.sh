#!/bin/sh
# Renders the MageCloudKit nginx templates from environment variables into a writable runtime
# directory, then runs nginx in the foreground with them. Extra arguments go to nginx
# (e.g. "-t" to only test the configuration).
set -eu

: "${NGINX_TEMPLATE_DIR:=/etc/nginx/magecloudkit}"
: "${NGINX_RUNTIME_DIR:=/tmp/nginx}"
: "${NGINX_LISTEN_PORT:=8080}"
: "${NGINX_FASTCGI_UPSTREAM:=127.0.0.1:9000}"
: "${NGINX_REAL_IP_FROM:=10.0.0.0/8}"
: "${NGINX_ACCESS_LOG:=/dev/stdout}"
: "${NGINX_ERROR_LOG:=stderr}"
: "${NGINX_WORKER_PROCESSES:=auto}"
: "${NGINX_CLIENT_MAX_BODY_SIZE:=64m}"
: "${MAGENTO_ROOT:=/var/www/magento}"
: "${NGINX_BIN:=nginx}"

# NGINX_REAL_IP_FROM: one or more CIDRs (or addresses), separated by commas and/or spaces.
NGINX_SET_REAL_IP_FROM=""
set -f # no globbing of the list
for cidr in $(echo "$NGINX_REAL_IP_FROM" | tr ',' ' '); do
  case "$cidr" in
    *[!0-9A-Fa-f:./]* | */*/*)
      echo "nginx entrypoint: NGINX_REAL_IP_FROM: not a CIDR or address: $cidr" >&2
      exit 1
      ;;
  esac
  NGINX_SET_REAL_IP_FROM="${NGINX_SET_REAL_IP_FROM}    set_real_ip_from $cidr;
"
done
set +f
if [ -z "$NGINX_SET_REAL_IP_FROM" ]; then
  echo "nginx entrypoint: NGINX_REAL_IP_FROM names no CIDR" >&2
  exit 1
fi

export NGINX_RUNTIME_DIR NGINX_LISTEN_PORT NGINX_FASTCGI_UPSTREAM NGINX_SET_REAL_IP_FROM \
  NGINX_ACCESS_LOG NGINX_ERROR_LOG NGINX_WORKER_PROCESSES NGINX_CLIENT_MAX_BODY_SIZE MAGENTO_ROOT

# Only these are substituted: nginx's own $uri, $remote_addr, ... pass through unchanged.
variables='${NGINX_RUNTIME_DIR} ${NGINX_LISTEN_PORT} ${NGINX_FASTCGI_UPSTREAM} ${NGINX_SET_REAL_IP_FROM} ${NGINX_ACCESS_LOG} ${NGINX_ERROR_LOG} ${NGINX_WORKER_PROCESSES} ${NGINX_CLIENT_MAX_BODY_SIZE} ${MAGENTO_ROOT}'

for dir in "" /client_body /proxy /fastcgi /uwsgi /scgi; do
  mkdir -p "$NGINX_RUNTIME_DIR$dir"
done

rendered=0
for template in "$NGINX_TEMPLATE_DIR"/*.conf; do
  [ -f "$template" ] || continue
  envsubst "$variables" <"$template" >"$NGINX_RUNTIME_DIR/$(basename "$template")"
  rendered=$((rendered + 1))
done
if [ ! -f "$NGINX_RUNTIME_DIR/nginx.conf" ]; then
  echo "nginx entrypoint: no nginx.conf among the $rendered template(s) in $NGINX_TEMPLATE_DIR" >&2
  exit 1
fi

exec "$NGINX_BIN" -c "$NGINX_RUNTIME_DIR/nginx.conf" "$@"
