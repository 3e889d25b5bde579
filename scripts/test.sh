#!/usr/bin/env bash
# Quick start 2: set up, build, and run every test (unit, integration, cross-process).
# Installs what the tests need, starts the brokers they use (scripts/services.sh) and stops them afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
export GS_CMAKE_ARGS="${GS_CMAKE_ARGS:--DGS_WERROR=ON}"
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
