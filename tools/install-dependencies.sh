#!/usr/bin/env bash
# Installs what a fresh Debian 12 (bookworm) machine needs to configure, build and test
# partner-center-cpp: compilers, CMake + Ninja, Boost 1.81, PCRE2 (found with pkg-config),
# Catch2 v3, Google Benchmark and the JSON libraries it compares with, libcurl, and Python 3
# (the country table generator and its test, benchmarks/report.py; the generator's inputs,
# ISO 3166-1 included, are in data/).
#
# Run as root:  bash tools/install-dependencies.sh
# Safe to run again; output goes to a log under /tmp, the terminal gets one summary line.
# -E so the ERR trap (log tail on failure) also fires inside functions.
set -Eeuo pipefail

readonly log=/tmp/partner-center-install-dependencies.log
readonly backports_source=/etc/apt/sources.list.d/bookworm-backports.sources

# Node.js comes from the image (nodesource); Debian's nodejs/npm would conflict with it.
readonly packages=(
  cmake
  ninja-build
  g++
  clang-14
  libclang-rt-14-dev
  libboost1.81-dev
  libboost-json1.81-dev
  libboost-url1.81-dev
  libpcre2-dev
  pkgconf
  libcatch2-dev # v3; bookworm itself has only Catch2 v2 (package "catch2")
  libbenchmark-dev
  libcurl4-openssl-dev
  libssl-dev
  rapidjson-dev
  nlohmann-json3-dev
  libre2-dev # benchmarks/pattern_benchmark: RE2 beside PCRE2, Boost.Regex and std::regex
  python3
  time # GNU time: benchmarks/compile_cost.sh reads the compiler's peak memory from it
)

on_error() {
  local status=$?
  echo "install-dependencies: FAILED (exit ${status}); last lines of ${log}:" >&2
  tail -n 40 "${log}" >&2 || true
  exit "${status}"
}
trap on_error ERR

if [[ ${EUID} -ne 0 ]]; then
  echo "install-dependencies: must run as root (try: sudo bash $0)" >&2
  exit 2
fi

export DEBIAN_FRONTEND=noninteractive
: >"${log}"

# Prints the version apt would install for a package, or nothing.
candidate_version() {
  apt-cache policy "$1" 2>/dev/null | awk '$1 == "Candidate:" && $2 != "(none)" { print $2 }'
}

# Prints the installed version of a package, or nothing.
installed_version() {
  dpkg-query -W -f='${db:Status-Status} ${Version}\n' "$1" 2>/dev/null |
    awk '$1 == "installed" { print $2 }'
}

catch2_v3_available() {
  local version
  version=$(candidate_version libcatch2-dev)
  [[ -n ${version} ]] && dpkg --compare-versions "${version}" ge 3
}

# tools/unpack-boost-1.83.sh fetches Boost 1.83 from bookworm-backports without installing it
# (the boost-1.83 preset builds against it), so apt must know the package.
boost_1_83_available() {
  [[ -n $(candidate_version libboost-json1.83-dev) ]]
}

all_installed() {
  local package
  for package in "${packages[@]}"; do
    [[ -n $(installed_version "${package}") ]] || return 1
  done
  dpkg --compare-versions "$(installed_version libcatch2-dev)" ge 3
}

# A machine that already has everything (a CI re-run, a developer box) needs no network.
if all_installed && boost_1_83_available; then
  echo "install-dependencies: all ${#packages[@]} packages already installed (log: ${log})"
  exit 0
fi

apt-get update -q >>"${log}" 2>&1

added_backports=no
if ! catch2_v3_available || ! boost_1_83_available; then
  # Backports keep their default low priority: only packages that exist nowhere else
  # (libcatch2-dev, Boost 1.83) come from there; cmake, g++, Boost 1.81 and the rest stay on
  # bookworm's versions.
  cat >"${backports_source}" <<'SOURCES'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
  added_backports=yes
  echo "added ${backports_source}" >>"${log}"
  apt-get update -q >>"${log}" 2>&1
  if ! catch2_v3_available || ! boost_1_83_available; then
    echo "libcatch2-dev >= 3 or libboost-json1.83-dev still has no candidate after adding" \
      "bookworm-backports" >>"${log}"
    false
  fi
fi

apt-get install -y -q --no-install-recommends -o Dpkg::Use-Pty=0 "${packages[@]}" \
  >>"${log}" 2>&1

summary="installed/verified ${#packages[@]} packages, Catch2 $(installed_version libcatch2-dev)"
if [[ ${added_backports} == yes ]]; then
  summary+=", added bookworm-backports"
fi
echo "install-dependencies: ${summary} (log: ${log})"
