#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# A throwaway PostgreSQL 15 cluster on 127.0.0.1, for tests and benchmarks.
#   pg-throwaway.sh start DIR [PORT]   prints the admin URL (database "postgres")
#   pg-throwaway.sh stop DIR
# Runs the server as the "postgres" system user with trust authentication on loopback
# only; DIR holds the data and the log and can be deleted after stop. Extra server settings
# may come in $PG_THROWAWAY_OPTIONS (e.g. "-c shared_preload_libraries=pg_stat_statements").
set -euo pipefail
PGBIN=/usr/lib/postgresql/15/bin
cmd=${1:?start|stop}; dir=${2:?directory}

case "$cmd" in
  start)
    port=${3:-54329}
    mkdir -p "$dir"
    chown postgres:postgres "$dir"
    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
      runuser -u postgres -- "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=on -c max_connections=200 ${PG_THROWAWAY_OPTIONS:-}" start >/dev/null
    echo "postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [[ -f "$dir/data/postmaster.pid" ]]; then
      runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    fi
    ;;
  *) echo "usage: $0 start|stop DIR [PORT]" >&2; exit 2 ;;
esac
