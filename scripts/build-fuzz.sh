#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Builds the libFuzzer targets of fuzz/ (docs/fuzzing.md) in ./build-fuzz with clang 14,
# Ninja and ccache: every source they need compiled with -fsanitize=fuzzer-no-link,address,
# undefined (undefined behaviour aborts), the targets linked with libFuzzer. Idempotent;
# called by build.sh --tests, whose CTest runs each target briefly (label fuzz).
set -euo pipefail
cd "$(dirname "$0")/.."

werror=OFF
[[ "${CI:-}" == true ]] && werror=ON
if [[ ! -f build-fuzz/build.ninja ]]; then
  sanitizers="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
  CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Fuzz \
    -DCMAKE_CXX_FLAGS_FUZZ="-O1 -g $sanitizers" -DESCALE_FUZZ=ON -DBUILD_TESTING=OFF -DESCALE_WERROR=$werror
fi
cmake --build build-fuzz --target escale_fuzzers
