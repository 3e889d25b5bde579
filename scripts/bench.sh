#!/usr/bin/env bash
# Runs the benchmarks (not part of the tests), each comparing side by side in one run.
# Usage: scripts/bench.sh [all|webhook|calendar|gui|validate|editor] [args...]
#   webhook [seconds] [connections]   wrk -> gwctl run -> nginx, beside nginx directly
#   calendar [minutes] [sources]      10,000 calendar sources: jitter, idle CPU, calendar next speed
#   gui [seconds] [rate,rate,...]     the app's live view offscreen: longest GUI-thread stall per event rate,
#                                     then resident memory with 100,000 retained events (a fresh process)
#   validate [per-type] [runs]        1,000 sources of all eight types validated, beside yaml-cpp loading them
#   editor [keystrokes] [sources]     keystroke-to-marker latency in the app's editor on a 1,000-line file,
#                                     with and without the editor's debounce
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh bench >&2
what=${1:-all}
[ $# -gt 0 ] && shift
case "$what" in
  webhook) bench/webhook/run.sh "$@" ;;
  calendar) build/bench/gs_bench_calendar "$@" ;;
  gui) build/bench/gs_bench_gui rates "$@"; build/bench/gs_bench_gui memory ;;
  validate) build/bench/gs_bench_validate "$@" ;;
  editor) build/bench/gs_bench_editor "$@" ;;
  all) bench/webhook/run.sh; build/bench/gs_bench_calendar; build/bench/gs_bench_gui rates; build/bench/gs_bench_gui memory
       build/bench/gs_bench_validate; build/bench/gs_bench_editor ;;
  *) echo "bench.sh: unknown benchmark '$what' (all, webhook, calendar, gui, validate, editor)" >&2; exit 2 ;;
esac
