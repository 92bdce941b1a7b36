#!/usr/bin/env bash
# Installs what authlens needs and is missing; safe to rerun (skips what is present).
#   scripts/setup.sh serve   - toolchain to build and serve the app
#   scripts/setup.sh test    - that, plus Chromium and chromedriver for the tests
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-serve}"
export PATH="$HOME/.cargo/bin:$PWD/e2e/node_modules/.bin:$PATH"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  say "apt-get install $*"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

# Rust target for the browser build.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# trunk 0.21.14: 0.22 needs a newer rustc than this toolchain.
if [ "$(trunk --version 2>/dev/null || true)" != "trunk 0.21.14" ]; then
  say "installing trunk 0.21.14 (about 11 minutes on 2 cores)"
  cargo install trunk --version 0.21.14 --locked
fi

# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock exactly.
want_wb=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
if [ -z "$want_wb" ]; then
  echo "setup: cannot read the wasm-bindgen version from Cargo.lock" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $want_wb" ]; then
  say "installing wasm-bindgen-cli $want_wb"
  # Not --locked: a dependency pinned in its lock file is not on the registry.
  cargo install wasm-bindgen-cli --version "$want_wb" --force
fi

# Node.js runs the trunk hook, npm's binaryen (wasm-opt 132) and the e2e tests.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi
if [ ! -x e2e/node_modules/.bin/wasm-opt ] || [ ! -d e2e/node_modules/playwright-core ] \
  || [ ! -d e2e/node_modules/axe-core ] || [ e2e/package-lock.json -nt e2e/node_modules/.package-lock.json ]; then
  say "installing e2e/ npm packages (binaryen for wasm-opt, playwright-core, axe-core; jose and jwt-decode for the performance report)"
  (cd e2e && npm ci --no-audit --no-fund --loglevel=error)
fi
# Debian's binaryen 108 breaks the externref table; trunk must find npm's first.
case "$(command -v wasm-opt)" in
  "$PWD/e2e/node_modules/.bin/wasm-opt") ;;
  *) echo "setup: wasm-opt on PATH is not e2e/node_modules/.bin/wasm-opt" >&2; exit 1 ;;
esac

if [ "$mode" = "test" ]; then
  # leptosfmt formats the view! macro bodies that rustfmt leaves alone.
  if [ "$(leptosfmt --version 2>/dev/null || true)" != "leptosfmt 0.1.33" ]; then
    say "installing leptosfmt 0.1.33 (about 2 minutes on 2 cores)"
    cargo install leptosfmt --version 0.1.33 --locked
  fi
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    apt_install chromium chromium-driver
  fi
  # The command line fetches a JWKS URL with curl (tests/cli.rs serves one on 127.0.0.1).
  if ! command -v curl >/dev/null; then
    apt_install curl
  fi
fi
say "ready ($mode)"
