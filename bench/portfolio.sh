#!/usr/bin/env bash
# The portfolio's pages on a large register (see BENCHMARKS.md, "Portfolio at scale"): seeds N
# suppliers with the release build, starts `chainward serve`, and times the portal's own
# queries over HTTP on 127.0.0.1 (the first call after the seed, then the median of 10), with
# the server's peak memory. Bounded: every request has a 120 s timeout.
#   bash bench/portfolio.sh [suppliers] [sqlite|postgres]
set -euo pipefail
suppliers="${1:-100000}"; backend="${2:-sqlite}"
source "$(dirname "$0")/lib.sh"
bench_start cw_portfolio 18081 "$suppliers" "$backend"
python3 - <<'PY'
import json, os, statistics, time, urllib.request

url = os.environ["URL"]

def call(query, token=None, variables=None):
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        data = json.load(response)
    elapsed = (time.perf_counter() - started) * 1000
    if data.get("errors"):
        raise SystemExit(f"errors: {data['errors']}")
    return data["data"], elapsed

login = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }"
token = call(login, variables={"e": os.environ["EMAIL"], "p": os.environ["PASSWORD"]})[0]["login"]["accessToken"]
hub = call("{ supplierConcentration(first: 1) { supplier { id } } }", token)[0]["supplierConcentration"][0]["supplier"]["id"]
service = call("{ services(first: 1) { nodes { id } } }", token)[0]["services"]["nodes"][0]["id"]
pages = {
    "dashboard (portfolio)": "{ portfolio { asOf heatMap { inherent residual suppliers } ratingDistribution { low medium high critical unrated } nis2Coverage { point averageScore } campaignsInFlight { id } recentlyCompleted { id } remediationBurnDown { weekStart opened } scoreTrends(first: 10) { change supplier { legalName } } } }",
    "services with exposure (50)": "{ services(first: 50) { nodes { name exposure { suppliers findings { open overdue } worstResidualRisk { residualRisk path { name } } } } } }",
    "single points of failure": "{ portfolio { singlePointsOfFailure { function service { name } supplier { legalName } } } }",
    "supplierConcentration(first: 20)": "{ supplierConcentration(first: 20) { supplier { legalName } services weightedCriticality } }",
    "graph overview (portion)": "{ supplyChainNeighbourhood { complete depth leftOut nodes { id } edges { dependent } supplierCount } }",
    "graph around the busiest supplier": "query($f: UUID) { supplyChainNeighbourhood(focus: $f) { complete depth nodes { id } } }",
    "supplier page: impacted services": "query($id: UUID!) { supplier(id: $id) { impactedServices { depth service { name } } } }",
    "service page: supply chain": "query($id: UUID!) { service(id: $id) { supplyChain(maxDepth: 20) { depth rating } } }",
}
variables = {"graph around the busiest supplier": {"f": hub}, "supplier page: impacted services": {"id": hub},
             "service page: supply chain": {"id": service}}
print(f"{'query':36} {'first ms':>9} {'median ms':>10}")
for name, query in pages.items():
    _, first = call(query, token, variables.get(name))
    times = [call(query, token, variables.get(name))[1] for _ in range(10)]
    print(f"{name:36} {first:9.1f} {statistics.median(times):10.1f}")
def peak_rss():
    with open(f"/proc/{os.environ['PID']}/status") as status:
        return int(next(line for line in status if line.startswith("VmHWM")).split()[1]) // 1024

print(f"server peak RSS before the exports: {peak_rss()} MB")
for kind in ("csv", "xlsx"):
    export = urllib.request.Request(url.replace("/graphql", f"/api/exports/register.{kind}"),
                                    headers={"Authorization": f"Bearer {token}"})
    started = time.perf_counter()
    with urllib.request.urlopen(export, timeout=120) as response:
        first = None
        size = 0
        for chunk in iter(lambda: response.read(1 << 16), b""):
            first = first or time.perf_counter()
            size += len(chunk)
    label = f"register export ({kind.upper()}, streamed)"
    print(f"{label:36} {(time.perf_counter() - started) * 1000:9.1f} {'':>10}  {size // 1024} KiB, "
          f"first byte after {(first - started) * 1000:.0f} ms")
print(f"server peak RSS: {peak_rss()} MB")
PY
