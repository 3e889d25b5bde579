#!/usr/bin/env bash
# Quick start 2: set up, build, and run every test (unit, integration, cross-process).
# Installs what the tests need, starts the brokers they use (scripts/services.sh) and stops them afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh test
# The CloudEvents JavaScript SDK (pinned by package-lock.json) for the interoperability tests.
peer=build/peers/cloudevents-js
mkdir -p "$peer"
if ! cmp -s tests/peers/cloudevents-js/package-lock.json "$peer/package-lock.json" || [ ! -d "$peer/node_modules/cloudevents" ]; then
  cp tests/peers/cloudevents-js/package.json tests/peers/cloudevents-js/package-lock.json "$peer/"
  (cd "$peer" && npm ci --no-audit --no-fund --loglevel=error)
fi
# Real brokers on loopback with free ports (mosquitto, nats-server, RabbitMQ, the Kafka mock cluster),
# exported to the tests as GS_TEST_* (scripts/services.sh lists them) and stopped, by pid, when this
# script exits for any reason. Leftovers of an interrupted run are stopped first.
root="$(pwd)"
svc="$root/build/services"
scripts/services.sh stop --dir "$svc" 2>/dev/null || true
ctest_pid=""
trap '"$root/scripts/services.sh" stop --dir "$svc"' EXIT
# ctest runs in a session of its own, in the background, so a signal reaches this script at once (bash
# defers traps while a foreground child runs); the trap then stops ctest and its tests by that group.
stop_tests() { [ -n "$ctest_pid" ] && kill -TERM -- "-$ctest_pid" 2>/dev/null; ctest_pid=""; }
trap 'stop_tests; exit 130' INT
trap 'stop_tests; exit 143' TERM
services_env=$(scripts/services.sh start --dir "$svc")
eval "$services_env"
cd build
# Tests pick free loopback ports and start/stop their own peers (gwctl, Python grpcio, sinks, private brokers).
setsid ctest --output-on-failure -j"$(nproc)" --timeout 300 "$@" &
ctest_pid=$!
wait "$ctest_pid"
cd "$root"

# The YAML parser's libFuzzer target: a second build with clang (gs_core, gs_spec and the target only,
# with ASan and UBSan), run for a bounded time over a corpus seeded with the test data.
# GS_FUZZ_SECONDS=0 skips it.
fuzz_seconds=${GS_FUZZ_SECONDS:-45}
if [ "$fuzz_seconds" -gt 0 ]; then
  if [ ! -f build-fuzz/CMakeCache.txt ]; then
    CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGS_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
  fi
  cmake --build build-fuzz --target gs_fuzz_yaml -j"$(nproc)"
  mkdir -p build-fuzz/corpus
  echo "test.sh: fuzzing the YAML parser for ${fuzz_seconds}s" >&2
  build-fuzz/fuzz/gs_fuzz_yaml -seed=1 -max_total_time="$fuzz_seconds" -timeout=5 -rss_limit_mb=2048 -max_len=16384 \
    -dict=tests/fuzz/yaml.dict -print_final_stats=1 -artifact_prefix=build-fuzz/ \
    build-fuzz/corpus tests/data/spec resources/examples 2>build-fuzz/fuzz.log \
    || { tail -n 60 build-fuzz/fuzz.log >&2; echo "test.sh: the fuzz target found a problem (input in build-fuzz/crash-*)" >&2; exit 1; }
  grep -E "^stat::number_of_executed_units|^Done" build-fuzz/fuzz.log >&2 || true
fi
