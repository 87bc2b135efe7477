#!/usr/bin/env bash
# A register import of 10,000 rows through the running server (see BENCHMARKS.md, "Register
# import"): seeds N suppliers with the release build, downloads the register's CSV export, writes
# a file of 10,000 rows (half of them existing suppliers with a changed category, half new) and
# times the preview and the commit over GraphQL on 127.0.0.1, then the same file again, with
# the server's peak memory. Bounded: every request has a 300 s timeout.
#   bash bench/register_import.sh [suppliers] [sqlite|postgres]
set -euo pipefail
suppliers="${1:-10000}"; backend="${2:-sqlite}"
source "$(dirname "$0")/lib.sh"
bench_start cw_register_import 18083 "$suppliers" "$backend"
python3 - <<'PY'
import csv, io, json, os, time, urllib.request

base = os.environ["BASE"]

def gql(query, token=None, variables=None):
    request = urllib.request.Request(f"{base}/graphql", json.dumps({"query": query, "variables": variables or {}}).encode(),
                                     {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})})
    return json.load(urllib.request.urlopen(request, timeout=300))

def upload(token, data):
    boundary = "chainward-bench-7MA4YWxk"
    operations = json.dumps({"query": "mutation($file: Upload!) { previewRegisterImport(file: $file) { id counts { new changed unchanged invalid } } }",
                             "variables": {"file": None}})
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{operations}\r\n',
             f'--{boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n{{"0": ["variables.file"]}}\r\n',
             f'--{boundary}\r\nContent-Disposition: form-data; name="0"; filename="register.csv"\r\nContent-Type: text/csv\r\n\r\n']
    body = "".join(parts).encode() + data + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(f"{base}/graphql", body, {"Content-Type": f"multipart/form-data; boundary={boundary}",
                                                              "Authorization": f"Bearer {token}"})
    return json.load(urllib.request.urlopen(request, timeout=300))

def rss_mib():
    with open(f"/proc/{os.environ['PID']}/status") as status:
        return {l.split(":")[0]: int(l.split()[1]) // 1024 for l in status if l.startswith(("VmRSS", "VmHWM"))}

token = gql("mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }",
            variables={"e": os.environ["EMAIL"], "p": os.environ["PASSWORD"]})["data"]["login"]["accessToken"]
request = urllib.request.Request(f"{base}/api/exports/register.csv", headers={"Authorization": f"Bearer {token}"})
exported = list(csv.reader(io.StringIO(urllib.request.urlopen(request, timeout=300).read().decode("utf-8-sig"))))
header, rows = exported[0], exported[1:]
category = header.index("Category")
out = io.StringIO()
writer = csv.writer(out)
writer.writerow(header)
for row in rows[:5000]:
    row[category] = row[category] + " (reviewed)"
    writer.writerow(row)
for n in range(10000 - min(5000, len(rows))):
    new = [""] * len(header)
    new[header.index("Legal name")] = f"Imported Supplier {n:05d} GmbH"
    new[header.index("Country")] = "Deutschland"
    new[category] = "Hosting"
    new[header.index("Contact points")] = f"Person {n} <person{n}@imported{n}.example>"
    writer.writerow(new)
data = out.getvalue().encode()
print(f"file: {len(data) // 1024} KiB, {len(rows[:5000])} existing suppliers changed, {10000 - min(5000, len(rows))} new")
print(f"server RSS before the import (after the export): {rss_mib()}")
for attempt in ("first", "same file again"):
    started = time.time()
    preview = upload(token, data)
    previewed = time.time() - started
    batch = preview["data"]["previewRegisterImport"]
    started = time.time()
    committed = gql("mutation($id: UUID!) { commitRegisterImport(batchId: $id) { counts { new changed unchanged } } }", token, {"id": batch["id"]})
    took = time.time() - started
    assert "errors" not in committed, committed
    print(f"{attempt}: preview {previewed:.2f} s {batch['counts']}, commit {took:.2f} s, server RSS {rss_mib()}")
PY
