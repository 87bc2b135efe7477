#!/usr/bin/env bash
# Release figures for the hostile workbooks of tests/api/spreadsheet/hostile_files.rs: each is read by the
# import worker as the server runs it (address-space ceiling 1 GiB), and its time and peak
# memory are printed. The files come from the test itself:
#
#   bash bench/hostile_files.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/chainward-target}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
CHAINWARD_HOSTILE_DIR="$dir" cargo test -q -p chainward-tests --test api hostile_workbooks >/dev/null 2>&1
cargo build -q --release -p chainward-tests --bin chainward-sheet-worker
worker="$CARGO_TARGET_DIR/release/chainward-sheet-worker"
# A job with no template, no choices and the default limits, as a respondent's preview.
job='{}'
printf '%-32s %10s %8s %10s  %s\n' shape bytes seconds "peak MiB" outcome
for file in "$dir"/*; do
  out="$( { echo "$job"; cat "$file"; } | (ulimit -v 1048576; /usr/bin/time -f '%e %M' "$worker" 2>"$dir.time") )" || true
  read -r seconds kib < <(tail -1 "$dir.time")
  outcome="$(printf '%s' "$out" | python3 -c 'import json,sys; r=json.load(sys.stdin)["result"]; print(("read " + str(len(r["Ok"]["rows"])) + " rows") if "Ok" in r else ("refused: " + list(r["Err"].values())[0][:70]))' 2>/dev/null || echo stopped)"
  printf '%-32s %10s %8s %10s  %s\n' "$(basename "$file")" "$(stat -c %s "$file")" "$seconds" "$((kib / 1024))" "$outcome"
done
rm -f "$dir.time"
