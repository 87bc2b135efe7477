#!/usr/bin/env python3
"""Reads the benchmark workbook with openpyxl, as `cargo bench -p questionnaires --bench
spreadsheet` reads it with calamine, and prints the mean time over N runs.

    pip install openpyxl
    python3 bench/openpyxl_read.py [path] [runs]
"""
import os
import statistics
import sys
import time

import openpyxl

target = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/chainward-target"))
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(target, "bench-10000-questions.xlsx")
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 10

times = []
for _ in range(runs):
    started = time.perf_counter()
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    cells = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells += sum(1 for value in row if value is not None)
    workbook.close()
    times.append(time.perf_counter() - started)

print(f"openpyxl {openpyxl.__version__}: {path}: {cells} cells, mean {statistics.mean(times) * 1000:.1f} ms over {runs} runs (min {min(times) * 1000:.1f} ms)")
