#!/usr/bin/env python3
"""Throughput and peak memory of `pc-customer validate --ndjson`, next to Python's json.loads.

    benchmarks/ndjson_throughput.py [PC_CUSTOMER] [--lines N] [--runs K]

Writes N valid create requests (100,000 by default) as one NDJSON file in a temporary
directory: five markets (US, PT, DE, RU, FR), varied lengths, every other line with PascalCase
keys, the same shapes as the benchmark's "batch10k" documents. Then runs pc-customer over it K
times (10 by default) and reports the best wall time as MB/s, with the child's peak resident set
size (getrusage's ru_maxrss). The same lines are then read and parsed by json.loads, one per line,
also best of K, so the last line compares the two on the same input and the same machine.

pc-customer must report every line valid (exit status 0); otherwise the figures would time the
error path and the script fails.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

MARKETS = [
    # country, culture, state, postal code, phone, registration number
    ("US", "en-US", "WA", "98052", "425-555-0101", None),
    ("PT", "pt-PT", None, "1000-001", None, None),
    ("DE", "de-DE", None, "10115", None, None),
    ("RU", "ru-RU", None, "101000", "+7 495 000 00 00", "7707083893"),
    ("FR", "fr-FR", None, "75001", None, None),
]


def pascal_case_keys(document):
    """The same document with each member name's first letter in upper case."""
    if isinstance(document, dict):
        return {k[:1].upper() + k[1:]: pascal_case_keys(v) for k, v in document.items()}
    return document


def request(i):
    country, culture, state, postal, phone, registration = MARKETS[i % len(MARKETS)]
    n = str(i)
    company = {"domain": f"contoso{n}.onmicrosoft.com"}
    if registration:
        company["organizationRegistrationNumber"] = registration
    address = {"country": country, "city": f"City {n}"}
    if state:
        address["state"] = state
    address["postalCode"] = postal
    if phone:
        address["phoneNumber"] = phone
    address["addressLine1"] = f"{i % 997} Main Street{' ' * (i % 60)}."
    if i % 3 == 0:
        address["addressLine2"] = f"Floor {i % 50}"
    address["firstName"] = "Gena"
    address["lastName"] = "Soto"
    document = {
        "companyProfile": company,
        "billingProfile": {
            "email": f"billing{n}@contoso.example",
            "culture": culture,
            "language": culture[:2],
            "companyName": f"Contoso {'x' * (i % 40)}{n}",
            "defaultAddress": address,
        },
        "associatedPartnerId": "484e548c-f5f3-4528-93a9-c16c6373cb59",
    }
    return pascal_case_keys(document) if i % 2 else document


def run_pc_customer(pc_customer, path):
    """Wall seconds of one run."""
    start = time.perf_counter()
    child = subprocess.run([pc_customer, "validate", "--ndjson", path],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    seconds = time.perf_counter() - start
    if child.returncode != 0:
        sys.exit(f"pc-customer exited {child.returncode}: "
                 f"{child.stderr.decode(errors='replace')[:400]}")
    return seconds


def peak_rss_kib(pc_customer, path):
    """Peak RSS of one run, measured on its own so earlier children do not mask it."""
    script = ("import os,resource,subprocess,sys;"
              "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,check=True);"
              "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", script, pc_customer, "validate", "--ndjson", path],
                         capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def python_json_loads(path):
    start = time.perf_counter()
    with open(path, "rb") as f:
        for line in f:
            json.loads(line)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pc_customer", nargs="?",
                        default="build/release/examples/pc-customer/pc-customer")
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    if args.lines < 1 or args.runs < 1:
        parser.error("--lines and --runs must be at least 1")

    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "requests.ndjson")
        with open(path, "w", encoding="utf-8") as f:
            for i in range(args.lines):
                f.write(json.dumps(request(i), separators=(",", ":"), ensure_ascii=False))
                f.write("\n")
        size = os.path.getsize(path)

        ours = min(run_pc_customer(args.pc_customer, path) for _ in range(args.runs))
        peak = peak_rss_kib(args.pc_customer, path)
        python = min(python_json_loads(path) for _ in range(args.runs))

    mb = size / 1e6
    print(f"{args.lines:,} documents, {mb:.1f} MB; best of {args.runs} runs, wall time; "
          f"{os.cpu_count()} CPUs")
    print(f"| pc-customer validate --ndjson | {mb / ours:.0f} MB/s | peak RSS {peak / 1024:.1f} MiB |")
    print(f"| Python {sys.version.split()[0]} json.loads per line (parse only) | "
          f"{mb / python:.0f} MB/s | |")
    print(f"pc-customer decodes and validates {python / ours:.2f}x as fast as json.loads parses")


if __name__ == "__main__":
    main()
