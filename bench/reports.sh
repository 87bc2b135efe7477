#!/usr/bin/env bash
# The PDF reports on a seeded register (see BENCHMARKS.md, "Reports"): seeds N suppliers with the
# release build, starts `chainward serve` (its worker keeps the portfolio read model current),
# and times over HTTP on 127.0.0.1 the supplier report of an assessed supplier and the portfolio
# report (the first call, then the median of 5), with the PDFs' sizes. Bounded: 300 s a request.
#   bash bench/reports.sh [suppliers] [sqlite|postgres]
set -euo pipefail
suppliers="${1:-10000}"; backend="${2:-sqlite}"
source "$(dirname "$0")/lib.sh"
bench_start cw_reports 18082 "$suppliers" "$backend"
export SUPPLIERS="$suppliers"
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
