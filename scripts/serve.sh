#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Installs what is needed, builds, and runs the Escale server on http://127.0.0.1:8080 with
# the embedded SQLite database ./escale.db, loaded with the pilot site on first start.
# Extra arguments go to `escale serve` (e.g. --listen 0.0.0.0:8080 --demo cite).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
exec build/escale serve "$@"
