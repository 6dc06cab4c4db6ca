#!/usr/bin/env bash
# The project's private PostgreSQL cluster, under var/pg, used when DATABASE_URL is unset.
#
#   scripts/devdb.sh start   create the cluster on first use, start it, create the database
#   scripts/devdb.sh stop    stop it
#   scripts/devdb.sh status  say whether it runs
#
# The cluster listens on a unix socket inside var/pg/run and on no TCP port, with trust
# authentication for that socket only, so it never collides with a PostgreSQL service of
# the machine. PostgreSQL refuses to run as root: as root, its binaries run as the
# `postgres` system user, which then owns var/pg.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PGROOT="$ROOT/var/pg"
PGDATA="$PGROOT/data"
SOCKDIR="$PGROOT/run"
LOGFILE="$PGROOT/postgres.log"
DBNAME=archive
DBUSER=archive

die() { echo "devdb: $*" >&2; exit 1; }

find_bindir() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir=$(pg_config --bindir 2>/dev/null || true)
    [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  fi
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  dir=$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")
  [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  return 1
}

BINDIR=$(find_bindir) || die "no PostgreSQL server binaries found: install PostgreSQL with contrib (Debian/Ubuntu: apt-get install postgresql postgresql-contrib), or set DATABASE_URL."

if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' system user (it comes with the postgresql package)."
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

# As root, the postgres user must be able to walk down to var/pg: a clone inside a
# private directory (mode 700) would stop it, so grant traversal (x only, no listing).
grant_traversal() {
  [ "$(id -u)" = 0 ] || return 0
  local path="" part
  # From the top down, so only the folders that really block the way are opened.
  IFS=/ read -ra parts <<<"${ROOT#/}"
  for part in "${parts[@]}"; do
    path="$path/$part"
    if ! as_pg test -x "$path" 2>/dev/null; then
      echo "devdb: letting the postgres user traverse $path (chmod o+x)"
      chmod o+x "$path"
    fi
  done
  as_pg test -x "$ROOT" || die "the postgres user cannot reach $ROOT; set DATABASE_URL instead."
}

is_running() { [ -f "$PGDATA/PG_VERSION" ] && as_pg "$BINDIR/pg_ctl" status -D "$PGDATA" >/dev/null 2>&1; }

start() {
  mkdir -p "$PGROOT" "$SOCKDIR"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$PGROOT" "$SOCKDIR"; fi
  grant_traversal
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    echo "devdb: creating the cluster in var/pg/data"
    as_pg "$BINDIR/initdb" -D "$PGDATA" -U "$DBUSER" -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=reject >"$PGROOT/initdb.log" 2>&1 \
      || { cat "$PGROOT/initdb.log" >&2; die "initdb failed (log above)."; }
  fi
  if is_running; then
    echo "devdb: already running (socket in var/pg/run)"
  else
    # The socket directory is passed at every start, so a moved checkout still works.
    as_pg "$BINDIR/pg_ctl" start -D "$PGDATA" -l "$LOGFILE" -w -t 60 \
      -o "-c listen_addresses='' -c unix_socket_directories='$SOCKDIR'" >/dev/null \
      || { tail -n 20 "$LOGFILE" >&2; die "PostgreSQL did not start (log above, full log in var/pg/postgres.log)."; }
    echo "devdb: started (socket in var/pg/run)"
  fi
  if ! "$BINDIR/psql" -h "$SOCKDIR" -U "$DBUSER" -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = '$DBNAME'" | grep -q 1; then
    "$BINDIR/createdb" -h "$SOCKDIR" -U "$DBUSER" "$DBNAME"
    echo "devdb: created database $DBNAME"
  fi
}

stop() {
  if is_running; then
    as_pg "$BINDIR/pg_ctl" stop -D "$PGDATA" -m fast -w >/dev/null
    echo "devdb: stopped"
  else
    echo "devdb: not running"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if is_running; then echo "devdb: running"; else echo "devdb: not running"; exit 3; fi ;;
  *) die "usage: $0 start|stop|status" ;;
esac
