#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Escale benchmark: wrk on /healthz, floor availability and booking creation (--sync full
# and normal), then the cite rush with its invariant check. See bench/README.md.
# Usage: bench/run.sh [--duration 10s] [--book-duration 4s] [--connections 64] [--threads 2]
#                     [--reps 3] [--rush-modes plan,avail]
#        bench/run.sh --databases [--duration 10s] [--book-duration 4s] [--reps 3]
#          the same wrk loads on SQLite, PostgreSQL with one server and with two (databases.py;
#          needs psql, PostgreSQL 15 and root for scripts/pg-throwaway.sh)
# The server binary is $ESCALE_BIN, else build/escale. Needs wrk and python3 (stdlib only).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
export ESCALE_BIN="${ESCALE_BIN:-$here/../build/escale}"
script=bench.py
if [ "${1:-}" = "--analytics" ]; then  # occupancy analytics (issue 13): a year of the cite, both databases
  shift
  command -v psql >/dev/null || { echo "run.sh: psql is missing (apt-get install postgresql-15)" >&2; exit 1; }
  [ -x "$ESCALE_BIN" ] || { echo "run.sh: no server binary at $ESCALE_BIN (build it first)" >&2; exit 1; }
  echo "escale analytics bench, $(date -u +%FT%TZ): $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $ESCALE_BIN"
  exec python3 "$here/analytics.py" "$@"
fi
if [ "${1:-}" = "--databases" ]; then
  script=databases.py
  command -v psql >/dev/null || { echo "run.sh: psql is missing (apt-get install postgresql-15)" >&2; exit 1; }
fi
command -v wrk >/dev/null || { echo "run.sh: wrk is missing (bash scripts/install-deps.sh --bench)" >&2; exit 1; }
[ -x "$ESCALE_BIN" ] || { echo "run.sh: no server binary at $ESCALE_BIN (build it first)" >&2; exit 1; }
echo "escale bench, $(date -u +%FT%TZ): $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $ESCALE_BIN"
exec python3 "$here/$script" "$@"
