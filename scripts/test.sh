#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Installs what the tests need (install-deps.sh --tests), builds everything (build.sh --tests:
# the release server, the tests' tree build-asan under AddressSanitizer, LeakSanitizer and
# UndefinedBehaviorSanitizer, the fuzz targets), starts a throwaway PostgreSQL on 127.0.0.1, and
# runs every test (unit, store, api on SQLite and on PostgreSQL, browser, fuzz) through CTest in
# build-asan; the cluster is stopped afterwards whatever happens. Any sanitizer report of a
# server, a command or a test binary fails the test that caused it. The last lines are CTest's
# summary and the exit status is CTest's. Extra arguments go to ctest (e.g. -L unit).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/install-deps.sh --tests
bash scripts/build.sh --tests

pgdir=$(mktemp -d /tmp/escale-test-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cleanup() { bash "$root/scripts/pg-throwaway.sh" stop "$pgdir" || true; rm -rf "$pgdir"; }
trap cleanup EXIT
ESCALE_TEST_PG_URL=$(bash scripts/pg-throwaway.sh start "$pgdir" "$port")
export ESCALE_TEST_PG_URL

cd build-asan
status=0
ctest --output-on-failure -j2 --timeout 900 "$@" || status=$?
exit "$status"
