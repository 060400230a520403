#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Installs what building and running the server needs, builds the server only, and runs it
# on http://127.0.0.1:8080 with the embedded SQLite database ./escale.db, loaded with the
# pilot site on first start. Extra arguments go to `escale serve`, e.g.
#   bash scripts/serve.sh --listen 127.0.0.1:9090
#   bash scripts/serve.sh --listen 0.0.0.0:8080 --demo cite --db sqlite:cite.db
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
exec build/escale serve "$@"
