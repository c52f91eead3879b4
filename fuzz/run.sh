#!/usr/bin/env bash
# Builds the libFuzzer targets (configure preset `fuzz`) and runs each for a fixed time over a
# fresh copy of its seed corpus (fuzz/corpus/<target>), one after the other.
#
#   fuzz/run.sh [SECONDS] [TARGET...]    SECONDS per target, 60 by default; all targets by default
#
# A crash, a sanitizer report, a leak, an input slower than 10 s, or more than 2 GB of memory
# fails the run: the exit status is non-zero and the reproducer's path is printed. Replay one with
#   build/fuzz/fuzz/fuzz_<target> <reproducer>
# New inputs found are kept in build/fuzz/runs/<target>/corpus; copy the interesting ones to
# fuzz/corpus/<target> (small files only) to seed later runs.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

seconds=${1:-60}
if [[ $# -gt 0 ]]; then
  shift
fi
if ! [[ ${seconds} =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: fuzz/run.sh [SECONDS] [TARGET...]" >&2
  exit 2
fi

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

build=build/fuzz
if [[ $# -gt 0 ]]; then
  targets=("$@")
else
  mapfile -t targets <"${build}/fuzz/targets.txt"
fi

failed=()
for target in "${targets[@]}"; do
  binary=${build}/fuzz/fuzz_${target}
  if [[ ! -x ${binary} ]]; then
    echo "fuzz/run.sh: no fuzz target \"${target}\"" >&2
    exit 2
  fi
  work=${build}/runs/${target}
  rm -rf "${work}"
  mkdir -p "${work}/corpus" "${work}/artifacts"
  cp fuzz/corpus/"${target}"/* "${work}/corpus/"

  printf '\n==== fuzz %s: %s s ====\n' "${target}" "${seconds}"
  status=0
  # -timeout: one input taking longer is a hang. -rss_limit_mb also caps any one allocation.
  # detect_leaks is libFuzzer's default under ASan; named here because a leak must fail.
  ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "${binary}" "${work}/corpus" \
    -max_total_time="${seconds}" -timeout=10 -rss_limit_mb=2048 \
    -dict=fuzz/json.dict -artifact_prefix="${work}/artifacts/" \
    -print_final_stats=1 >"${work}/log" 2>&1 || status=$?
  grep -E '^(#[0-9]+ +DONE|Done [0-9]+ runs|stat::number_of_executed_units|stat::peak_rss_mb)' \
    "${work}/log" || true
  reproducers=$(find "${work}/artifacts" -type f)
  if [[ ${status} -ne 0 || -n ${reproducers} ]]; then
    tail -n 60 "${work}/log"
    echo "FAILED: ${target} (exit ${status}); log ${work}/log"
    for reproducer in ${reproducers}; do
      echo "reproducer: ${reproducer}"
    done
    failed+=("${target}")
  fi
done

echo
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzz/run.sh: ${#failed[@]} of ${#targets[@]} targets failed: ${failed[*]}"
  exit 1
fi
echo "fuzz/run.sh: ${#targets[@]} targets ran ${seconds} s each without a finding"
