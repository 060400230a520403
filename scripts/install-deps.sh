#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Installs the Debian packages Escale needs, by purpose:
#   install-deps.sh           what building and running the server needs (scripts/serve.sh),
#                             Node.js and npm included (they build the web app);
#   install-deps.sh --tests   that, plus what the tests need (scripts/test.sh): GoogleTest,
#                             clang 14 and its fuzzer runtime (fuzz/),
#                             PostgreSQL for the throwaway cluster, Python, the npm packages
#                             of the test OpenID provider and of the browser tests, Chromium;
#   install-deps.sh --bench   that, plus what the benchmarks need (bench/run.sh): wrk, nginx; Google
#                             Benchmark for bench/planning_bench.cpp.
# Idempotent: when everything is already there it only checks and returns. Run as root.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

# One package a line, so that adding one is a one-line change.
server_packages=(
  cmake
  ninja-build
  g++
  ccache
  pkg-config
  ca-certificates
  libboost1.81-dev
  libboost-json1.81-dev
  libboost-url1.81-dev
  libsqlite3-dev
  libsqlitecpp-dev
  libpq-dev
  libsodium-dev
  libssl-dev
  libcurl4-openssl-dev
  libcpp-jwt-dev
  libspdlog-dev
  libfmt-dev
  libcli11-dev
  libhowardhinnant-date-dev
  libexpected-dev
  tzdata
  curl  # the README's and the home page's examples
  libqrencode-dev  # desks' QR codes (issue 10, item 3)
  libxlsxwriter-dev  # exports as XLSX (issue 13, item 3)
  libicu-dev  # presence planning: accent-insensitive search of colleagues by name (ICU transliteration)
  coinor-libcbc-dev  # planning: the team-day question of a whole region as a mixed-integer programme (CBC)
  libxml2-dev  # hardening (issue 14, finding 8): uploaded floor plans parsed and rebuilt from an allow-list
  zlib1g-dev  # JSON answers compressed with gzip (issue 11, weight of the web app)
)
test_packages=(
  googletest
  libgtest-dev
  postgresql  # scripts/pg-throwaway.sh: initdb and pg_ctl of a throwaway cluster
  postgresql-client  # psql, used by the web tests (tests/web/harness.mjs) to make databases
  python3  # tests/api, tests/layering, tests/licence
  python3-jsonschema  # the API tests validate every answer against docs/openapi.json
  python3-psycopg  # tests/api check the PostgreSQL database at the source
  git  # tests/licence lists the files git tracks
  # web app (issue 11): the browser tests drive Debian's Chromium (tests/web)
  chromium
  zbar-tools  # check-in (issue 10, item 3): zbarimg decodes the desks' QR codes in tests/api/test_check_in.py
  librsvg2-bin  # rsvg-convert renders those SVG codes to PNG for zbarimg
  python3-openpyxl  # exports (issue 13): the tests read the XLSX files back
  # notifications (issue 10, item 7): a real SMTP server on loopback in tests/api/test_notifications.py
  python3-aiosmtpd
  # web app (issue 11): Chromium's French language pack, so that its date field reads 02/12/2026
  chromium-l10n
  # sanitizers and fuzzing (issue 14): the tests' tree (build-asan) and the libFuzzer targets of
  # fuzz/ (scripts/build-fuzz.sh) are built with clang 14; its runtime libraries (libFuzzer,
  # ASan, UBSan) come in libclang-rt-14-dev
  clang-14
  libclang-rt-14-dev
)
bench_packages=(
  wrk
  nginx  # bench/run.sh: a static file served on loopback, the baseline of /healthz
  python3
  sqlite3
  libbenchmark-dev  # bench/planning_bench.cpp (Google Benchmark)
)

packages=("${server_packages[@]}")
tests=false
case "${1:-}" in
  "") ;;
  --tests) packages+=("${test_packages[@]}"); tests=true ;;
  --bench) packages+=("${bench_packages[@]}") ;;
  *) echo "usage: $0 [--tests | --bench]" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# Node.js builds the web app (and runs the OpenID provider of the login tests); it may come
# from another source than Debian (e.g. nodesource, a newer one), so the command is what
# counts: Debian's nodejs (18 on Debian 12) only when there is none.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi

if ((${#missing[@]})); then
  echo "escale: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Debian 12's Node.js is 18; the DSFR, playwright-core and the test OpenID provider (oidc-provider
# 9, jose 6) want 20 or newer. Then the official Node.js 20 build comes from the npm registry
# (package node-linux-<arch>), installed under /usr/local, which comes first in PATH.
node_major=$(node -p 'process.versions.node.split(".")[0]')
if ((node_major < 20)); then
  case "$(uname -m)" in
    x86_64) node_arch=x64 ;;
    aarch64) node_arch=arm64 ;;
    *) echo "escale: Node.js $node_major is too old and no Node.js 20 build is known for $(uname -m)" >&2; exit 1 ;;
  esac
  echo "escale: Node.js $node_major is too old; installing Node.js 20 from the npm registry"
  npm install -g --prefix /usr/local --no-audit --no-fund --loglevel=error "node-linux-$node_arch@20.20.2"
  hash -r
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  ((node_major >= 20)) || { echo "escale: Node.js 20 did not come first in PATH" >&2; exit 1; }
fi

# The npm packages of the OpenID provider used by tests/api/test_oidc.py, as locked; only
# when the lock file changed since the last install.
if $tests; then
  oidc_dir="$root/tests/oidc"
  if [[ ! -f "$oidc_dir/node_modules/.package-lock.json" ||
        "$oidc_dir/package-lock.json" -nt "$oidc_dir/node_modules/.package-lock.json" ]]; then
    echo "escale: npm ci in tests/oidc"
    (cd "$oidc_dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  # web app (issue 11): playwright-core and axe-core of the browser tests (tests/web); ical.js,
  # the iCalendar parser of the calendar feed tests (issue 13).
  web_tests_dir="$root/tests/web"
  if [[ ! -f "$web_tests_dir/node_modules/.package-lock.json" ||
        "$web_tests_dir/package-lock.json" -nt "$web_tests_dir/node_modules/.package-lock.json" ]]; then
    echo "escale: npm ci in tests/web"
    (cd "$web_tests_dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
