#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Installs what the tests need (install-deps.sh --tests), builds everything (test binaries
# included: build.sh --tests), starts a throwaway PostgreSQL on 127.0.0.1, and runs every
# test (unit, store and api, on SQLite and on PostgreSQL) through CTest; the cluster is
# stopped afterwards whatever happens. The last lines are CTest's summary and the exit
# status is CTest's. Extra arguments go to ctest (e.g. -L unit).
#   test.sh --sanitize [ctest args]  the same tests but the fuzz runs (label fuzz: the fuzz
#   targets carry the sanitizers already), built with AddressSanitizer, LeakSanitizer and
#   UndefinedBehaviorSanitizer in ./build-asan (issue 14): any report of a server, a command or
#   a test binary fails the test that caused it. About 17 minutes here, outside CI's time.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/install-deps.sh --tests
# ---- sanitizers (issue 14) ----
tree=build
ctest_args=()
if [[ "${1:-}" == --sanitize ]]; then
  shift
  tree=build-asan
  ctest_args=(-LE fuzz)
  bash scripts/build.sh --sanitize
else
  bash scripts/build.sh --tests
fi
# ---- end of sanitizers ----

pgdir=$(mktemp -d /tmp/escale-test-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cleanup() { bash "$root/scripts/pg-throwaway.sh" stop "$pgdir" || true; rm -rf "$pgdir"; }
trap cleanup EXIT
ESCALE_TEST_PG_URL=$(bash scripts/pg-throwaway.sh start "$pgdir" "$port")
export ESCALE_TEST_PG_URL

cd "$tree"
status=0
ctest --output-on-failure -j2 --timeout 900 "${ctest_args[@]}" "$@" || status=$?
exit "$status"
