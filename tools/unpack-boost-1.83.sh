#!/usr/bin/env bash
# Unpacks Boost 1.83 from bookworm-backports into a prefix inside the build tree (default
# build/boost-1.83), so the library can be built and tested against it while the system keeps
# Boost 1.81: the boost-1.83 preset points find_package(Boost) there. Nothing is installed; the
# .debs are fetched with `apt-get download` and unpacked with `dpkg -x`, so root is not needed.
#
#   bash tools/unpack-boost-1.83.sh [PREFIX]
#
# Needs bookworm-backports in apt's sources, which tools/install-dependencies.sh adds
# (https://backports.debian.org/Instructions/). Safe to run again: a complete prefix is left as
# it is.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
readonly prefix=${1:-build/boost-1.83}
readonly stamp="${prefix}/.unpacked"

# The headers (libboost1.83-dev) and, for each compiled library the build links, its -dev package
# (CMake package, .so link) and its runtime package (the .so.1.83.0). Boost.JSON needs
# Boost.Container and Boost.System (libboost-json1.83-dev's Depends), Boost.URL needs
# Boost.System; Describe, Mp11, Asio and Beast are headers only.
readonly packages=(
  libboost1.83-dev
  libboost-json1.83-dev libboost-json1.83.0
  libboost-url1.83-dev libboost-url1.83.0
  libboost-container1.83-dev libboost-container1.83.0
  libboost-system1.83-dev libboost-system1.83.0
)

if [[ -f ${stamp} && $(<"${stamp}") == "${packages[*]}" ]]; then
  echo "unpack-boost-1.83: ${prefix} already holds Boost 1.83"
  exit 0
fi

for package in "${packages[@]}"; do
  if [[ -z $(apt-cache policy "${package}" | awk '$1 == "Candidate:" && $2 != "(none)"') ]]; then
    echo "unpack-boost-1.83: apt knows no ${package}; add bookworm-backports and run" \
      "apt-get update (tools/install-dependencies.sh does both, as root)" >&2
    exit 1
  fi
done

# Start from nothing, so a half-finished earlier run leaves no stale file behind.
rm -rf "${prefix}"
mkdir -p "${prefix}"
downloads=$(mktemp -d)
trap 'rm -rf "${downloads}"' EXIT
# apt-get download writes into the current directory. As root it warns that its sandbox user
# cannot write to this private directory and downloads as root; that line is dropped.
(cd "${downloads}" && apt-get download -q "${packages[@]}" 2>&1 >/dev/null |
  { grep -v "^W: Download is performed unsandboxed as root" || true; } >&2)
for deb in "${downloads}"/*.deb; do
  dpkg -x "${deb}" "${prefix}"
done

readonly multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)
readonly config="${prefix}/usr/lib/${multiarch}/cmake/Boost-1.83.0/BoostConfig.cmake"
if [[ ! -f ${config} ]]; then
  echo "unpack-boost-1.83: ${config} is missing after unpacking" >&2
  exit 1
fi
echo "${packages[*]}" >"${stamp}"
echo "unpack-boost-1.83: Boost 1.83 in ${prefix} (find_package: -DBoost_ROOT=$(realpath "${prefix}")/usr)"
