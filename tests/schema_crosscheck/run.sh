#!/usr/bin/env bash
# Cross-checks pc-customer's JSON Schema with ajv: installs ajv and ajv-formats from the npm
# registry (exact versions from package-lock.json) when they are missing or stale, then runs
# check.mjs. The last line printed is "N judged by ajv, K skipped (...), M failed".
# Then the same for generic_order_tool (a user's struct with numbers and maps) over
# generic_corpus/.
#   tests/schema_crosscheck/run.sh [PATH/TO/pc-customer [PATH/TO/generic_order_tool]]
#   (defaults: build/release's)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
program="${1:-$here/../../build/release/examples/pc-customer/pc-customer}"
generic="${2:-$(dirname "$program")/../../tests/generic_order_tool}"
if [[ ! -x "$program" ]]; then
  echo "run.sh: no pc-customer at $program; build it first (cmake --build --preset release)" >&2
  exit 2
fi

if [[ ! -x "$generic" ]]; then
  echo "run.sh: no generic_order_tool at $generic; build it first" >&2
  exit 2
fi

# check.mjs runs from this folder: make the programs' paths absolute first.
program="$(cd "$(dirname "$program")" && pwd)/$(basename "$program")"
generic="$(cd "$(dirname "$generic")" && pwd)/$(basename "$generic")"
cd "$here"
# npm ci records the lock it installed from in node_modules/.package-lock.json.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
node check.mjs "$program"
node check.mjs "$generic" "$here/generic_corpus"
