#!/usr/bin/env bash
# Installs what is needed, builds, and runs every test (unit, store, api) through CTest.
# The last lines are CTest's summary. Extra arguments go to ctest (e.g. -L unit).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
cd build
exec ctest --output-on-failure -j2 --timeout 900 "$@"
