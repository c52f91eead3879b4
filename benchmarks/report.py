#!/usr/bin/env python3
"""Runs the benchmark binary and prints the README's speed table: medians over repetitions,
ns/op, MB/s, allocations per operation, and each row's speed-up over the Boost.JSON row of the
same operation and payload.

    python3 benchmarks/report.py [build/release/benchmarks/customer_benchmark] [REPETITIONS]
"""
import json
import subprocess
import sys

binary = sys.argv[1] if len(sys.argv) > 1 else "build/release/benchmarks/customer_benchmark"
repetitions = sys.argv[2] if len(sys.argv) > 2 else "5"
run = subprocess.run(
    [binary, "--benchmark_format=json", f"--benchmark_repetitions={repetitions}",
     "--benchmark_report_aggregates_only=true"],
    check=True, capture_output=True, text=True)
# The binary prints its peer-equality line before the JSON document.
document = json.loads(run.stdout[run.stdout.index("{"):])

rows = {}
for b in document["benchmarks"]:
    if b.get("aggregate_name") != "median":
        continue
    name = b["run_name"]
    rows[name] = {
        "ns": b["cpu_time"] if b["time_unit"] == "ns" else b["cpu_time"] * 1e6,
        "mbs": b.get("bytes_per_second", 0) / 1e6,
        "allocs": b.get("allocs/op"),
    }

def baseline(name):
    # decode/ours/response -> decode/boost.json/response; decode+validate -> decode;
    # batch10k/decode+validate/ours -> batch10k/decode/boost.json
    parts = name.split("/")
    if parts[0] == "batch10k":
        return "batch10k/decode/boost.json"
    operation = {"decode+validate": "decode", "round_trip": None, "validate": None}.get(
        parts[0], parts[0])
    if operation is None:
        return None
    return f"{operation}/boost.json/{parts[2]}"

print(f"machine: {document['context'].get('num_cpus')} CPUs at "
      f"{document['context'].get('mhz_per_cpu')} MHz; medians of {repetitions} repetitions, CPU time")
print("| benchmark | ns/op | MB/s | allocs/op | vs Boost.JSON |")
print("|---|---:|---:|---:|---:|")
for name, row in rows.items():
    base = baseline(name)
    ratio = ""
    if base and base in rows and base != name:
        ratio = f"{rows[base]['ns'] / row['ns']:.2f}x"
    allocs = "" if row["allocs"] is None else f"{row['allocs']:.0f}"
    mbs = f"{row['mbs']:.0f}" if row["mbs"] else ""
    print(f"| {name} | {row['ns']:.0f} | {mbs} | {allocs} | {ratio} |")
