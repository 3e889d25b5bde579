#!/usr/bin/env bash
# Quick start 1: set up, build, and run the offline demo (a webhook gateway fed by a generator;
# every delivered event printed as a CloudEvents JSON line). Ctrl+C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh build >&2
exec build/bin/gwctl demo "$@"
