#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Installs every Debian package Escale needs to build, run and test. Idempotent: when
# everything is already there it only checks and returns.
set -euo pipefail

packages=(
  cmake ninja-build g++ ccache pkg-config git ca-certificates
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libsqlitecpp-dev sqlite3
  libpq-dev postgresql postgresql-client
  libsodium-dev libssl-dev libcurl4-openssl-dev libcpp-jwt-dev
  libspdlog-dev libfmt-dev libcli11-dev libhowardhinnant-date-dev libexpected-dev tzdata
  googletest libgtest-dev libbenchmark-dev
  python3 curl wrk procps
  python3-jsonschema  # the API tests validate every answer against docs/openapi.json
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# Node.js runs the OpenID provider of the login tests; it may come from another source than
# Debian (e.g. nodesource), so the command is what counts.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi

if ((${#missing[@]})); then
  echo "escale: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The npm packages of the OpenID provider used by tests/api/test_oidc.py, as locked; again
# only when the lock file changed since the last install.
oidc_dir="$(cd "$(dirname "$0")/.." && pwd)/tests/oidc"
if [[ ! -f "$oidc_dir/node_modules/.package-lock.json" ||
      "$oidc_dir/package-lock.json" -nt "$oidc_dir/node_modules/.package-lock.json" ]]; then
  echo "escale: npm ci in tests/oidc"
  (cd "$oidc_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
