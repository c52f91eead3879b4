#!/usr/bin/env python3
"""Runs the benchmark binary and prints the README's speed table: medians over repetitions,
ns/op, MB/s, allocations per operation, and each row's speed-up over the Boost.JSON row of the
same operation and payload.

    python3 benchmarks/report.py [build/release/benchmarks/customer_benchmark] [REPETITIONS] [--all]

With --all it also runs benchmarks/ndjson_throughput.py (on the pc-customer beside the binary's
build tree) and benchmarks/compile_cost.sh, and judges their targets too: about three more
minutes.
"""
import json
import os
import re
import subprocess
import sys

arguments = [a for a in sys.argv[1:] if a != "--all"]
everything = "--all" in sys.argv[1:]
binary = arguments[0] if len(arguments) > 0 else "build/release/benchmarks/customer_benchmark"
repetitions = arguments[1] if len(arguments) > 1 else "5"
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
    """The Boost.JSON row a row is divided by, and what that division means."""
    # decode/ours/response -> decode/boost.json/response; decode+validate -> decode;
    # batch10k/decode+validate/ours -> batch10k/decode/boost.json
    parts = name.split("/")
    if parts[0] == "batch10k":
        base = "batch10k/decode/boost.json"
        label = ("vs Boost.JSON's decode alone" if parts[1] == "decode+validate"
                 else "vs Boost.JSON's decode")
        return base, label
    if parts[0] == "decode+validate":
        # Not the same operation: Boost.JSON's row decodes and does not validate.
        return f"decode/boost.json/{parts[2]}", "vs Boost.JSON's decode alone (no validation)"
    if parts[0] in ("decode", "encode"):
        verb = "DOM + value_to" if parts[0] == "decode" else "value_from + serialize"
        return f"{parts[0]}/boost.json/{parts[2]}", f"vs Boost.JSON {verb}, same operation"
    return None, ""

print(f"machine: {document['context'].get('num_cpus')} CPUs at "
      f"{document['context'].get('mhz_per_cpu')} MHz; medians of {repetitions} repetitions, CPU time")
print("| benchmark | ns/op | MB/s | allocs/op | speed-up | divided by |")
print("|---|---:|---:|---:|---:|---|")
for name, row in rows.items():
    base, label = baseline(name)
    ratio = ""
    if base and base in rows and base != name:
        ratio = f"{rows[base]['ns'] / row['ns']:.2f}x"
    else:
        label = ""
    allocs = "" if row["allocs"] is None else f"{row['allocs']:.0f}"
    mbs = f"{row['mbs']:.0f}" if row["mbs"] else ""
    print(f"| {name} | {row['ns']:.0f} | {mbs} | {allocs} | {ratio} | {label} |")

# The performance targets this binary can judge, each with its measured figure.
def speedup(name):
    base, _ = baseline(name)
    if name not in rows or base not in rows:
        return None
    return rows[base]["ns"] / rows[name]["ns"]

def verdict(met):
    return "MET" if met else "MISSED"

print()
print("| target | measured | verdict |")
print("|---|---:|---|")
validate = rows.get("validate/ours/request")
if validate:
    allocs = validate["allocs"] or 0
    print(f"| validate alone (documented request): under 150 ns, 0 allocations | "
          f"{validate['ns']:.0f} ns, {allocs:.0f} allocations | "
          f"{verdict(validate['ns'] < 150 and allocs == 0)} |")
for payload in ("request", "response"):
    r = speedup(f"decode+validate/ours/{payload}")
    if r is not None:
        print(f"| decode + validate ({payload}): at least 4x Boost.JSON DOM + value_to | "
              f"{r:.2f}x | {verdict(r >= 4)} |")
for payload in ("request", "response"):
    r = speedup(f"encode/ours/{payload}")
    if r is not None:
        print(f"| encode ({payload}): at least 7x value_from + serialize | {r:.2f}x | "
              f"{verdict(r >= 7)} |")

if everything:
    here = os.path.dirname(os.path.abspath(__file__))
    build = os.path.dirname(os.path.dirname(os.path.abspath(binary)))
    pc_customer = os.path.join(build, "examples", "pc-customer", "pc-customer")
    ndjson = subprocess.run(
        [sys.executable, os.path.join(here, "ndjson_throughput.py"), pc_customer, "--runs", "5"],
        check=True, capture_output=True, text=True).stdout
    speed = re.search(r"validate --ndjson \| ([0-9.]+) MB/s \| peak RSS ([0-9.]+) MiB", ndjson)
    versus = re.search(r"([0-9.]+)x as fast as json.loads", ndjson)
    if speed and versus:
        mbs, rss, ratio = float(speed.group(1)), float(speed.group(2)), float(versus.group(1))
        print(f"| pc-customer validate --ndjson: at least 400 MB/s, flat memory | "
              f"{mbs:.0f} MB/s, {rss:.1f} MiB peak | {verdict(mbs >= 400)} |")
        print(f"| pc-customer validate --ndjson: at least 3x Python's json.loads | {ratio:.2f}x | "
              f"{verdict(ratio >= 3)} |")
    compile_cost = subprocess.run(
        ["bash", os.path.join(here, "compile_cost.sh"), "3"],
        check=True, capture_output=True, text=True).stdout
    found = re.search(r"Describe: ([0-9.]+)", compile_cost)
    if found:
        ratio = float(found.group(1))
        print(f"| compile: the umbrella TU at most 1.5x Boost.JSON + Describe | {ratio:.2f}x | "
              f"{verdict(ratio <= 1.5)} |")
