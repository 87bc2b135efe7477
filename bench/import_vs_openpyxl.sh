#!/usr/bin/env bash
# The import benchmark in one run: Chainward's full dry-run import (read, detect, match and
# validate 10,000 answers; release build, criterion) against openpyxl's bare read-only read of
# the same workbooks, and the ratio. Needs python3 with openpyxl (`pip install openpyxl`).
#
#   bash bench/import_vs_openpyxl.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/chainward-target}"
cargo bench -p questionnaires --bench spreadsheet -- --noplot 2>&1 | grep -E "^spreadsheet/|time:|workbook:"
python3 - "$CARGO_TARGET_DIR" <<'PY'
import json, os, statistics, sys, time
import openpyxl

target = sys.argv[1]

def openpyxl_ms(path, runs=10):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                pass
        workbook.close()
        times.append(time.perf_counter() - started)
    return statistics.mean(times) * 1000

def chainward_ms(name):
    with open(os.path.join(target, "criterion", "spreadsheet", name, "new", "estimates.json")) as f:
        return json.load(f)["mean"]["point_estimate"] / 1e6

print(f"openpyxl {openpyxl.__version__}, read_only, 10 runs each")
for workbook, bench in [
    ("bench-10000-questions.xlsx", "read and import 10,000 answers"),
    ("bench-10000-questions-foreign.xlsx", "read, detect the layout and import 10,000 answers"),
]:
    ours, theirs = chainward_ms(bench), openpyxl_ms(os.path.join(target, workbook))
    print(f"{workbook}: Chainward full dry-run import {ours:.1f} ms, openpyxl bare read {theirs:.1f} ms: {theirs / ours:.1f} times faster")
PY
