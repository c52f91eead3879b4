#!/usr/bin/env bash
# Compile cost of one translation unit that decodes, validates and encodes a Customer: ours
# (umbrella header) next to Boost.JSON + Describe alone and nlohmann/json. Prints wall time and
# peak memory of the compiler (median of RUNS), and the stripped size of each program.
#   benchmarks/compile_cost.sh [RUNS]      (g++ -O2 -std=c++20, one job at a time)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cxx=${CXX:-g++}
flags=(-std=c++20 -O2 -DNDEBUG -Iinclude)

measure() {  # name source libraries...
  local name=$1 source=$2
  shift 2
  local times=() memories=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$out/time" "$cxx" "${flags[@]}" -c "$source" -o "$out/$name.o"
    read -r seconds kilobytes <"$out/time"
    times+=("$seconds")
    memories+=("$kilobytes")
  done
  "$cxx" "$out/$name.o" -o "$out/$name" "$@"
  strip "$out/$name"
  local median_time median_memory size
  median_time=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
  median_memory=$(printf '%s\n' "${memories[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
  size=$(stat -c %s "$out/$name")
  printf '| %-28s | %8.2f s | %7d MB | %8d KB |\n' "$name" "$median_time" \
    $((median_memory / 1024)) $((size / 1024))
  eval "time_$name=$median_time"
}

echo "| translation unit             |  compile  |  memory   | stripped  |"
echo "|------------------------------|-----------|-----------|-----------|"
measure partner_center benchmarks/compile_cost/ours.cpp -lboost_json -lpcre2-8
measure boost_json_describe benchmarks/compile_cost/boost_json_describe.cpp -lboost_json
measure nlohmann benchmarks/compile_cost/nlohmann.cpp
awk -v a="$time_partner_center" -v b="$time_boost_json_describe" \
  'BEGIN { printf "compile time ratio, partner_center / Boost.JSON + Describe: %.2f\n", a / b }'
