#!/usr/bin/env bash
# The PDF reports on a seeded register (see BENCHMARKS.md, "Reports"): seeds N suppliers with the
# release build, starts `chainward serve` (its worker keeps the portfolio read model current),
# and times over HTTP on 127.0.0.1 the supplier report of an assessed supplier and the portfolio
# report (the first call, then the median of 5), with the PDFs' sizes. Bounded: 300 s a request.
#   bash bench/reports.sh [suppliers] [sqlite|postgres]
set -euo pipefail
suppliers="${1:-10000}"; backend="${2:-sqlite}"
root="$(cd "$(dirname "$0")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/chainward-target}"
binary="${CHAINWARD_BIN:-$CARGO_TARGET_DIR/release/chainward}"
[ -n "${CHAINWARD_BIN:-}" ] || cargo build --release --locked -p chainward --manifest-path "$root/Cargo.toml" >&2
work="$(mktemp -d)"
port=18082
export CHAINWARD_JWT_SECRET="benchmark-secret-benchmark-secret-0123456789"
case "$backend" in
  sqlite) export DATABASE_URL="sqlite://$work/bench.db?mode=rwc" ;;
  postgres)
    psql -q -X postgres://postgres@127.0.0.1/test -c "DROP DATABASE IF EXISTS cw_reports" -c "CREATE DATABASE cw_reports"
    export DATABASE_URL="postgres://postgres@127.0.0.1/cw_reports" ;;
  *) echo "backend is sqlite or postgres"; exit 1 ;;
esac
cd "$work"
"$binary" --data-dir "$work/data" seed-demo --suppliers "$suppliers" > seed.txt 2>seed.log
email="$(sed -n 's/^Sign in as \(.*\) with password .*/\1/p' seed.txt)"
password="$(sed -n 's/^Sign in as .* with password \(.*\)$/\1/p' seed.txt)"
RUST_LOG=warn "$binary" --data-dir "$work/data" serve --bind "127.0.0.1:$port" > serve.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
export URL="http://127.0.0.1:$port/graphql" EMAIL="$email" PASSWORD="$password" SUPPLIERS="$suppliers"
python3 - <<'PY'
import base64, json, os, statistics, time, urllib.request

url = os.environ["URL"]

def call(query, token=None, variables=None):
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=300) as response:
        data = json.load(response)
    elapsed = (time.perf_counter() - started) * 1000
    if data.get("errors"):
        raise SystemExit(f"errors: {data['errors']}")
    return data["data"], elapsed

login = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }"
token = call(login, variables={"e": os.environ["EMAIL"], "p": os.environ["PASSWORD"]})[0]["login"]["accessToken"]
assessed = call("{ assessments(status: [COMPLETED]) { supplier { id legalName } } }", token)[0]["assessments"][0]["supplier"]
# Each call under an alias of its own: the server answers a repeated identical read from its
# response cache, which would time the cache, not the report.
reports = {
    f"supplier report ({assessed['legalName']})": ("query($id: UUID!) { r%d: supplierReport(id: $id, format: PDF) { size } }", {"id": assessed["id"]}),
    f"portfolio report ({os.environ['SUPPLIERS']} suppliers)": ("{ r%d: portfolioReport(format: PDF) { size } }", {}),
}
for name, (query, variables) in reports.items():
    runs = [call(query % i, token, variables) for i in range(6)]
    times = [elapsed for _, elapsed in runs]
    size = runs[0][0]["r0"]["size"]
    print(f"{name}: first {times[0]:.0f} ms, median of the next 5 {statistics.median(times[1:]):.0f} ms, {size / 1024:.0f} KiB")
PY
