#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Escale benchmarks in one command (bench/README.md). By default every figure, on SQLite and on
# PostgreSQL, printed as one table at the end (bench.py):
#   bench/run.sh [--quick] [--parts static,reads,booking,rush,spaces,login,startup,analytics,planning]
#                [--db sqlite,postgres] [--reps 3] [--duration 10s] [--book-duration 4s]
#                [--rush-modes plan,avail] [--baseline OTHER_ESCALE_BINARY]
#   bench/run.sh --databases [--reps 3] ...   SQLite against PostgreSQL with one server and with two
#                                             on one database (databases.py)
#   bench/run.sh --analytics [--reps 21] [--compare-with BINARY] [--lived] ...  the analytics queries alone, every
#                                          one (analytics.py), answers checked against another build
#   bench/run.sh --hostile [--seconds 8] ...  a normal client's times, RSS and log under each hostile
#                                             load of issue 14 (hostile.py)
# The server binary is $ESCALE_BIN, else build/escale. Needs wrk, nginx, python3 (stdlib only),
# sqlite3's Python module, and for PostgreSQL psql, PostgreSQL 15 and root (pg-throwaway.sh):
# bash scripts/install-deps.sh --bench.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
export ESCALE_BIN="${ESCALE_BIN:-$here/../build/escale}"
script=bench.py
case "${1:-}" in
  --analytics) script=analytics.py; shift ;;
  --databases) script=databases.py ;;
  --hostile) script=hostile.py; shift ;;
esac
for tool in wrk nginx psql; do
  command -v $tool >/dev/null || { echo "run.sh: $tool is missing (bash scripts/install-deps.sh --bench)" >&2; exit 1; }
done
[ -x "$ESCALE_BIN" ] || { echo "run.sh: no server binary at $ESCALE_BIN (build it first)" >&2; exit 1; }
# The planning engine's benchmark (Google Benchmark) is built on demand, next to the server.
build=$(dirname "$ESCALE_BIN")
if [ $script = bench.py ] && [ ! -x "$build/planning_bench" ] && [ -f "$build/build.ninja" ]; then
  cmake --build "$build" --target planning_bench -j2 >/dev/null || echo "run.sh: planning_bench did not build" >&2
fi
echo "escale bench ($script), $(date -u +%FT%TZ): $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $ESCALE_BIN"
exec python3 "$here/$script" "$@"
