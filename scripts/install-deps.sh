#!/usr/bin/env bash
# Installs every Debian package Escale needs to build, run and test. Idempotent: when
# everything is already there it only checks and returns.
set -euo pipefail

packages=(
  cmake ninja-build g++ ccache pkg-config git ca-certificates
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libsqlitecpp-dev sqlite3
  libpq-dev postgresql postgresql-client
  libsodium-dev libssl-dev
  libspdlog-dev libfmt-dev libcli11-dev libhowardhinnant-date-dev libexpected-dev tzdata
  googletest libgtest-dev libbenchmark-dev
  python3 curl wrk procps
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "escale: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
