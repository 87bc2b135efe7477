#!/usr/bin/env bash
# Load benchmark of the supplier register (see BENCHMARKS.md): seeds 10,000 suppliers, starts a
# release `chainward serve`, and drives pages of 50 suppliers with their relations through wrk
# (Debian package `wrk`) from concurrent connections on 127.0.0.1, for a bounded time.
#   bash bench/run.sh sqlite|postgres [connections] [seconds]
set -euo pipefail
backend="${1:-sqlite}"; connections="${2:-16}"; seconds="${3:-30}"
root="$(cd "$(dirname "$0")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/chainward-target}"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk"; exit 1; }
cargo build --release --locked -p chainward --manifest-path "$root/Cargo.toml" >&2
binary="$CARGO_TARGET_DIR/release/chainward"
work="$(mktemp -d)"
port=18080
threads=$(( connections < 2 ? connections : 2 ))
export CHAINWARD_JWT_SECRET="benchmark-secret-benchmark-secret-0123456789"
case "$backend" in
  sqlite) export DATABASE_URL="sqlite://$work/bench.db?mode=rwc" ;;
  postgres)
    psql -q -X postgres://postgres@127.0.0.1/test -c "DROP DATABASE IF EXISTS cw_bench" -c "CREATE DATABASE cw_bench"
    export DATABASE_URL="postgres://postgres@127.0.0.1/cw_bench" ;;
  *) echo "backend is sqlite or postgres"; exit 1 ;;
esac
cd "$work"
seed_start=$(date +%s.%N)
"$binary" seed-demo --suppliers 10000 > seed.txt 2>seed.log
echo "seeded 10,000 suppliers in $(echo "$(date +%s.%N) - $seed_start" | bc) s" >&2
email="$(sed -n 's/^Sign in as \(.*\) with password .*/\1/p' seed.txt)"
password="$(sed -n 's/^Sign in as .* with password \(.*\)$/\1/p' seed.txt)"
RUST_LOG=warn "$binary" serve --bind "127.0.0.1:$port" > serve.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
TOKEN="$(curl -fsS "http://127.0.0.1:$port/graphql" -H 'Content-Type: application/json' \
  -d "{\"query\":\"mutation{login(email:\\\"$email\\\",password:\\\"$password\\\"){accessToken}}\"}" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["login"]["accessToken"])')"
export TOKEN PAGES=200
# Warm-up, then the measured run.
wrk -t"$threads" -c"$connections" -d5s -s "$root/bench/suppliers-page.lua" "http://127.0.0.1:$port/graphql" >/dev/null
rss_before_kib=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
statements_before=$(curl -fsS "http://127.0.0.1:$port/metrics" | awk '/^chainward_db_statements_total/ {print $2}')
wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s "$root/bench/suppliers-page.lua" "http://127.0.0.1:$port/graphql" | tee wrk.txt >&2
rss_kib=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
peak_kib=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
statements=$(curl -fsS "http://127.0.0.1:$port/metrics" | awk '/^chainward_db_statements_total/ {print $2}')
requests=$(grep -o 'requests=[0-9]*' wrk.txt | cut -d= -f2)
echo "backend=$backend connections=$connections $(grep '^RESULT' wrk.txt | cut -d' ' -f2-) rss_mib=$((rss_kib / 1024)) peak_rss_mib=$((peak_kib / 1024)) rss_before_run_mib=$((rss_before_kib / 1024)) sql_statements_per_request=$(echo "scale=2; ($statements - $statements_before) / $requests" | bc)"
