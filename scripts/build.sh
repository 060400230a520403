#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Builds Escale with Ninja and ccache. Idempotent.
#   build.sh          the server (the `escale` binary) in ./build, optimised, with gcc: what
#                     scripts/serve.sh runs;
#   build.sh --tests  that server, then the tests' tree ./build-asan: the server and every test
#                     binary built with clang under AddressSanitizer, LeakSanitizer and
#                     UndefinedBehaviorSanitizer (ESCALE_SANITIZE), and the fuzz targets in
#                     ./build-fuzz (scripts/build-fuzz.sh): what scripts/test.sh needs.
# Both also build the web app (web/build.mjs) into build/web, where `escale serve` finds it:
# `npm ci` in web/ first when its packages are missing or its lock file changed.
# The tests' tree needs GoogleTest, clang and Python (install-deps.sh --tests).
set -euo pipefail
cd "$(dirname "$0")/.."

tests=OFF
case "${1:-}" in
  "") ;;
  --tests) tests=ON ;;
  *) echo "usage: $0 [--tests]" >&2; exit 2 ;;
esac

# CI (CI=true) treats compiler warnings as errors.
werror=OFF
[[ "${CI:-}" == true ]] && werror=ON
if [[ ! -f build/build.ninja ]]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DESCALE_WERROR=$werror -DBUILD_TESTING=OFF
fi
cmake --build build --target escale

# The tests (issue 14): every one runs under the sanitizers, against the server of build-asan;
# the API tests on SQLite also against the release server above (ESCALE_RELEASE_BIN, label
# release). Unoptimised but for the computing engines: built in about 4 minutes on two cores.
if [[ $tests == ON ]]; then
  # A tree left by the former `build.sh --sanitize` (gcc, no release server) is made again.
  if [[ -f build-asan/CMakeCache.txt ]] && ! grep -q '^ESCALE_RELEASE_BIN:FILEPATH=.' build-asan/CMakeCache.txt; then
    rm -rf build-asan
  fi
  if [[ ! -f build-asan/build.ninja ]]; then
    CC=clang-14 CXX=clang++-14 cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DESCALE_SANITIZE=ON -DESCALE_WERROR=$werror -DBUILD_TESTING=ON -DPython3_EXECUTABLE=/usr/bin/python3 \
      -DESCALE_RELEASE_BIN="$PWD/build/escale"
  fi
  cmake --build build-asan
  # Fuzzing (issue 14): the libFuzzer targets of fuzz/, built with clang in ./build-fuzz, whose
  # short runs are tests of the tree above (label fuzz; docs/fuzzing.md).
  bash scripts/build-fuzz.sh
fi

# The web app (issue 11): its npm packages as locked, then the bundle (about a second).
if [[ ! -f web/node_modules/.package-lock.json || web/package-lock.json -nt web/node_modules/.package-lock.json ]]; then
  echo "escale: npm ci in web"
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
fi
node web/build.mjs build/web
