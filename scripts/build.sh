#!/usr/bin/env bash
# Configures (once) and builds Escale in ./build with Ninja and ccache. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -f build/build.ninja ]]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPython3_EXECUTABLE=/usr/bin/python3
fi
cmake --build build
