#!/usr/bin/env bash
# deploy/local/postgres.sh — a throwaway PostgreSQL cluster on 127.0.0.1 for tests and local runs.
#
#   postgres.sh start DIR [PORT]   initdb into DIR/data (once), start on 127.0.0.1:PORT (a free port when
#                                  omitted); prints one line, the Npgsql connection string, e.g.
#                                  Host=127.0.0.1;Port=41234;Username=voicefleet;Database=postgres
#   postgres.sh stop DIR           stop it (fast shutdown) and wait; safe when it is not running
#
# Trust authentication for the 'voicefleet' superuser, loopback TCP only, the Unix socket inside DIR,
# fsync off: for tests, never for data you keep. PostgreSQL refuses to run as root, so as root the
# server runs as the 'postgres' system user (created by the Debian package) and DIR is handed to it.
# Needs the Debian package postgresql (deploy/local/apt-packages.txt).
set -euo pipefail

die() { printf 'postgres.sh: %s\n' "$*" >&2; exit 1; }

bindir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [[ -x $dir/pg_ctl && -x $dir/initdb ]] && { echo "$dir"; return 0; }
  done
  command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v pg_ctl)"; return 0; }
  die "PostgreSQL is not installed (pg_ctl not found): run ./fleet setup (Debian package postgresql)"
}

as_owner() {
  if ((EUID == 0)); then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  die "no free loopback port found"
}

cmd=${1:-}
dir=${2:-}
[[ -n $cmd && -n $dir ]] || die "usage: postgres.sh start DIR [PORT] | stop DIR"
BIN=$(bindir)

case "$cmd" in
  start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if ((EUID == 0)); then
      id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' system user (Debian package postgresql)"
      chown postgres "$dir"
    fi
    if [[ ! -f $dir/data/PG_VERSION ]]; then
      as_owner "$BIN/initdb" -D "$dir/data" -U voicefleet --auth=trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    fi
    port=${3:-$(free_port)}
    as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null || { cat "$dir/server.log" >&2; die "the server did not start"; }
    echo "$port" >"$dir/port"
    echo "Host=127.0.0.1;Port=$port;Username=voicefleet;Database=postgres"
    ;;
  stop)
    [[ -d $dir/data ]] || exit 0
    if as_owner "$BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      as_owner "$BIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
    fi
    ;;
  *) die "unknown command '$cmd' (start or stop)" ;;
esac
