#!/usr/bin/env bash
# Runs every check and test: format, clippy, native engine tests, browser adapter tests in
# headless Chromium, the release build, its size, and the e2e tests against it from a sub-path.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export PATH="$HOME/.cargo/bin:$PWD/e2e/node_modules/.bin:$PATH"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "format"
cargo fmt --all -- --check
leptosfmt --check src/ui/*.rs > /dev/null || { leptosfmt --check src/ui/*.rs | grep -v '^✅'; exit 1; }

step "clippy (native engine and the wasm app)"
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings

step "1/3 engine tests (native)"
cargo test

step "engine scaling report (time, peak memory, growth per 10x; SCALING_MAX=10M for the full run)"
cargo bench --bench scaling -- --max "${SCALING_MAX:-1M}" --timeout 20

step "2/3 browser adapter tests (wasm-bindgen-test, headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test browser --test browser_crypto

step "release build"
trunk build --release

step "bundle size"
bash scripts/size-report.sh

step "probe test server (for the e2e probe tests)"
cargo build --bin probe-server

step "3/3 end-to-end (release dist/ from a sub-path, headless Chromium)"
(cd e2e && node --test --test-concurrency=1 tests/)

step "performance report (numbers beside their budgets; a report, never a failure)"
(cd e2e && timeout 1500 node perf/report.mjs) || echo "performance report could not run (or took over 25 minutes)"
