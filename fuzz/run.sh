#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Runs one libFuzzer target of fuzz/ (docs/fuzzing.md) from its committed seed corpus:
#   fuzz/run.sh NAME SECONDS [libFuzzer options...]
# e.g. `bash fuzz/run.sh plan_svg 600`. The binary comes from build-fuzz (scripts/build-fuzz.sh;
# ESCALE_FUZZ_BUILD names another build directory). New inputs go to a temporary directory,
# so fuzz/corpus/NAME is only read; an input that crashes, leaks, trips a sanitizer or breaks
# an invariant is written to build-fuzz/crashes/ and the exit status is not 0. The last lines
# are libFuzzer's statistics (stat::number_of_executed_units: the executions).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
name=${1:?usage: fuzz/run.sh NAME SECONDS [libFuzzer options...]}
seconds=${2:?usage: fuzz/run.sh NAME SECONDS [libFuzzer options...]}
shift 2
build=${ESCALE_FUZZ_BUILD:-$root/build-fuzz}
bin=$build/fuzz/fuzz_$name
if [[ ! -x $bin ]]; then
  echo "fuzz: $bin is not built (bash scripts/build-fuzz.sh)" >&2
  exit 1
fi
new=$(mktemp -d "/tmp/escale-fuzz-$name.XXXXXX")
trap 'rm -rf "$new"' EXIT
mkdir -p "$build/crashes"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$build/crashes/$name-" "$@" "$new" "$root/fuzz/corpus/$name"
