#!/usr/bin/env bash
# Installs the build packages (once) and builds into build/ (binaries in build/bin).
# Usage: scripts/build.sh [package-group...]   (default group: build)
# GS_BUILD_TARGETS: the targets to build (default: everything); GS_CMAKE_ARGS: extra CMake options.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/packages.sh "${@:-build}"
BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo}
# Warnings are errors for the demo and the tests alike: the same flags, so neither rebuilds the other's work.
CMAKE_ARGS="-DGS_WERROR=ON ${GS_CMAKE_ARGS:-}"
if [ ! -f build/CMakeCache.txt ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" $CMAKE_ARGS
else
  cmake -S . -B build $CMAKE_ARGS >/dev/null
fi
targets=()
for t in ${GS_BUILD_TARGETS:-}; do targets+=(--target "$t"); done
cmake --build build -j"$(nproc)" "${targets[@]}"
