#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and trials, from Debian's `postgresql` package (installed when missing):
#   eval "$(scripts/postgres-test-cluster.sh start)"   # prints: export PROMETHEUS_TEST_POSTGRES=...; export PROMETHEUS_TEST_POSTGRES_DIR=...
#   scripts/postgres-test-cluster.sh stop "$PROMETHEUS_TEST_POSTGRES_DIR"
# The cluster lives in a new temporary folder, listens on a free loopback port only (no Unix socket outside its folder),
# trusts loopback connections (nothing else can reach it), and is removed by `stop`. initdb refuses root, so as root the
# cluster runs as the `postgres` user the package creates.
set -euo pipefail
cd "$(dirname "$0")/.."

bin_dir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  [[ -x "$dir/initdb" ]] || return 1
  echo "$dir"
}

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "postgres-test-cluster.sh: no free port found" >&2; exit 1
}

start() {
  local bin
  if ! bin="$(bin_dir)"; then
    # shellcheck source=scripts/system-packages.sh
    source scripts/system-packages.sh
    install_system_packages postgresql >&2
    bin="$(bin_dir)" || { echo "postgres-test-cluster.sh: initdb not found after installing postgresql" >&2; exit 1; }
  fi
  local dir port
  dir="$(mktemp -d /tmp/prometheus-pg.XXXXXX)"
  chmod 0755 "$dir"
  if [[ $(id -u) -eq 0 ]]; then chown postgres: "$dir"; fi
  port="$(free_port)"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  # fsync stays on (the default): the crash tests rely on a commit being durable.
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=300" start >&2 \
    || { cat "$dir/server.log" >&2; exit 1; }
  echo "export PROMETHEUS_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres'"
  echo "export PROMETHEUS_TEST_POSTGRES_DIR='$dir'"
}

stop() {
  local dir="${1:-}" bin
  [[ -n "$dir" && -d "$dir" ]] || { echo "postgres-test-cluster.sh: stop needs the cluster's folder" >&2; exit 2; }
  bin="$(bin_dir)"
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
