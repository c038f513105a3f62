#!/usr/bin/env bash
# A private PostgreSQL cluster from the machine's binaries, for development and tests.
#   build/postgres.sh ensure            install the server binaries (apt) when they are missing
#   build/postgres.sh start DIR PORT    create (first time) and start a cluster in DIR on 127.0.0.1:PORT;
#                                       prints the superuser connection string
#   build/postgres.sh stop DIR          stop it
# Running as root, the server runs as the postgres user (PostgreSQL refuses to run as root).
set -euo pipefail

bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(readlink -f "$(command -v initdb)")"; return; fi
}

as_server_user() {
  # From /, as the working folder may be closed to the postgres user; every path given is absolute.
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

ensure() {
  if [ -z "$(bindir)" ]; then
    echo "Installing PostgreSQL server binaries (apt)..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
    # Debian's package starts a system cluster of its own; ours are private, so leave the system one stopped.
    (pg_ctlcluster --help >/dev/null 2>&1 && pg_lsclusters -h 2>/dev/null | while read -r v c _; do pg_ctlcluster "$v" "$c" stop || true; done) >&2 || true
  fi
  [ -n "$(bindir)" ] || { echo "PostgreSQL binaries not found after install" >&2; exit 1; }
}

start() {
  local dir=$1 port=$2 bin
  ensure
  bin=$(bindir)
  place "$dir"
  dir=$(cd "$dir" && pwd -P)
  mkdir -p "$dir/run"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    mkdir -p "$dir/data"
    head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$dir/superuser.pw"
    chmod 600 "$dir/superuser.pw"
    [ "$(id -u)" = 0 ] && chown -R postgres: "$dir"
    as_server_user "$bin/initdb" -D "$dir/data" -U postgres --auth=scram-sha-256 --pwfile="$dir/superuser.pw" \
      -E UTF8 --locale=C.UTF-8 > "$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  fi
  as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='$dir/run' -c max_connections=200 -c fsync=off -c synchronous_commit=off" \
    start > /dev/null || { tail -n 20 "$dir/postgres.log" >&2; exit 1; }
  echo "Host=127.0.0.1;Port=$port;Database=postgres;Username=postgres;Password=$(cat "$dir/superuser.pw")"
}

# Running as root, the server runs as postgres, which must reach DIR. A checkout under a folder closed to
# other users (a private temp folder, /root) cannot hold the cluster: it then lives in /var/tmp, and DIR is
# a link to it, so that DIR stays the one handle on it.
place() {
  local dir=$1 parent
  [ -e "$dir" ] && return 0
  parent=$(dirname "$dir"); mkdir -p "$parent"; parent=$(cd "$parent" && pwd -P)
  if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$parent"; then
    local elsewhere
    elsewhere=/var/tmp/cara-pg-$(echo "$parent/$(basename "$dir")" | sha256sum | cut -c1-12)
    mkdir -p "$elsewhere" && chown postgres: "$elsewhere" && chmod 700 "$elsewhere"
    ln -s "$elsewhere" "$dir"
  else
    mkdir -p "$dir"
  fi
}

stop() {
  local dir=$1 bin
  bin=$(bindir)
  [ -f "$dir/data/postmaster.pid" ] || return 0
  dir=$(cd "$dir" && pwd -P)
  as_server_user "$bin/pg_ctl" -D "$dir/data" -m fast -w stop > /dev/null || true
}

case "${1:-}" in
  ensure) ensure ;;
  start) start "$2" "$3" ;;
  stop) stop "$2" ;;
  *) echo "usage: $0 ensure | start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
