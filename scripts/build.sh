#!/usr/bin/env bash
# Installs the build packages (once) and builds everything into build/ (binaries in build/bin).
# Usage: scripts/build.sh [package-group...]   (default group: build)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/packages.sh "${@:-build}"
BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo}
if [ ! -f build/CMakeCache.txt ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" ${GS_CMAKE_ARGS:-}
elif [ -n "${GS_CMAKE_ARGS:-}" ]; then
  # An existing build (say, from the demo) takes the caller's options too (the tests' -DGS_WERROR=ON).
  cmake -S . -B build ${GS_CMAKE_ARGS} >/dev/null
fi
cmake --build build -j"$(nproc)"
