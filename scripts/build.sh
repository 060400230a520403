#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Configures (once) and builds Escale in ./build with Ninja and ccache. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

# CI (CI=true) treats compiler warnings as errors.
werror=OFF
[[ "${CI:-}" == true ]] && werror=ON
if [[ ! -f build/build.ninja ]]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPython3_EXECUTABLE=/usr/bin/python3 \
    -DESCALE_WERROR=$werror
fi
cmake --build build
