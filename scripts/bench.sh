#!/usr/bin/env bash
# Runs the benchmarks (not part of the tests). Usage: scripts/bench.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh bench >&2
bench/webhook/run.sh "$@"
