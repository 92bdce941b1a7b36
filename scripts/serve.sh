#!/usr/bin/env bash
# Serves authlens on http://127.0.0.1:8080/ (installing what is missing first).
# Extra arguments go to `trunk serve`, e.g. --release or --port 9000.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh serve
export PATH="$HOME/.cargo/bin:$PWD/e2e/node_modules/.bin:$PATH"
echo "authlens: open http://127.0.0.1:8080/ once the build finishes"
exec trunk serve "$@"
