#!/usr/bin/env bash
# Prints the release bundle size (raw and gzip) of dist/: wasm, js, css.
set -euo pipefail
cd "$(dirname "$0")/../dist"
printf '%-44s %10s %10s\n' "release bundle" "raw" "gzip"
total_raw=0; total_gz=0
for f in *.wasm *.js *.css; do
  [ -f "$f" ] || continue
  raw=$(wc -c < "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '%-44s %10s %10s\n' "$f" "$raw" "$gz"
done
printf '%-44s %10s %10s\n' "total" "$total_raw" "$total_gz"
