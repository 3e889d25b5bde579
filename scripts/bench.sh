#!/usr/bin/env bash
# Runs the benchmarks (not part of the tests), each comparing side by side in one run.
# Usage: scripts/bench.sh [all|webhook|calendar|gui|validate|editor|streams] [args...]
#   webhook [seconds] [connections]   wrk -> gwctl run -> nginx, beside nginx directly
#   calendar [minutes] [sources]      10,000 calendar sources: jitter, idle CPU, calendar next speed
#   gui [seconds] [rate,rate,...]     the app's live view offscreen: longest GUI-thread stall per event rate,
#                                     then resident memory with 100,000 retained events (a fresh process)
#   validate [per-type] [runs]        1,000 sources of all eight types validated, beside yaml-cpp loading them
#   editor [keystrokes] [sources]     keystroke-to-marker latency in the app's editor on a 1,000-line file,
#                                     with and without the editor's debounce
#   streams [count] [size] [brokers]  ingest per stream gateway (nats,mqtt,kafka,amqp) counted out of the gateway
#                                     client, NATS beside a plain cnats subscriber; brokers from scripts/services.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh bench test >&2
what=${1:-all}
[ $# -gt 0 ] && shift
# The stream benchmark's brokers: started on loopback with free ports, stopped by pid on exit.
streams() {
  local dir; dir="$(pwd)/build/bench-services"
  scripts/services.sh stop --dir "$dir" 2>/dev/null || true
  trap 'scripts/services.sh stop --dir "'"$dir"'"' EXIT
  eval "$(scripts/services.sh start --dir "$dir")"
  build/bench/gs_bench_streams "$@"
}
case "$what" in
  webhook) bench/webhook/run.sh "$@" ;;
  calendar) build/bench/gs_bench_calendar "$@" ;;
  gui) build/bench/gs_bench_gui rates "$@"; build/bench/gs_bench_gui memory ;;
  validate) build/bench/gs_bench_validate "$@" ;;
  editor) build/bench/gs_bench_editor "$@" ;;
  streams) streams "$@" ;;
  all) bench/webhook/run.sh; build/bench/gs_bench_calendar; build/bench/gs_bench_gui rates; build/bench/gs_bench_gui memory
       build/bench/gs_bench_validate; build/bench/gs_bench_editor; streams ;;
  *) echo "bench.sh: unknown benchmark '$what' (all, webhook, calendar, gui, validate, editor, streams)" >&2; exit 2 ;;
esac
