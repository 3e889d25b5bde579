#!/usr/bin/env bash
# Quick start 2: set up, build, and run every test (unit, integration, cross-process).
# Installs what the tests need, starts the services they use and stops them afterwards.
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
cd build
# Tests pick free loopback ports and start/stop their own peers (gwctl, Python grpcio, sinks).
ctest --output-on-failure -j"$(nproc)" --timeout 300 "$@"
