#!/usr/bin/env bash
# Quick start 1: set up, build, and run the offline demo: a webhook gateway fed by a generator and a
# calendar gateway. With a display ($DISPLAY or $WAYLAND_DISPLAY) it opens the desktop app
# (gateway-studio --demo); without one it runs `gwctl demo`, printing every delivered event as a
# CloudEvents JSON line. Ctrl+C (or closing the window) stops it. Arguments go to the program run.
set -euo pipefail
cd "$(dirname "$0")/.."
# Only the two programs: the tests and benchmarks are built by scripts/test.sh and scripts/bench.sh.
GS_BUILD_TARGETS="gwctl gateway-studio" scripts/build.sh build >&2
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec build/bin/gateway-studio --demo "$@"
fi
exec build/bin/gwctl demo "$@"
