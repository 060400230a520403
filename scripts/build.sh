#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Configures and builds Escale in ./build with Ninja and ccache. Idempotent.
#   build.sh          the server only (the `escale` binary): what scripts/serve.sh needs;
#   build.sh --tests  everything, test binaries included, and the fuzz targets in ./build-fuzz
#                     (scripts/build-fuzz.sh, clang): what scripts/test.sh needs.
#   build.sh --sanitize  the same under the sanitizers, in ./build-asan (see below).
# Both also build the web app (web/build.mjs) into build/web, where `escale serve` finds it:
# `npm ci` in web/ first when its packages are missing or its lock file changed.
# The test binaries need GoogleTest (install-deps.sh --tests): the server alone is configured
# without them (BUILD_TESTING=OFF) until a test build asks for them.
set -euo pipefail
cd "$(dirname "$0")/.."

# ---- sanitizers (issue 14) ----
# build.sh --sanitize: everything but the web app (its browser tests build it into
# build-asan/web), built with AddressSanitizer and UndefinedBehaviorSanitizer
# (ESCALE_SANITIZE) in its own tree, ./build-asan; scripts/test.sh --sanitize runs the tests there.
if [[ "${1:-}" == --sanitize ]]; then
  if [[ ! -f build-asan/build.ninja ]]; then
    cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DESCALE_SANITIZE=ON \
      -DESCALE_WERROR="$([[ "${CI:-}" == true ]] && echo ON || echo OFF)" \
      -DBUILD_TESTING=ON -DPython3_EXECUTABLE=/usr/bin/python3
  fi
  exec cmake --build build-asan
fi
# ---- end of sanitizers ----

tests=OFF
case "${1:-}" in
  "") ;;
  --tests) tests=ON ;;
  *) echo "usage: $0 [--tests | --sanitize]" >&2; exit 2 ;;
esac

# CI (CI=true) treats compiler warnings as errors.
werror=OFF
[[ "${CI:-}" == true ]] && werror=ON
configured_tests=$(sed -n 's/^BUILD_TESTING:BOOL=//p' build/CMakeCache.txt 2>/dev/null || true)
# The tests run under Debian's Python (tests/CMakeLists.txt); the server alone needs none.
python=()
[[ $tests == ON ]] && python=(-DPython3_EXECUTABLE=/usr/bin/python3)
if [[ ! -f build/build.ninja ]]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DESCALE_WERROR=$werror \
    -DBUILD_TESTING=$tests "${python[@]}"
elif [[ $tests == ON && $configured_tests != ON ]]; then
  cmake -S . -B build -DBUILD_TESTING=ON "${python[@]}"
fi
if [[ $tests == ON ]]; then
  cmake --build build
else
  cmake --build build --target escale
fi

# Fuzzing (issue 14): the libFuzzer targets of fuzz/, built with clang in ./build-fuzz, whose
# short runs are tests of the build above (label fuzz; docs/fuzzing.md).
if [[ $tests == ON ]]; then
  bash scripts/build-fuzz.sh
fi

# The web app (issue 11): its npm packages as locked, then the bundle (about a second).
if [[ ! -f web/node_modules/.package-lock.json || web/package-lock.json -nt web/node_modules/.package-lock.json ]]; then
  echo "escale: npm ci in web"
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
fi
node web/build.mjs build/web
